// The plain site and an LRS (course.yaml's `xapi:`), in real Chromium: with
// an endpoint, each graded attempt reaches a real LRS (Ralph) through a
// same-origin proxy, as valid xAPI statements about the learner of the
// link; without one, no request leaves the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { REPO_ROOT, buildCourse, collectPageErrors, launchBrowser, newPage, serveDir } from './lib.mjs';
import { tempDir } from './scorm-helpers.mjs';
import { CMI5_FIXTURE, COURSE_IRI, LRS_AUTHORIZATION, VERB, startLrs, verbs, xapiProblems } from './cmi5-helpers.mjs';

let browser;
let lrs;

before(async () => {
  lrs = await startLrs();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  lrs?.stop();
});

/**
 * Serves `site` and, under /lrs/, forwards to the LRS with the
 * credentials added: the same-origin proxy of docs/lms.md.
 */
async function serveWithProxy(site) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://site.test');
    if (url.pathname.startsWith('/lrs/')) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const forwarded = await fetch(`${lrs.url}/xAPI/${url.pathname.slice(5)}${url.search}`, {
        method: req.method,
        headers: { Authorization: LRS_AUTHORIZATION, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(forwarded.status, { 'content-type': 'application/json' });
      res.end(await forwarded.text());
      return;
    }
    let path = decodeURIComponent(url.pathname).replace(/^\//, '') || 'index.html';
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(resolve(site, path));
      res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((d) => server.close(d)) };
}

async function answer(page, labels) {
  for (const label of labels) await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Check my answers' }).click();
}

test('with an endpoint, each attempt reaches the LRS as the learner of the link', async (t) => {
  const course = join(tempDir('brandcamp-xapi-'), 'course');
  cpSync(resolve(REPO_ROOT, CMI5_FIXTURE), course, { recursive: true });
  writeFileSync(join(course, 'course.yaml'), readFileSync(join(course, 'course.yaml'), 'utf8') + 'xapi:\n  endpoint: /lrs/\n  learner: link\n');
  const site = buildCourse(course);
  const server = await serveWithProxy(site);
  t.after(() => server.close());
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}index.html?learner=jane%40acme.example&name=Jane%20Doe`);
  await page.locator('[data-resume-link]').click();
  await page.locator('a[rel="next"]').click();
  await page.locator('body[data-kind="quiz"]').waitFor();
  await answer(page, ['Acme', 'Sarcastic']);
  await page.locator('.quiz-result.is-failed').waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await answer(page, ['Acme', 'Warm']);
  await page.locator('.quiz-result.is-passed').waitFor();

  let stored;
  for (;;) {
    stored = (await lrs.statements()).filter((s) => s.actor.account?.name === 'jane@acme.example');
    if (stored.some((s) => s.verb.id === VERB('completed'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(verbs(stored), ['answered', 'answered', 'failed', 'answered', 'answered', 'passed', 'completed']);
  for (const s of stored) assert.deepEqual(xapiProblems(s), [], JSON.stringify(s));
  assert.deepEqual(stored[0].actor, { objectType: 'Agent', name: 'Jane Doe', account: { homePage: COURSE_IRI, name: 'jane@acme.example' } });
  assert.equal(stored[2].object.id, `${COURSE_IRI}/quiz/voice`);
  assert.deepEqual([stored[2].result.success, stored[2].result.score.scaled], [false, 0.5]);
  assert.deepEqual([stored[5].result.success, stored[5].result.score.scaled], [true, 1]);
  assert.equal(stored[6].object.id, COURSE_IRI);
  assert.equal(new Set(stored.map((s) => s.id)).size, stored.length);
  // The queue is empty once the LRS has everything.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('brandcamp-xapi-queue:')).length), 0);
  // (The test server has no favicon.)
  assert.deepEqual(errors.filter((e) => !e.includes('favicon.ico')), []);
  await page.context().close();
});

test('without an endpoint, no request leaves the page and no xAPI script is loaded', async (t) => {
  const site = buildCourse(CMI5_FIXTURE);
  const server = await serveDir(site);
  t.after(() => server.close());
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push([r.resourceType(), r.method(), r.url()]));
  await page.goto(`${server.url}index.html?learner=jane&name=Jane`);
  await page.locator('[data-resume-link]').click();
  await page.locator('a[rel="next"]').click();
  await page.locator('body[data-kind="quiz"]').waitFor();
  await answer(page, ['Acme', 'Sarcastic']);
  await page.locator('.quiz-result.is-failed').waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await answer(page, ['Acme', 'Warm']);
  await page.locator('.quiz-result.is-passed').waitFor();
  assert.equal(await page.evaluate(() => typeof window.BrandcampXapi + typeof window.BrandcampReporter), 'undefinedundefined');
  // Only the site's own files, fetched as pages, scripts, styles and images.
  const leaving = requests.filter(([type, method, url]) =>
    !url.startsWith(server.url) || method !== 'GET' || ['fetch', 'xhr', 'websocket', 'eventsource', 'ping'].includes(type));
  assert.deepEqual(leaving, []);
  assert.ok(requests.length > 5, 'the requests were watched');
  await page.context().close();
});
