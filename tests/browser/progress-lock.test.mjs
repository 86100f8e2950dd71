// Learners keep their progress when the course is republished. A learner
// works through version 1 of a course; the trainer then changes it six ways
// (a lesson added at the start, one removed, lessons reordered, one renamed
// with `was:`, a module added with a quiz, a quiz's questions edited) and
// publishes version 2; the learner comes back to it with what version 1
// saved and keeps everything that still exists. Then `version:` raised on
// one quiz resets that quiz only. Run in an LMS (scorm-again, SCORM 1.2
// and 2004) and on the plain site (localStorage).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, brandcampBin, collectPageErrors, fileUrl, launchBrowser, newPage, serveDir } from './lib.mjs';
import { SCORM_FIXTURE, buildPackage, lastValues, lmsFolder, tempDir } from './scorm-helpers.mjs';
import { settle } from './quiz-helpers.mjs';

/** A copy of the SCORM fixture course that the test may change. */
function courseCopy() {
  const dir = join(tempDir('brandcamp-course-'), 'course');
  cpSync(join(REPO_ROOT, SCORM_FIXTURE), dir, { recursive: true });
  rmSync(join(dir, 'progress.lock'), { force: true });
  return dir;
}

/** The six changes of version 2. */
function publishVersion2(dir) {
  const write = (path, text) => writeFileSync(join(dir, path), text);
  // 1. A lesson added at the start of the first module.
  write('01-first/00-intro.md', '# Before we start\n\nA word first.\n');
  // 2. A lesson removed.
  rmSync(join(dir, '01-first/03-channels.md'));
  // 3. Lessons reordered (voice now comes before hello).
  write('01-first/module.yaml', 'title: "First steps"\nsummary: "Who we are online."\nlessons: [intro, voice, hello]\n');
  // 4. A lesson renamed, saying what it was.
  renameSync(join(dir, '01-first/01-welcome.md'), join(dir, '01-first/01-hello.md'));
  write('01-first/01-hello.md', '---\nwas: [first/welcome]\n---\n# Hello\n\nWelcome, renamed.\n');
  // 5. A module added, with a quiz.
  mkdirSync(join(dir, '00-news'));
  write('00-news/module.yaml', 'title: "News"\n');
  cpSync(join(dir, '03-last/01-wrap-up.md'), join(dir, '00-news/01-whats-new.md'));
  write('00-news/quiz.yaml', 'questions:\n  - type: true_false\n    prompt: "Is this new?"\n    answer: true\n');
  // 6. A quiz's questions edited.
  write('02-second/quiz.yaml', [
    'title: "Second quiz"',
    'shuffle: false',
    'questions:',
    '  - id: speed',
    '    type: single',
    '    prompt: "How fast do we answer a customer?"',
    '    choices:',
    '      - text: "Within the hour"',
    '        correct: true',
    '      - text: "Next week"',
    '      - text: "Never"',
    '',
  ].join('\n'));
}

/** Version 3: the first quiz is to be taken again by everyone. */
function publishVersion3(dir) {
  const quiz = join(dir, '01-first/quiz.yaml');
  writeFileSync(quiz, 'version: 2\n' + readFileSync(quiz, 'utf8'));
}

function buildSite(courseDir, out) {
  const run = spawnSync(brandcampBin(), ['build', courseDir, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stderr;
}

/** What the pages make of the learner's progress. */
function progressIn(frame) {
  return frame.evaluate(() => {
    const P = window.BrandcampProgress;
    const quiz = (slug) => {
      const q = P.quiz(slug);
      return q ? { best: q.best, passed: q.passed } : null;
    };
    return {
      seen: P.modules().flatMap((m) => m.lessons.filter((l) => P.lessonSeen(m.slug, l[0])).map((l) => `${m.slug}/${l[0]}`)),
      quizzes: { first: quiz('first'), second: quiz('second'), news: quiz('news') },
      name: P.load().name,
    };
  });
}

const AFTER_V2 = {
  seen: ['first/voice', 'first/hello', 'second/replies'],
  quizzes: { first: { best: 100, passed: true }, second: { best: 100, passed: true }, news: null },
  name: 'Jane Q. Doe',
};
const AFTER_V3 = { ...AFTER_V2, quizzes: { ...AFTER_V2.quizzes, first: null } };

/** Passes a quiz page whose right answers are `labels`. */
async function pass(frame, labels) {
  for (const label of labels) await frame.getByLabel(label, { exact: true }).check();
  await frame.getByRole('button', { name: 'Check my answers' }).click();
  await frame.locator('.quiz-result.is-passed').waitFor();
}

for (const version of ['1.2', '2004']) {
  describe(`SCORM ${version}: a republished package keeps the learner's progress`, () => {
    const nameElement = version === '1.2' ? 'cmi.core.student_name' : 'cmi.learner_name';
    const idElement = version === '1.2' ? 'cmi.core.student_id' : 'cmi.learner_id';
    let browser;
    const servers = [];

    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      for (const server of servers) await server.close();
    });

    /** Launches a package in the LMS with `initial` cmi values; returns the page and the course frame. */
    async function launch(zip, initial) {
      const server = await serveDir(lmsFolder(zip));
      servers.push(server);
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      await page.goto(server.url + 'lms.html');
      await page.evaluate(([v, init]) => window.launch(v, init), [version, initial]);
      await page.frameLocator('#sco').frameLocator('#course-frame').locator('body[data-kind="home"]').waitFor();
      const frame = () => page.frames().find((f) => f.parentFrame()?.url().endsWith('scorm.html'));
      return { page, errors, frame };
    }

    /** Opens a page of the course in the frame and waits for it. */
    async function open(frameOf, path, kind) {
      await frameOf().evaluate((p) => { window.location.href = (document.body.dataset.root || '') + p; }, path);
      await frameOf().waitForFunction(
        ([p, k]) => window.location.pathname.endsWith('/' + p) && document.body?.dataset.kind === k && !!window.BrandcampProgress,
        [path, kind],
      );
      return frameOf();
    }

    /**
     * Closes the course; returns the cmi values the LMS keeps for the next
     * launch (what this session set, else what it was launched with).
     */
    async function leave(page, initial = {}) {
      await page.evaluate(() => window.closeCourse());
      await page.waitForFunction(() => window.lmsLog.some((entry) => entry[0] === 'terminate'));
      const v = lastValues(await page.evaluate(() => window.lmsLog));
      await page.context().close();
      return {
        'cmi.suspend_data': v['cmi.suspend_data'] ?? initial['cmi.suspend_data'],
        [nameElement]: 'Doe, Jane',
        [version === '1.2' ? 'cmi.core.entry' : 'cmi.entry']: 'resume',
      };
    }

    test('six changes to the course, then a quiz version raised', async () => {
      const course = courseCopy();

      // Version 1: lessons, both quizzes, the certificate name (from the LMS, then edited).
      const v1 = buildPackage(course, version);
      let { page, errors, frame } = await launch(v1.zip, { [nameElement]: 'Doe, Jane', [idElement]: 'jdoe-4217' });
      // (The second module opens once the first is complete.)
      for (const path of ['first/welcome.html', 'first/voice.html', 'first/channels.html']) {
        await open(frame, path, 'lesson');
      }
      await pass(await open(frame, 'first/quiz.html', 'quiz'), ['Acme', 'Warm']);
      await open(frame, 'second/replies.html', 'lesson');
      await pass(await open(frame, 'second/quiz.html', 'quiz'), ['Within the hour']);
      const certificate = await open(frame, 'certificate.html', 'certificate');
      const input = certificate.getByLabel('Your name, as it should appear on the certificate');
      assert.equal(await input.inputValue(), 'Jane Doe', "the LMS's learner name fills the certificate");
      await input.fill('Jane Q. Doe');
      await certificate.getByRole('button', { name: 'Show my certificate' }).click();
      await certificate.locator('[data-certificate-name]').filter({ hasText: 'Jane Q. Doe' }).waitFor();
      assert.equal(await certificate.locator('[data-certificate-learner]').innerText(), 'Learner ID: jdoe-4217', "the LMS's learner id is under the name");
      assert.deepEqual(errors, []);
      const saved1 = await leave(page);

      // Version 2, six ways changed.
      publishVersion2(course);
      const v2 = buildPackage(course, version);
      assert.match(
        v2.stderr,
        /progress\.lock updated: learners keep their progress in 4 lessons and 2 quizzes \(1 renamed\); new: 2 lessons and 1 quiz; they lose: 1 lesson removed \(first\/channels\)\n/,
      );
      ({ page, errors, frame } = await launch(v2.zip, saved1));
      assert.deepEqual(await progressIn(frame()), AFTER_V2);
      const f = frame();
      assert.equal(await f.locator('[data-progress-summary]').innerText(), '1 of 4 modules complete.');
      const v = lastValues(await page.evaluate(() => window.lmsLog));
      // Two of three quizzes passed at 100 %.
      assert.equal(v[version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw'], '66.66');
      assert.deepEqual(errors, []);
      const saved2 = await leave(page, saved1);

      // Version 3: the first quiz at version 2 is taken afresh; nothing else changes.
      publishVersion3(course);
      const v3 = buildPackage(course, version);
      assert.match(v3.stderr, /they lose: quiz first reset \(version 2\)\n/);
      ({ page, errors, frame } = await launch(v3.zip, saved2));
      assert.deepEqual(await progressIn(frame()), AFTER_V3);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  });
}

describe('the plain site: progress in the browser follows the course too', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('six changes to the course, then a quiz version raised', async () => {
    const course = courseCopy();
    const site = join(tempDir('brandcamp-site-'), 'site');
    buildSite(course, site);
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    const open = async (path, kind) => {
      await page.goto(fileUrl(site, path));
      await page.waitForSelector(`body[data-kind="${kind}"]`);
    };
    const read = async (path) => {
      await open(path, 'lesson');
      await page.waitForFunction((p) => window.BrandcampProgress.lessonSeen(...p.replace('.html', '').split('/')), path);
      await settle(page);
    };
    for (const path of ['first/welcome.html', 'first/voice.html', 'first/channels.html']) await read(path);
    await open('first/quiz.html', 'quiz');
    await pass(page, ['Acme', 'Warm']);
    await settle(page);
    // (The second module opens once the first is complete.)
    await read('second/replies.html');
    await open('second/quiz.html', 'quiz');
    await pass(page, ['Within the hour']);
    await open('certificate.html', 'certificate');
    await page.getByLabel('Your name, as it should appear on the certificate').fill('Jane Q. Doe');
    await page.getByRole('button', { name: 'Show my certificate' }).click();
    await settle(page);

    publishVersion2(course);
    buildSite(course, site);
    await open('index.html', 'home');
    assert.deepEqual(await progressIn(page), AFTER_V2);
    assert.equal(await page.locator('[data-progress-summary]').innerText(), '1 of 4 modules complete.');
    // What is stored is keyed by id, the renamed lesson under its new one.
    await open('first/intro.html', 'lesson');
    await settle(page);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(document.body.dataset.course)));
    assert.deepEqual(Object.keys(stored.lessons).sort(), ['first/hello', 'first/intro', 'first/voice', 'second/replies']);

    publishVersion3(course);
    buildSite(course, site);
    await open('index.html', 'home');
    assert.deepEqual(await progressIn(page), { ...AFTER_V3, seen: ['first/intro', ...AFTER_V3.seen] });
    assert.deepEqual(errors, []);
  });
});
