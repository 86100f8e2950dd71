// Quizzes written in GIFT (tests/fixtures/gift-course), taken in headless
// Chromium from file:// URLs: weighted answers graded as their weights say,
// partial credit and feedback for short answers and numbers, true/false
// feedback, a matching distractor, and a GIFT knowledge check. The grading
// rules behind them are checked in Node first.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';

const require = createRequire(import.meta.url);
const G = require('../../themes/default/assets/grading.js');

const FIXTURE = 'tests/fixtures/gift-course';

describe('grading of weighted answers', () => {
  test('the best-weighted matching text answer counts, with its feedback', () => {
    const secret = {
      accept: ['Finance'],
      answers: [
        { text: 'Finance', weight: 100, feedback: 'yes' },
        { text: 'The manager', weight: 50, feedback: 'half' },
        { pattern: '.*', weight: 0, feedback: 'other' },
      ],
    };
    const grade = (text) => G.gradeQuestion({ type: 'text' }, secret, { text });
    assert.deepEqual(grade('finance'), { score: 1, correct: true, answered: true, feedback: 'yes' });
    assert.deepEqual(grade('the  MANAGER'), { score: 0.5, correct: false, answered: true, feedback: 'half' });
    assert.deepEqual(grade('Marketing'), { score: 0, correct: false, answered: true, feedback: 'other' });
    assert.equal(grade('').answered, false);
  });

  test('numbers: the best answer within its tolerance, and any other number', () => {
    const secret = {
      answer: 2015,
      tolerance: 0,
      answers: [
        { number: 2015, tolerance: 0, weight: 100, feedback: 'right' },
        { number: 2015, tolerance: 2, weight: 50, feedback: 'close' },
        { weight: 0, feedback: 'other' },
      ],
    };
    const grade = (text) => G.gradeQuestion({ type: 'numeric' }, secret, { text });
    assert.equal(grade('2015').feedback, 'right');
    assert.equal(grade('2013').score, 0.5);
    assert.equal(grade('2013').feedback, 'close');
    assert.deepEqual([grade('1990').score, grade('1990').feedback], [0, 'other']);
    assert.equal(grade('soon').feedback, undefined, 'not a number: no answer counts');
  });

  test('a single choice question with weights gives partial credit for a near miss', () => {
    const secret = { correct: [true, false, false], weights: [100, 50, -100] };
    assert.equal(G.gradeChoices(secret, [0]), 1);
    assert.equal(G.gradeChoices(secret, [1]), 0.5);
    assert.equal(G.gradeChoices(secret, [2]), 0);
  });
});

describe('GIFT quizzes in the browser', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** Ticks the choices labelled `labels`, checks the answers, returns the score line. */
  async function attempt(page, labels) {
    const question = page.locator('.quiz-form fieldset.question');
    for (const label of labels) await question.getByLabel(label, { exact: true }).check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const result = page.locator('.quiz-result');
    await result.waitFor();
    return (await result.innerText()).replace(/\s+/g, ' ');
  }

  async function tryAgain(page) {
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.quiz-form input:not([disabled])').first().waitFor();
  }

  test('weighted multiple answers are graded as their weights say', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'weights/quiz.html'));
    assert.match(await page.locator('h1').innerText(), /Who may post\?/);
    assert.equal(await page.locator('.quiz-form fieldset.question').count(), 1);
    const form = page.locator('.quiz-form');

    // 50 % + 50 %: full marks.
    assert.match(await attempt(page, ['The brand account', 'The press office account']), /100 % Passed/);
    assert.match(await page.locator('.question-verdict').innerText(), /Correct/);
    assert.match(await form.innerText(), /Yes, it is the company's voice\./);

    // One of the two: half.
    await tryAgain(page);
    assert.match(await attempt(page, ['The press office account']), /50 % Passed/);
    assert.match(await page.locator('.question-verdict').innerText(), /Partly correct \(50\s%\)/);

    // A right answer and a -100 % one: floored at 0, with the feedback.
    await tryAgain(page);
    assert.match(await attempt(page, ['The brand account', "A trainee's personal account"]), /0 % Not passed/);
    assert.match(await form.innerText(), /Never on behalf of the company\./);

    // Both right ones and an answer without weight (0 %): still full marks.
    await tryAgain(page);
    const all = ['The brand account', 'The press office account', 'An anonymous account'];
    assert.match(await attempt(page, all), /100 % Passed/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('near misses, weighted short answers and numbers, true/false feedback and a distractor', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'kinds/quiz.html'));
    const questions = page.locator('.quiz-form fieldset.question');
    assert.equal(await questions.count(), 5);
    const [nearMiss, approver, year, deleted, roles] = [0, 1, 2, 3, 4].map((i) => questions.nth(i));
    // The extra match is offered with the others.
    const options = await roles.locator('select').first().locator('option').allInnerTexts();
    assert.ok(options.includes('Approves the budget'), options.join(', '));

    // Half marks on three questions, none on one, full on the last: 50 %.
    await nearMiss.getByLabel('Four hours', { exact: true }).check();
    await approver.locator('input.answer-text').fill('the manager');
    await year.locator('input.answer-text').fill('2016');
    await deleted.getByLabel('True', { exact: true }).check();
    await roles.getByLabel('Community manager').selectOption({ label: 'Answers the public' });
    await roles.getByLabel('Press officer').selectOption({ label: 'Talks to journalists' });
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result').waitFor();
    assert.match((await page.locator('.quiz-result').innerText()).replace(/\s+/g, ' '), /50 % Not passed/);
    const verdicts = (await page.locator('.question-verdict').allInnerTexts()).map((v) => v.replace(/\s+/g, ' '));
    assert.deepEqual(verdicts, [
      'Partly correct (50 %)',
      'Partly correct (50 %)',
      'Partly correct (50 %)',
      'Incorrect',
      'Correct',
    ]);
    assert.match(await nearMiss.innerText(), /Close: the first hour matters most\./);
    assert.match(await approver.innerText(), /Half right: the manager checks, Finance approves\./);
    assert.match(await year.innerText(), /Close: 2015\./);
    assert.match(await deleted.innerText(), /Someone always keeps a copy\./);

    // All right: 100 %, with the feedback of the right answers.
    await page.getByRole('button', { name: 'Try again' }).click();
    await nearMiss.getByLabel('One hour', { exact: true }).check();
    await approver.locator('input.answer-text').fill('Finance');
    await year.locator('input.answer-text').fill('2015');
    await deleted.getByLabel('False', { exact: true }).check();
    await roles.getByLabel('Community manager').selectOption({ label: 'Answers the public' });
    await roles.getByLabel('Press officer').selectOption({ label: 'Talks to journalists' });
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result.is-passed').waitFor();
    assert.match((await page.locator('.quiz-result').innerText()).replace(/\s+/g, ' '), /100 % Passed/);
    assert.match(await approver.innerText(), /Yes: figures go through Finance\./);
    assert.match(await deleted.innerText(), /Right: assume every post is permanent\./);

    // Any other number gets the feedback for other answers.
    await page.getByRole('button', { name: 'Try again' }).click();
    await year.locator('input.answer-text').fill('1990');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result').waitFor();
    assert.match(await year.innerText(), /Look at the first page\./);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a GIFT knowledge check gives weighted feedback in place', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'weights/accounts.html'));
    const forms = page.locator('[data-knowledge-check] form.knowledge-question');
    assert.equal(await forms.count(), 2);
    const [truth, hashtag] = [forms.nth(0), forms.nth(1)];

    await truth.getByLabel('False', { exact: true }).check();
    await truth.getByRole('button', { name: 'Check' }).click();
    assert.match(await truth.innerText(), /It does: it is the company's voice\./);

    await hashtag.locator('input.answer-text').fill('AcmeLife');
    await hashtag.getByRole('button', { name: 'Check' }).click();
    assert.match(await hashtag.innerText(), /Partly correct \(50\s%\)/);
    assert.match(await hashtag.innerText(), /Close: hashtags start with #\./);
    await hashtag.getByRole('button', { name: 'Try again' }).click();
    await hashtag.locator('input.answer-text').fill('#AcmeLife');
    await hashtag.getByRole('button', { name: 'Check' }).click();
    assert.match(await hashtag.innerText(), /Correct/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
