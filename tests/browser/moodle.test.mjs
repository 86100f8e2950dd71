// A quiz exported from Moodle's question bank as Moodle XML
// (tests/fixtures/moodle-course/01-replies/quiz.xml), taken in headless
// Chromium from a file:// URL: its picture, decoded from the file, shows
// next to the question; choices give their feedback, a weighted short
// answer gives partial credit, and the general feedback is the explanation
// (shown after a failed attempt too: the quiz says `review: always`).

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';

const require = createRequire(import.meta.url);
const G = require('../../themes/default/assets/grading.js');

const FIXTURE = 'tests/fixtures/moodle-course';

describe('case-sensitive short answers (Moodle usecase)', () => {
  test('case counts for accepted texts, patterns and weighted answers; accents and spaces do not', () => {
    const grade = (secret, text) => G.gradeQuestion({ type: 'text' }, secret, { text }).score;
    const secret = { accept: ['Paris'], caseSensitive: true };
    assert.equal(grade(secret, 'Paris'), 1);
    assert.equal(grade(secret, '  Páris '), 1);
    assert.equal(grade(secret, 'paris'), 0);
    assert.equal(grade({ accept: ['Paris'] }, 'paris'), 1, 'ignored unless asked');
    assert.equal(grade({ pattern: 'Par.*', caseSensitive: true }, 'PARIS'), 0);
    assert.equal(grade({ pattern: 'Par.*', caseSensitive: true }, 'Paris'), 1);
    const weighted = { answers: [{ text: 'Lyon', weight: 50 }], caseSensitive: true };
    assert.equal(grade(weighted, 'Lyon'), 0.5);
    assert.equal(grade(weighted, 'LYON'), 0);
  });
});

describe('a quiz.xml in the browser', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the picture shows, and answers are graded with their feedback', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'replies/quiz.html'));
    assert.match(await page.locator('h1').innerText(), /Replies, from Moodle/);
    const questions = page.locator('.quiz-form fieldset.question');
    assert.equal(await questions.count(), 2, 'the essay is left out');
    const [logo, journalists] = [questions.nth(0), questions.nth(1)];

    // The picture was loaded from the file written next to the page.
    const picture = logo.getByRole('img', { name: 'Our logo' });
    await picture.waitFor();
    const width = await picture.evaluate((img) => (img.complete ? img.naturalWidth : 0));
    assert.equal(width, 48, 'the picture decoded from quiz.xml is shown');

    // A wrong choice and a half-right short answer: 25 %, not passed.
    await logo.getByLabel('Red', { exact: true }).check();
    await journalists.locator('input.answer-text').fill('communication TEAM');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result').waitFor();
    assert.match((await page.locator('.quiz-result').innerText()).replace(/\s+/g, ' '), /25 % Not passed/);
    assert.match(await logo.innerText(), /No: red is a competitor's\./);
    assert.match(await journalists.innerText(), /Half right: the press office, in it\./);
    assert.match(await logo.innerText(), /The logo is blue\./, 'the general feedback');

    // Both right: passed.
    await page.getByRole('button', { name: 'Try again' }).click();
    await logo.getByLabel('Blue', { exact: true }).check();
    await journalists.locator('input.answer-text').fill('press office');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result.is-passed').waitFor();
    assert.match((await page.locator('.quiz-result').innerText()).replace(/\s+/g, ' '), /100 % Passed/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
