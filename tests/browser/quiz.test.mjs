// Quizzes clicked through in headless Chromium, from file:// URLs: the graded
// quiz of a module (wrong, retried, passed, kept after a reload), every
// question type answered with the keyboard alone, and knowledge checks.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, formatViolations, launchBrowser, newPage, runAxe } from './lib.mjs';
import {
  BASICS_RIGHT,
  BASICS_WRONG,
  FIXTURE,
  answerChoices,
  completeBasics,
  readLessons,
  settle,
  storedProgress,
  tabTo,
} from './quiz-helpers.mjs';

describe('quizzes', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a wrong attempt shows feedback and "not passed"; a retry passes; a reload keeps the best score', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'basics/quiz.html'));
    assert.equal(await page.locator('.quiz-form fieldset.question').count(), 3, 'draw: 3');

    const prompts = await answerChoices(page, BASICS_WRONG);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const result = page.locator('.quiz-result');
    await result.waitFor();
    assert.match(await result.innerText(), /0\s%/);
    assert.match(await result.innerText(), /Not passed/);
    assert.match(await result.innerText(), /Pass mark: 100\s%/);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('quiz-result')), true);
    await page.waitForFunction(() => /Not passed/.test(document.querySelector('[data-quiz-live]').textContent));
    assert.equal(await page.locator('.question-verdict').count(), 3);
    for (const verdict of await page.locator('.question-verdict').allInnerTexts()) assert.match(verdict, /Incorrect/);
    // Per-choice feedback for the picked choice; the explanation waits for
    // a pass (`review: after_pass`, the default).
    const text = await page.locator('.quiz-form').innerText();
    if (prompts.includes('What colour is the Acme logo?')) {
      assert.match(text, /Not red: the logo has been blue since 1990\./);
      assert.doesNotMatch(text, /SECRET-EXPLANATION-COLOUR|the right answer/);
    }
    if (prompts.includes('Which channels does Acme use?')) assert.match(text, /Fax is not a social channel\./);
    assert.ok(prompts.some((p) => p.startsWith('What colour') || p.startsWith('Which channels')));
    assert.equal(await page.locator('.quiz-form input:not([disabled])').count(), 0, 'answers are locked once checked');

    await page.getByRole('button', { name: 'Try again' }).click();
    assert.equal(await page.locator('.quiz-result').count(), 0);
    assert.equal(await page.locator('.quiz-form input:checked').count(), 0, 'a fresh attempt');
    await answerChoices(page, BASICS_RIGHT);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result.is-passed').waitFor();
    assert.match(await page.locator('.quiz-result').innerText(), /100\s%\s+Passed/);
    for (const verdict of await page.locator('.question-verdict').allInnerTexts()) assert.match(verdict, /Correct/);
    const passedText = await page.locator('.quiz-form').innerText();
    if (passedText.includes('What colour is the Acme logo?')) assert.match(passedText, /SECRET-EXPLANATION-COLOUR/);

    await settle(page);
    await page.reload();
    assert.match(await page.locator('[data-quiz-status]').innerText(), /Best score: 100\s%\s·\sPassed/);
    assert.match(await page.locator('[data-quiz-status]').innerText(), /Attempts: 2 of 3/);
    const progress = await storedProgress(page);
    assert.equal(progress.version, 2);
    assert.deepEqual(
      { attempts: progress.quizzes.basics.attempts, best: progress.quizzes.basics.best, passed: progress.quizzes.basics.passed, version: progress.quizzes.basics.version },
      { attempts: 2, best: 100, passed: true, version: 1 },
    );
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('max_attempts is honoured', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'basics/quiz.html'));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await answerChoices(page, BASICS_WRONG);
      await page.getByRole('button', { name: 'Check my answers' }).click();
      await page.locator('.quiz-result').waitFor();
      if (attempt < 3) await page.getByRole('button', { name: 'Try again' }).click();
    }
    await settle(page);
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
    assert.match(await page.locator('.quiz-result').innerText(), /No attempts left/);
    await page.reload();
    assert.equal(await page.locator('.quiz-form').count(), 0);
    assert.match(await page.locator('.quiz-mount').innerText(), /used all 3 attempts/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('text, numeric, order, match and post questions can be answered with the keyboard alone', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await completeBasics(page, site);
    await readLessons(page, site, ['practice/practice.html']);
    await page.goto(fileUrl(site, 'practice/quiz.html'));
    await page.locator('.quiz-form').waitFor();

    await tabTo(page, '.question-text input');
    await page.keyboard.type('strategie'); // no accent, lower case
    await tabTo(page, '.question-numeric input');
    await page.keyboard.type('38,2'); // decimal comma, within the tolerance

    // Order: move each item up to its place with its own "move up" button.
    const right = ['Draft', 'Review', 'Publish'];
    for (let target = 0; target < right.length; target++) {
      const items = await page.locator('.order-item .order-text').allInnerTexts();
      const from = items.indexOf(right[target]);
      if (from === target) continue;
      await tabTo(page, `button[aria-label="Move up: ${right[target]}"]`);
      for (let i = 0; i < from - target; i++) await page.keyboard.press('Enter');
    }
    assert.deepEqual(await page.locator('.order-item .order-text').allInnerTexts(), right);
    await page.waitForFunction(() => /position \d of 3/.test(document.querySelector('[data-quiz-live]').textContent));

    // Match: each left side's <select>, set with the arrow keys.
    const pairs = { Writer: 'Writes the post', Editor: 'Checks the post', Manager: 'Approves the post' };
    for (const [left, rightText] of Object.entries(pairs)) {
      const select = page.getByLabel(left, { exact: true });
      const id = await select.getAttribute('id');
      await tabTo(page, `#${id}`);
      const options = await select.locator('option').allInnerTexts();
      for (let i = 0; i < options.indexOf(rightText); i++) await page.keyboard.press('ArrowDown');
      assert.equal(await select.evaluate((s) => s.options[s.selectedIndex].text), rightText);
    }

    await tabTo(page, '.question-post textarea');
    await page.keyboard.type('Our new course is out! #Acme');
    await tabTo(page, '.quiz-check');
    await page.keyboard.press('Enter');
    await page.locator('.quiz-result').waitFor();
    assert.match(await page.locator('.quiz-result').innerText(), /100\s%\s+Passed/, await page.locator('.quiz-form').innerText());
    assert.equal(await page.locator('.verdict-correct').count(), 5);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('wrong text, numeric, order and match answers show what was expected', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await completeBasics(page, site);
    await page.goto(fileUrl(site, 'practice/quiz.html'));
    await page.locator('.question-text input').fill('tactic');
    await page.locator('.question-numeric input').fill('40');
    await page.getByLabel('Writer', { exact: true }).selectOption({ label: 'Writes the post' });
    await page.getByLabel('Editor', { exact: true }).selectOption({ label: 'Approves the post' });
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const text = await page.locator('.quiz-form').innerText();
    assert.match(text, /Expected: Stratégie/);
    assert.match(text, /Expected: 38 \(give or take 0\.5\)/);
    assert.match(text, /Partly correct \(33\s%\)/);
    assert.match(text, /Right answer: Checks the post/);
    assert.match(await page.locator('.quiz-result').innerText(), /Not passed/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a knowledge check gives feedback in place and is not recorded', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'basics/intro.html'));
    const check = page.locator('[data-knowledge-check]');
    assert.match(await check.innerText(), /Check your understanding/);
    await check.getByLabel('ACME', { exact: true }).check();
    await check.getByRole('button', { name: 'Check' }).click();
    assert.match(await check.innerText(), /Incorrect/);
    assert.match(await check.innerText(), /No: never in capitals\./);
    assert.match(await check.innerText(), /The name is Acme\./);
    await page.waitForFunction(() => /Incorrect/.test(document.querySelector('[data-knowledge-check] [aria-live]').textContent));
    await check.getByRole('button', { name: 'Try again' }).click();
    await check.getByLabel('Acme', { exact: true }).check();
    await check.getByRole('button', { name: 'Check' }).click();
    assert.match(await check.innerText(), /Correct/);
    assert.match(await check.innerText(), /Yes: one capital letter\./);
    const progress = await storedProgress(page);
    assert.deepEqual(progress.quizzes, {});
    assert.deepEqual(Object.keys(progress.lessons), ['basics/intro']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('quiz pages pass axe before and after checking', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await completeBasics(page, site);
    await page.goto(fileUrl(site, 'practice/quiz.html'));
    let violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.getByRole('button', { name: 'Check my answers' }).click();
    violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.goto(fileUrl(site, 'basics/intro.html'));
    await page.locator('[data-knowledge-check]').getByRole('button', { name: 'Check' }).click();
    violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    // axe reads stylesheets with XMLHttpRequest, which file:// refuses: its
    // own errors, not the page's.
    assert.deepEqual(errors.filter((e) => !/\.css\b/.test(e)), []);
    await page.context().close();
  });
});
