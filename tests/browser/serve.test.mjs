// Live reload in a real browser: a page served by `brandcamp serve` reloads
// when its lesson is saved, shows a failed build's errors over the page
// (while still showing the last good build), and clears them once fixed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, brandcampBin, collectPageErrors, launchBrowser, newPage } from './lib.mjs';

describe('serve', () => {
  let browser;
  let server;
  let dir;
  let url;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'brandcamp-serve-test-'));
    cpSync(join(REPO_ROOT, 'tests', 'fixtures', 'small-course'), join(dir, 'course'), { recursive: true });
    server = spawn(brandcampBin(), ['serve', join(dir, 'course'), '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr.resume();
    const lines = createInterface({ input: server.stdout });
    url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('serve printed no URL')), 30000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        ok(line.match(/http:\/\/\S+/)[0]);
      });
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGINT');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a saved lesson reloads the page; a broken one shows its errors until fixed', async () => {
    const lesson = join(dir, 'course', '01-bases', '02-strategie.md');
    const original = readFileSync(lesson, 'utf8');
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(url + 'bases/strategie.html');
    // The page's long poll is under way before anything changes.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/__brandcamp/events')));

    appendFileSync(lesson, '\nUne phrase ajoutée pendant la lecture.\n');
    await page.waitForSelector('text=Une phrase ajoutée pendant la lecture.', { timeout: 10000 });

    appendFileSync(lesson, '\n[Lien cassé](99-absente.md)\n');
    const overlay = page.locator('#brandcamp-build-errors');
    await overlay.waitFor({ timeout: 10000 });
    assert.match(await overlay.textContent(), /02-strategie\.md:\d+:\d+: broken link/);
    assert.equal(await page.locator('text=Lien cassé').count(), 0);

    writeFileSync(lesson, original + '\nCorrigé.\n');
    await page.waitForSelector('text=Corrigé.', { timeout: 10000 });
    assert.equal(await overlay.count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
