// The brand rules in the browser, on tests/fixtures/brand-course opened from
// file://: the brand page's live post checker, the post cards of a lesson,
// and the API the quiz's `post` questions call.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  buildCourse,
  collectPageErrors,
  fileUrl,
  formatViolations,
  launchBrowser,
  newPage,
  runAxe,
  screenshot,
} from './lib.mjs';

describe('brand rules in the browser', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse('tests/fixtures/brand-course');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  const findings = (page) => page.locator('.brand-checker-findings li').allTextContents();

  test('a learner sees three broken rules live, fixes them, and the post passes', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'brand.html'));

    const box = page.locator('[data-brand-try]');
    assert.equal(await box.isVisible(), true, 'the try-it box is shown when scripts run');
    await page.selectOption('#brand-try-platform', 'x');
    const status = page.locator('.brand-checker-status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');

    const textarea = page.locator('#brand-try-text');
    await textarea.pressSequentially('Our service is guaranteed by ACME', { delay: 5 });
    await page.waitForFunction(() => document.querySelectorAll('.brand-checker-findings li').length === 3);
    const three = await findings(page);
    assert.deepEqual(three, [
      'The hashtag #AcmeLife is missing.',
      '“guaranteed”: a term to avoid. Legal: we make no guarantees in public.',
      '“ACME”: write “Acme”. One word, one capital.',
    ]);
    assert.equal(await page.textContent('.brand-checker-summary'), '3 problems to fix:');
    assert.equal(await page.textContent('.brand-checker-count [aria-hidden]'), '33 / 280');

    await textarea.fill('');
    await textarea.pressSequentially('Our service is reliable, says Acme. #AcmeLife', { delay: 5 });
    await page.waitForFunction(() => document.querySelector('[data-brand-output]').dataset.state === 'ok');
    assert.deepEqual(await findings(page), []);
    assert.equal(await page.textContent('.brand-checker-summary'), 'This post follows the brand rules.');

    assert.deepEqual(errors, []);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${colorScheme}:\n${formatViolations(violations)}`);
    }
    await page.context().close();
  });

  test('the checker follows the platform picked, and counts what a person sees', async () => {
    const page = await newPage(browser, { colorScheme: 'dark' });
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'brand.html'));
    await page.selectOption('#brand-try-platform', 'tiny');
    await page.fill('#brand-try-text', 'Acme 👩‍👩‍👧 says hello to everyone in town. #AcmeLife');
    await page.waitForFunction(() => document.querySelector('.brand-checker-over') !== null);
    assert.equal(await page.textContent('.brand-checker-count [aria-hidden]'), '48 / 40');
    assert.deepEqual(await findings(page), ['Too long: 48 characters, for a limit of 40.']);
    await page.selectOption('#brand-try-platform', 'x');
    await page.waitForFunction(() => document.querySelector('.brand-checker-over') === null);
    assert.equal(await page.textContent('.brand-checker-count [aria-hidden]'), '48 / 280');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('post cards show the count, the author and a bad-example label', async () => {
    const page = await newPage(browser, { width: 375, height: 800 });
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'voice/posts.html'));
    const counts = await page.locator('.post-card-count [aria-hidden]').allTextContents();
    assert.deepEqual(counts, ['81 / 280', '157 / 3000', '50 / 280', '61 / 40']);
    assert.equal(await page.locator('.post-card-bad').count(), 2);
    assert.deepEqual(
      (await page.locator('.post-card-bad .post-card-label').allTextContents()).map((t) => t.trim()),
      ['✗ Bad example by Acme (official account) on X', '✗ Bad example by Acme (official account) on Tiny'],
    );
    assert.equal(await page.locator('.post-card-bad').first().locator('mark.post-flag').count(), 4);
    assert.equal(await page.locator('.post-card-over-label').count(), 1);
    assert.equal(await page.textContent('.post-card-handle >> nth=0'), '@acme · official account · X');
    assert.deepEqual(errors, []);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${colorScheme}:\n${formatViolations(violations)}`);
    }
    await page.context().close();
  });

  test('the quiz can grade a post with the site rules and its own', async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'brand.html'));
    const graded = await page.evaluate(() => {
      const rules = { platform: 'x', mustMention: ['AcmePay'], maxHashtags: 1 };
      const good = window.BrandcampBrand.gradePost('AcmePay is here. #AcmeLife', rules);
      const bad = window.BrandcampBrand.gradePost('Acme Pay is here. #AcmeLife #ad', rules);
      return {
        good: [good.passed, good.score],
        bad: [bad.passed, bad.score, bad.problems.map((p) => p.kind)],
        passes: window.BrandcampBrand.passes('Hi #AcmeLife', 'x'),
      };
    });
    assert.deepEqual(graded.good, [true, 1]);
    assert.deepEqual(graded.bad, [false, 0, ['too_many_hashtags', 'must_mention', 'spelling', 'hashtag_avoided']]);
    assert.equal(graded.passes, true);
    await page.context().close();
  });

  test('screenshots of the brand page and of post cards, for review', async () => {
    for (const [width, height] of [[1280, 900], [375, 800]]) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await newPage(browser, { width, height, colorScheme });
        await page.goto(fileUrl(site, 'brand.html'));
        await page.fill('#brand-try-text', 'Our service is guaranteed by ACME');
        await page.waitForSelector('.brand-checker-findings li');
        await screenshot(page, `brand-page-${width}-${colorScheme}`);
        await page.goto(fileUrl(site, 'voice/posts.html'));
        await screenshot(page, `post-cards-${width}-${colorScheme}`);
        await page.context().close();
      }
    }
  });
});
