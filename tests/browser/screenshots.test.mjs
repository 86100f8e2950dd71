// Screenshots of a quiz before and after checking (and of the learner's
// journey, below), on a desktop and a phone,
// light and dark, written to tests/browser/screenshots/ for a person to look
// at. The test also checks that nothing overflows the phone's width.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage, screenshot } from './lib.mjs';
import { FIXTURE, JOURNEY, answerStartQuiz, completeBasics, passLongQuiz, readLessons, settle } from './quiz-helpers.mjs';

describe('screenshots', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`quiz at ${width} px, ${colorScheme}`, async () => {
        const page = await newPage(browser, { width, height: 900, colorScheme });
        const errors = collectPageErrors(page);
        await completeBasics(page, site);
        await page.goto(fileUrl(site, 'practice/quiz.html'));
        await page.locator('.question-text input').fill('tactic');
        await page.locator('.question-numeric input').fill('38');
        await page.getByLabel('Writer', { exact: true }).selectOption({ label: 'Writes the post' });
        await screenshot(page, `quiz-${width}-${colorScheme}-before`);
        await page.getByRole('button', { name: 'Check my answers' }).click();
        await page.locator('.quiz-result').waitFor();
        await screenshot(page, `quiz-${width}-${colorScheme}-after`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
        await page.goto(fileUrl(site, 'index.html'));
        await screenshot(page, `home-${width}-${colorScheme}`);
        await page.goto(fileUrl(site, 'basics/intro.html'));
        await page.locator('[data-knowledge-check]').getByLabel('ACME', { exact: true }).check();
        await page.locator('[data-knowledge-check]').getByRole('button', { name: 'Check' }).click();
        await screenshot(page, `knowledge-check-${width}-${colorScheme}`);
        assert.deepEqual(errors, []);
        await page.context().close();
      });
    }
  }
});

// The learner's journey, page type by page type, at 375 and 1280 px, light
// and dark: `node --test tests/browser/screenshots.test.mjs` regenerates them
// all (tests/browser/screenshots/journey-*.png, git-ignored). The bundled
// course gives the pages a real course has (home, module, long lesson,
// locked module, search); the journey fixture the quiz states and the
// certificate, reached by answering as a learner would.
describe('screenshots of the journey', () => {
  let browser;
  let course;
  let journey;

  before(async () => {
    course = buildCourse('content');
    journey = buildCourse(JOURNEY);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`journey at ${width} px, ${colorScheme}`, async () => {
        const shot = (page, name, options) => screenshot(page, `journey-${name}-${width}-${colorScheme}`, options);
        const page = await newPage(browser, { width, height: width === 375 ? 812 : 900, colorScheme });
        const errors = collectPageErrors(page);
        await page.goto(fileUrl(course, 'index.html'));
        await shot(page, 'home-first-screen', { fullPage: false });
        await shot(page, 'home');
        await page.goto(fileUrl(course, 'pourquoi-les-reseaux/index.html'));
        await shot(page, 'module');
        await page.goto(fileUrl(course, 'pourquoi-les-reseaux/le-fosse-des-competences.html'));
        await shot(page, 'lesson', { fullPage: false });
        await page.goto(fileUrl(course, 'cas-pratique/index.html'));
        await shot(page, 'locked-module');
        await page.goto(fileUrl(course, 'cas-pratique/le-scenario.html'));
        await shot(page, 'locked-lesson', { fullPage: false });
        await page.goto(fileUrl(course, 'search.html?q=crise'));
        await page.locator('.search-result').first().waitFor();
        await shot(page, 'search', { fullPage: false });
        if (width === 375) {
          await page.goto(fileUrl(course, 'index.html'));
          await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
          await page.keyboard.type('crise');
          await page.locator('.search-option').first().waitFor();
          await shot(page, 'search-open', { fullPage: false });
        }

        await readLessons(page, journey, ['start/long.html', 'start/short.html']);
        await page.goto(fileUrl(journey, 'start/quiz.html'));
        await shot(page, 'quiz-before');
        await answerStartQuiz(page, { right: false });
        await shot(page, 'quiz-failed');
        await page.getByRole('button', { name: 'Try again' }).click();
        await answerStartQuiz(page, { right: true });
        await shot(page, 'quiz-passed');
        await settle(page);
        await readLessons(page, journey, ['long/only.html']);
        await page.goto(fileUrl(journey, 'long/quiz.html'));
        await shot(page, 'long-quiz', { fullPage: false });
        await passLongQuiz(page);
        await shot(page, 'course-complete', { fullPage: false });
        await settle(page);
        await page.goto(fileUrl(journey, 'index.html'));
        await shot(page, 'home-finished', { fullPage: false });
        await page.goto(fileUrl(journey, 'certificate.html'));
        await page.getByLabel('Your name').fill('Alex Martin');
        await page.getByRole('button', { name: 'Show my certificate' }).click();
        await shot(page, 'certificate');
        assert.deepEqual(errors, []);
        await page.context().close();
      });
    }
  }
});
