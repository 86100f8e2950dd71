// A `post` question of a quiz is graded by the brand rules: the learner sees
// the findings while typing, a post that breaks a rule does not pass, and
// the same post fixed passes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';

let browser;
let site;

before(async () => {
  site = buildCourse('tests/fixtures/brand-course');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

test('a post question is checked live and graded against brand.yaml', async () => {
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  await page.goto(fileUrl(site, 'voice/quiz.html'));
  const box = page.locator('textarea.answer-post');
  await box.fill('Our ACME Pay launch is guaranteed to delight! #ad');
  const findings = page.locator('.post-question-checker .brand-checker-findings li');
  await assert.doesNotReject(() => page.waitForFunction(() => document.querySelectorAll('.post-question-checker .brand-checker-findings li').length >= 3));
  const text = (await findings.allInnerTexts()).join('\n');
  assert.match(text, /guaranteed/i);
  assert.match(text, /#AcmeLife/);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  const result = page.locator('.quiz-result');
  await result.waitFor();
  assert.match(await result.innerText(), /Not passed/);

  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('textarea.answer-post').fill('AcmePay is here: pay in two taps, wherever you are. #AcmeLife');
  await page.waitForFunction(() => document.querySelectorAll('.post-question-checker .brand-checker-findings li').length === 0);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result').waitFor();
  assert.match(await page.locator('.quiz-result').innerText(), /Passed/);
  assert.deepEqual(errors, []);
  await page.close();
});
