// Screenshots of a quiz before and after checking, on a desktop and a phone,
// light and dark, written to tests/browser/screenshots/ for a person to look
// at. The test also checks that nothing overflows the phone's width.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage, screenshot } from './lib.mjs';
import { FIXTURE, completeBasics } from './quiz-helpers.mjs';

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
