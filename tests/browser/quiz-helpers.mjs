// Helpers for the quiz, progress and certificate tests: the fixture course
// (tests/fixtures/quiz-course), its right and wrong answers, and ways to
// answer like a learner would.

import assert from 'node:assert/strict';
import { agreeWithStorage, fileUrl } from './lib.mjs';

export const FIXTURE = 'tests/fixtures/quiz-course';

// The basics quiz draws 3 of these 4 questions, shuffled: answers by prompt.
export const BASICS_RIGHT = {
  'What colour is the Acme logo?': ['Blue'],
  'Which channels does Acme use?': ['LinkedIn', 'Instagram'],
  'Acme is written in capitals.': ['False'],
  'Which tone does Acme use?': ['Warm'],
};
export const BASICS_WRONG = {
  'What colour is the Acme logo?': ['Red'],
  'Which channels does Acme use?': ['Fax'],
  'Acme is written in capitals.': ['True'],
  'Which tone does Acme use?': ['Sarcastic'],
};

/** Ticks the answers of each question shown, by label. */
export async function answerChoices(page, answers) {
  const questions = page.locator('.quiz-form fieldset.question');
  const count = await questions.count();
  const prompts = [];
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const prompt = (await question.locator('.question-prompt').innerText()).trim();
    prompts.push(prompt);
    assert.ok(answers[prompt], `no answer for "${prompt}"`);
    for (const label of answers[prompt]) await question.getByLabel(label, { exact: true }).check();
  }
  return prompts;
}

/**
 * Gives Chromium time to hand a localStorage write to the browser process
 * before the test navigates: on a busy machine, a navigation right after a
 * write can otherwise read the storage as it was (see agreeWithStorage).
 */
export async function settle(page) {
  if (!page.url().startsWith('file:')) return page.waitForTimeout(1000);
  await agreeWithStorage(page, { reloadAfter: 10000, giveUpAfter: 30000, must: true });
}

/** Opens every lesson of a module (which marks them seen). */
export async function readLessons(page, site, pages) {
  for (const path of pages) {
    await page.goto(fileUrl(site, path));
    await page.waitForSelector('body[data-kind="lesson"]');
    // The page's script marks the lesson seen once it runs (later than the
    // markup on a busy machine): wait for that, then for the write to land.
    const key = path.replace(/\.html$/, '');
    await page
      .waitForFunction(
        (k) => !!(JSON.parse(localStorage.getItem(document.body.dataset.course) || 'null')?.lessons ?? {})[k],
        key,
        { timeout: 10000 },
      )
      .catch(() => {}); // a locked lesson is never marked seen
    await settle(page);
  }
}

/** Reads the basics lessons and passes the basics quiz through the page. */
export async function completeBasics(page, site) {
  await readLessons(page, site, ['basics/intro.html', 'basics/more.html']);
  await page.goto(fileUrl(site, 'basics/quiz.html'));
  await answerChoices(page, BASICS_RIGHT);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result.is-passed').waitFor();
  await settle(page);
}

/** Presses Tab until the focused element matches `selector`. */
export async function tabTo(page, selector, { max = 150 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The progress the pages stored, parsed. */
export function storedProgress(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem(document.body.dataset.course) || 'null'));
}

// The journey course (tests/fixtures/journey-course): a quiz with
// `review: after_pass` and 3 attempts, then a locked module whose quiz has
// 12 questions, shown one at a time.
export const JOURNEY = 'tests/fixtures/journey-course';

/** Answers the "Getting started" quiz, right or wrong, and checks it. */
export async function answerStartQuiz(page, { right }) {
  const form = page.locator('.quiz-form');
  await form.getByLabel(right ? 'Blue' : 'Red', { exact: true }).check();
  await form.locator('.question-text input').fill(right ? 'Stratégie' : 'tactic');
  await form.locator('.question-numeric input').fill(right ? '4217' : '12');
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result').waitFor();
}

/** Reads the lessons of the first module and passes its quiz. */
export async function passStartModule(page, site) {
  await readLessons(page, site, ['start/long.html', 'start/short.html']);
  await page.goto(fileUrl(site, 'start/quiz.html'));
  await answerStartQuiz(page, { right: true });
  await settle(page);
}

/** Answers the 12 questions of the long quiz one page at a time, with the keyboard. */
export async function passLongQuiz(page) {
  for (let i = 1; i <= 12; i++) {
    const question = page.locator('.quiz-form fieldset.question:visible');
    assert.equal(await question.count(), 1, 'one question at a time');
    await question.getByLabel('True', { exact: true }).check();
    if (i < 12) {
      await page.getByRole('button', { name: 'Next question' }).focus();
      await page.keyboard.press('Enter');
    }
  }
  await page.getByRole('button', { name: 'Check my answers' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.quiz-result').waitFor();
}
