// The table of contents of a course too large for one group of it
// (src/toc.rs: at most 100 modules a group): 205 modules of one lesson,
// in three groups. A page loads the groups it needs, no more; the pages of
// the whole course load them all; what depends on another group (gating,
// the step after a quiz, the SCORM package's completion) still works, from
// file://, under a sub-path, and in an LMS.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage, serveDir } from './lib.mjs';
import { answerChoices, readLessons, settle, storedProgress } from './quiz-helpers.mjs';
import { buildPackage, lastValues, lmsFolder } from './scorm-helpers.mjs';

const MODULES = 205;
const LOCKED = 'm150'; // in group 1, unlocks after m10 (group 0)
const QUIZZES = [10, 202]; // one in the first group, one in the last
const QUIZ_RIGHT = { 'Is this a quiz?': ['Yes'] };

/** Writes the course: m0 … m204, one lesson each; m10 and m202 have a quiz; m150 requires m10. */
function writeCourse() {
  const dir = mkdtempSync(join(tmpdir(), 'brandcamp-toc-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'course.yaml'), 'title: "Many modules"\nlanguage: en\npass_mark: 80\n');
  for (let i = 0; i < MODULES; i++) {
    const folder = join(dir, `${String(i).padStart(3, '0')}-m${i}`);
    mkdirSync(folder);
    const requires = `m${i}` === LOCKED ? 'requires: [m10]\n' : '';
    writeFileSync(join(folder, 'module.yaml'), `title: "Module ${i}"\n${requires}`);
    writeFileSync(join(folder, '01-a.md'), `# Lesson of module ${i}\n\nText of module ${i}.\n`);
    if (QUIZZES.includes(i)) {
      writeFileSync(
        join(folder, 'quiz.yaml'),
        `title: "Quiz ${i}"\nshuffle: false\nquestions:\n  - id: q\n    type: single\n` +
          '    prompt: "Is this a quiz?"\n    choices:\n      - text: "Yes"\n        correct: true\n      - text: "No"\n',
      );
    }
  }
  return dir;
}

/** The table-of-contents scripts a page requests, as site paths. */
function tocRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const match = request.url().match(/assets\/(toc\/\d+\.js)$/);
    if (match) seen.push(match[1]);
  });
  return seen;
}

async function passQuiz(page, url) {
  await page.goto(url);
  await answerChoices(page, QUIZ_RIGHT);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result.is-passed').waitFor();
}

describe('the table of contents of a large course, in groups', () => {
  let browser;
  let course;
  let site;

  before(async () => {
    course = writeCourse();
    site = buildCourse(course);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a lesson page loads its own group of the table of contents only, and lists that group in the sidebar', async () => {
    const server = await serveDir(site, { prefix: '/training/course/' });
    try {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      const requests = tocRequests(page);
      await page.goto(server.url + 'm120/a.html');
      await page.waitForSelector('#nav-modules li[data-module]');
      assert.deepEqual(requests.sort(), ['toc/1.js']);
      // Modules 100 to 199, with an ellipsis for those before and after.
      const shown = await page.locator('#nav-modules li[data-module]').evaluateAll((items) => items.map((li) => li.dataset.module));
      assert.equal(shown.length, 100);
      assert.equal(shown[0], 'm100');
      assert.equal(shown[99], 'm199');
      assert.equal(await page.locator('#nav-modules li.nav-more').count(), 2);
      assert.equal(await page.locator('li:has(> .nav-module-current)').getAttribute('data-module'), 'm120');

      // A page of a module that requires one in another group loads that group too.
      requests.length = 0;
      await page.goto(server.url + 'm150/a.html');
      await page.locator('.notice-locked').waitFor();
      assert.deepEqual(requests.sort(), ['toc/0.js', 'toc/1.js']);

      // The home page shows the whole course.
      requests.length = 0;
      await page.goto(server.url);
      await page.locator('[data-progress-summary]').filter({ hasText: /\d/ }).waitFor();
      assert.deepEqual(requests.sort(), ['toc/0.js', 'toc/1.js', 'toc/2.js']);
      assert.equal(await page.locator('#nav-modules li[data-module]').count(), MODULES);
      assert.deepEqual(errors, []);
      assert.deepEqual(server.notFound, []);
    } finally {
      await server.close();
    }
  });

  test('from file://, gating across groups, progress kept across groups, and the home page sees it all', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    // A lesson of the last group first, then one of the first group: the
    // second page, which does not know the last group, keeps what the first stored.
    await readLessons(page, site, ['m200/a.html', 'm5/a.html']);
    const stored = await storedProgress(page);
    assert.deepEqual(Object.keys(stored.lessons).sort(), ['m200/a', 'm5/a']);

    await page.goto(fileUrl(site, `${LOCKED}/a.html`));
    assert.match(await page.locator('.notice-locked').innerText(), /It opens once you have completed: Module 10\./);

    await readLessons(page, site, ['m10/a.html']);
    // Passing the quiz of module 10 (group 0): the next step reads the whole
    // course, which the quiz page fetches then (the certificate waits for
    // the quiz of module 202, in the last group).
    await page.goto(fileUrl(site, 'm10/quiz.html'));
    assert.equal(await page.evaluate(() => window.BrandcampToc.complete()), false);
    await passQuiz(page, fileUrl(site, 'm10/quiz.html'));
    assert.equal(await page.evaluate(() => window.BrandcampToc.complete()), true);
    const next = page.locator('[data-next-step]');
    assert.equal(await next.getAttribute('data-next-step'), 'module');
    assert.equal(await next.innerText(), 'Next module: Module 11');
    await settle(page);

    await page.goto(fileUrl(site, `${LOCKED}/a.html`));
    await page.waitForFunction(() => JSON.parse(localStorage.getItem(document.body.dataset.course)).lessons['m150/a']);
    assert.equal(await page.locator('.notice-locked').count(), 0);
    await settle(page);

    await page.goto(fileUrl(site, 'index.html'));
    await page.locator('.module-card[data-module="m10"].is-complete').waitFor();
    for (const slug of ['m5', 'm10', 'm150', 'm200']) {
      assert.match(await page.locator(`.module-card[data-module="${slug}"]`).getAttribute('class'), /is-complete/, slug);
    }
    assert.equal(await page.locator('.module-card.is-locked').count(), 0);
    assert.equal(await page.locator('[data-progress-summary]').innerText(), `4 of ${MODULES} modules complete.`);
    assert.deepEqual(Object.keys((await storedProgress(page)).lessons).sort(), ['m10/a', 'm150/a', 'm200/a', 'm5/a']);
    assert.deepEqual(errors, []);
  });

  test('under a sub-path, the home page shows the gating of a module in another group', async () => {
    const server = await serveDir(site, { prefix: '/sub/' });
    try {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      await page.goto(server.url + 'index.html');
      const card = page.locator(`.module-card[data-module="${LOCKED}"]`);
      await card.locator('.status-badge').waitFor();
      assert.match(await card.getAttribute('class'), /is-locked/);
      assert.match(await card.innerText(), /Unlocks after: Module 10/);

      await page.goto(server.url + 'm10/a.html');
      await page.waitForFunction(() => JSON.parse(localStorage.getItem(document.body.dataset.course) || '{}').lessons?.['m10/a']);
      await passQuiz(page, server.url + 'm10/quiz.html');
      await page.goto(server.url + 'index.html');
      await page.locator(`.module-card[data-module="m10"].is-complete`).waitFor();
      assert.doesNotMatch(await card.getAttribute('class'), /is-locked/);
      assert.deepEqual(errors, []);
      assert.deepEqual(server.notFound, []);
    } finally {
      await server.close();
    }
  });

  test('in an LMS, the SCORM package reports the course completed', async () => {
    const { zip } = buildPackage(course, '1.2');
    const server = await serveDir(lmsFolder(zip));
    try {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      await page.goto(server.url + 'lms.html');
      await page.evaluate(() => window.launch('1.2', null));
      await page.waitForFunction(() => window.lmsLog.some((e) => e[0] === 'initialize'));
      await page.waitForFunction(
        () => document.querySelector('#sco')?.contentDocument?.querySelector('#course-frame')?.contentDocument?.body?.dataset.kind === 'home',
      );
      const launchPage = page.frame({ url: /scorm\.html$/ });
      const frame = () => page.frames().find((f) => f.parentFrame() === launchPage);

      // Every lesson but the last seen, through the pages' own progress
      // script (opening 204 pages would only make the test slow).
      await frame().evaluate(
        () =>
          new Promise((done) => {
            const P = window.BrandcampProgress;
            P.whenComplete(() => {
              for (const m of P.modules()) for (const l of m.lessons) if (m.slug !== 'm204') P.markLessonSeen(m.slug, l[0]);
              done();
            });
          }),
      );
      for (const n of QUIZZES) {
        await frame().goto(new URL(`/package/m${n}/quiz.html`, frame().url()).href);
        await answerChoices(frame(), QUIZ_RIGHT);
        await frame().getByRole('button', { name: 'Check my answers' }).click();
        await frame().locator('.quiz-result.is-passed').waitFor();
      }
      assert.equal(lastValues(await page.evaluate(() => window.lmsLog))['cmi.core.lesson_status'], 'incomplete');

      // The last lesson, in the last group, read on its own page.
      await frame().goto(new URL('/package/m204/a.html', frame().url()).href);
      await page.waitForFunction(() =>
        window.lmsLog.some((e) => e[0] === 'set' && e[1] === 'cmi.core.lesson_status' && e[2] === 'passed'),
      );
      const values = lastValues(await page.evaluate(() => window.lmsLog));
      assert.equal(values['cmi.core.lesson_status'], 'passed');
      assert.equal(values['cmi.core.score.raw'], '100');
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });
});
