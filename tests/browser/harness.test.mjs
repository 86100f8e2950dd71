// Self-test of the browser harness (lib.mjs). It needs no brandcamp build:
// it writes a tiny site by hand and proves that Chromium, file:// pages,
// the sub-path HTTP server, the error collector and axe all work here.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  collectPageErrors,
  fileUrl,
  formatViolations,
  launchBrowser,
  newPage,
  runAxe,
  screenshot,
  serveDir,
} from './lib.mjs';

const INDEX = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Harness check</title>
  <link rel="stylesheet" href="assets/style.css">
</head>
<body>
  <main>
    <h1>Harness check</h1>
    <p id="status">Not clicked yet</p>
    <button id="go" type="button">Click me</button>
  </main>
  <script src="assets/app.js"></script>
</body>
</html>
`;
const STYLE = 'body { font-family: sans-serif; color: #111; background: #fff; }\n';
const APP = `document.getElementById('go').addEventListener('click', () => {
  document.getElementById('status').textContent = 'Clicked';
});
`;
const BROKEN = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><img src="missing.png"><script>throw new Error('boom')</script></main></body></html>
`;

describe('browser harness', () => {
  let browser;
  let site;

  before(async () => {
    site = mkdtempSync(join(tmpdir(), 'brandcamp-harness-'));
    mkdirSync(join(site, 'assets'));
    writeFileSync(join(site, 'index.html'), INDEX);
    writeFileSync(join(site, 'assets', 'style.css'), STYLE);
    writeFileSync(join(site, 'assets', 'app.js'), APP);
    writeFileSync(join(site, 'broken.html'), BROKEN);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  // Opens url, clicks the button and checks the text changes, with no errors.
  async function clickThrough(url) {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(url);
    assert.equal(await page.textContent('#status'), 'Not clicked yet');
    await page.click('#go');
    assert.equal(await page.textContent('#status'), 'Clicked');
    assert.deepEqual(errors, []);
    return page;
  }

  test('a page opened via file:// runs its script', async () => {
    const page = await clickThrough(fileUrl(site, 'index.html'));
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    const png = await screenshot(page, 'harness-file');
    assert.deepEqual([...readFileSync(png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.context().close();
  });

  test('fileUrl keeps a #hash', () => {
    assert.match(fileUrl(site, 'index.html#top'), /^file:\/\/.*\/index\.html#top$/);
  });

  test('the same page works under a sub-path over HTTP', async () => {
    const server = await serveDir(site, { prefix: '/some/sub/path/' });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/some\/sub\/path\/$/);
      const page = await clickThrough(server.url);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await page.context().close();
      assert.deepEqual(server.notFound, []);
    } finally {
      await server.close();
    }
  });

  test('serveDir sends content types, redirects and 404s', async () => {
    const server = await serveDir(site, { prefix: 'some/sub/path' });
    const origin = new URL(server.url).origin;
    const get = (path) => fetch(origin + path, { redirect: 'manual' });
    try {
      const types = {
        '/some/sub/path/': 'text/html',
        '/some/sub/path/index.html': 'text/html',
        '/some/sub/path/assets/style.css': 'text/css',
        '/some/sub/path/assets/app.js': 'text/javascript',
      };
      for (const [path, type] of Object.entries(types)) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('content-type').split(';')[0], type, path);
      }
      assert.equal((await get('/some/sub/path')).headers.get('location'), '/some/sub/path/');
      assert.equal((await get('/some/sub/path/assets')).headers.get('location'), '/some/sub/path/assets/');
      for (const path of ['/index.html', '/some/sub/path/nope.css', '/some/sub/path/%2e%2e/%2e%2e/etc/passwd']) {
        assert.equal((await get(path)).status, 404, path);
      }
      assert.equal(server.notFound.length, 3);
      assert.equal((await get('/favicon.ico')).status, 204); // Chromium's own probe
      assert.equal(server.notFound.length, 3);
    } finally {
      await server.close();
    }
  });

  test('collectPageErrors and runAxe do catch problems', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'broken.html'));
    await page.waitForLoadState('load');
    assert.ok(errors.some((e) => e.includes('boom')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('ERR_FILE_NOT_FOUND')), errors.join('\n'));
    const violations = await runAxe(page);
    assert.ok(violations.some((v) => v.id === 'image-alt'), formatViolations(violations));
    await page.context().close();
  });
});
