// Text from YAML never runs as script. The fixture course `hostile-text`
// puts script-injection attempts in every title, summary, objective and
// interface string; opening every page of the built site must raise no
// dialog and no error, and show those texts as text.
// (tests/output_safety.rs checks the same HTML without a browser.)

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';

/** Every .html file under dir, as paths relative to it. */
function htmlPages(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('text from YAML is never run', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse('tests/fixtures/hostile-text');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('opening every page runs nothing', async () => {
    const pages = htmlPages(site);
    assert.ok(pages.length >= 5, `only ${pages.length} pages: ${pages.join(', ')}`);
    for (const path of pages) {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      const dialogs = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        await dialog.dismiss();
      });
      await page.goto(fileUrl(site, path));
      await page.waitForLoadState('load');
      // Hovering and focusing would fire injected event handlers.
      await page.mouse.move(10, 10);
      await page.keyboard.press('Tab');
      assert.deepEqual(dialogs, [], `${path} opened a dialog`);
      assert.deepEqual(errors, [], `${path} had errors`);
      await page.context().close();
    }
  });

  test('the texts are shown as written', async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'module/first.html'));
    assert.equal(await page.title(), '"><img src=x onerror=alert(1)> · <script>alert(1)</script>');
    // The module list is drawn from assets/toc/ by the theme's script.
    const modules = await page.locator('#nav-modules a').allTextContents();
    assert.ok(modules.includes('</script><script>alert(1)</script>'), modules.join(' | '));
    const objectives = await page.locator('.objectives li').allTextContents();
    assert.deepEqual(objectives, ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']);
    assert.equal(await page.locator('img').count(), 0, 'no image was made from text');
    await page.context().close();
  });
});
