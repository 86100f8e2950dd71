// A learner who uses only the keyboard completes a module — reads its
// lessons, answers every graded question type, passes the quiz — and reaches
// the certificate. Only Tab, Enter, Space, arrow keys and typing are used;
// the first page is opened as a learner would open the site.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';
import { settle, tabTo } from './quiz-helpers.mjs';

let browser;
let site;

before(async () => {
  site = buildCourse('tests/fixtures/keyboard-course');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

/** Presses Enter on the focused link and waits for the page it opens. */
async function follow(page, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
}

/** Tab to a radio group, then move through it with the arrow keys until the choice labelled `text` is checked. */
async function pickRadio(page, questionId, text) {
  await tabTo(page, `fieldset[data-question-id="${questionId}"] input[type=radio]`);
  await page.keyboard.press('Space');
  for (let i = 0; i < 10; i++) {
    const label = await page.evaluate(() => document.querySelector(`label[for="${document.activeElement.id}"]`).textContent);
    if (label === text) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no choice ${text} in ${questionId}`);
}

test('a module can be completed and the certificate reached with the keyboard alone', async () => {
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  await page.goto(fileUrl(site, 'index.html'));

  await tabTo(page, 'a[data-resume-link]');
  await follow(page, /essentials\/first\.html$/);
  await settle(page);
  await tabTo(page, 'a.pager-next');
  await follow(page, /essentials\/second\.html$/);
  await settle(page);
  await tabTo(page, 'a.pager-next');
  await follow(page, /essentials\/quiz\.html$/);
  await page.locator('.quiz-form').waitFor();

  await pickRadio(page, 'spelling', 'Acme');
  // Warm and Precise, not Sarcastic: Space ticks a focused checkbox.
  for (const [n, tick] of [true, false, true].entries()) {
    await tabTo(page, `fieldset[data-question-id="tone"] .choice:nth-of-type(${n + 1}) input`);
    if (tick) await page.keyboard.press('Space');
  }
  await pickRadio(page, 'disclose', 'True');
  await tabTo(page, 'fieldset[data-question-id="word"] input');
  await page.keyboard.type('  Strategie ');
  await tabTo(page, 'fieldset[data-question-id="limit"] input');
  await page.keyboard.type('280');

  const right = ['Draft', 'Review', 'Publish'];
  for (let target = 0; target < right.length; target++) {
    const items = await page.locator('fieldset[data-question-id="steps"] .order-item .order-text').allInnerTexts();
    const from = items.indexOf(right[target]);
    if (from === target) continue;
    await tabTo(page, `button[aria-label="Move up: ${right[target]}"]`);
    for (let i = 0; i < from - target; i++) await page.keyboard.press('Enter');
  }

  const pairs = { Writer: 'Writes the post', Editor: 'Checks the post' };
  const selects = page.locator('fieldset[data-question-id="roles"] select');
  for (let n = 0; n < await selects.count(); n++) {
    const id = await selects.nth(n).getAttribute('id');
    await tabTo(page, `#${id}`);
    const left = await page.evaluate((i) => document.querySelector(`label[for="${i}"]`).textContent.trim(), id);
    for (let i = 0; i < 10; i++) {
      const chosen = await page.evaluate(() => document.activeElement.selectedOptions[0]?.textContent.trim());
      if (chosen === pairs[left]) break;
      await page.keyboard.press('ArrowDown');
    }
  }

  await tabTo(page, '.quiz-form button[type=submit]');
  await page.keyboard.press('Enter');
  const result = page.locator('.quiz-result');
  await result.waitFor();
  assert.match(await result.innerText(), /100\s%/);
  assert.match(await result.innerText(), /Passed/);
  await settle(page);

  await tabTo(page, 'a[href$="certificate.html"]');
  await follow(page, /certificate\.html$/);
  await tabTo(page, '#certificate-name');
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Enter');
  const certificate = page.locator('.certificate-title');
  await certificate.waitFor();
  assert.match(await page.locator('main').innerText(), /Ada Lovelace/);
  assert.match(await page.locator('main').innerText(), /Keyboard Course/);
  assert.deepEqual(errors, []);
  await page.close();
});
