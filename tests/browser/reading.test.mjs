// Long content on small and large screens and on paper. Code listings:
// highlighted when the site is built (no highlighter runs in the page),
// readable in light and dark (axe's contrast check on every coloured token),
// long lines scrolling inside the block on a phone, and a copy button that
// puts the code on the clipboard. Wide tables show that they scroll;
// knowledge checks print as questions, not as buttons.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCourse, fileUrl, formatViolations, launchBrowser, newPage, runAxe } from './lib.mjs';

const LESSON = 'code/scripts.html';

describe('long content: code, tables, print', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse('tests/fixtures/code-course');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('code is highlighted in the built page, by language', () => {
    const html = readFileSync(join(site, LESSON), 'utf8');
    assert.match(html, /<code class="language-rust"><span class="hl-source hl-rust">/);
    assert.match(html, /<span class="hl-storage hl-type hl-function hl-rust">fn<\/span>/);
    assert.match(html, /<code class="language-python">.*hl-comment/s);
    // The block without a language is plain text in the same frame.
    assert.match(html, /<pre class="code" tabindex="0"><code>mentions: 42\n<\/code><\/pre>/);
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`every token passes contrast in ${colorScheme} mode`, async () => {
      const page = await newPage(browser, { colorScheme });
      await page.goto(fileUrl(site, LESSON));
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await page.close();
    });
  }

  test('on a phone, a long line scrolls within its block, not the page', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    await page.goto(fileUrl(site, LESSON));
    const sizes = await page.evaluate(() => {
      const pre = document.querySelector('.code-block pre');
      return {
        pre: [pre.scrollWidth, pre.clientWidth],
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      };
    });
    assert.ok(sizes.pre[0] > sizes.pre[1], `the block scrolls: ${sizes.pre}`);
    assert.ok(sizes.page[0] <= sizes.page[1], `the page does not: ${sizes.page}`);
    await page.close();
  });

  test('on a wide screen, a block with long lines grows wider than the text column', async () => {
    const page = await newPage(browser, { width: 1600, height: 900 });
    await page.goto(fileUrl(site, LESSON));
    const widths = await page.evaluate(() => ({
      block: document.querySelector('.code-block').getBoundingClientRect().width,
      paragraph: document.querySelector('.content p').getBoundingClientRect().width,
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    }));
    assert.ok(widths.block > widths.paragraph + 50, JSON.stringify(widths));
    assert.ok(widths.page[0] <= widths.page[1], JSON.stringify(widths));
    await page.close();
  });

  test('the copy button copies the code and says so', async () => {
    const page = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(fileUrl(site, LESSON));
    const button = page.locator('.code-block').nth(1).getByRole('button', { name: 'Copier' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Copié' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, 'def count_mentions(path, word):\n    # Une ligne = une mention\n    with open(path, encoding="utf-8") as f:\n        return sum(1 for line in f if word in line)\n');
    await page.close();
  });

  test('on a phone, a wide table scrolls within its frame and a shadow shows there is more', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    await page.goto(fileUrl(site, LESSON));
    const frame = page.locator('.table-scroll');
    const state = await frame.evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      background: getComputedStyle(el).backgroundImage,
      keyboard: el.tabIndex,
    }));
    assert.ok(state.scrolls, 'the table is wider than the phone');
    assert.match(state.background, /radial-gradient/, 'a shadow hints at the hidden columns');
    assert.equal(state.keyboard, 0, 'the frame can be scrolled from the keyboard');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
    await page.close();
  });

  test('printed, a knowledge check is a question with boxes to tick, without buttons', async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, LESSON));
    await page.locator('.knowledge-check input[type="radio"]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('.knowledge-check').evaluate((check) => ({
      text: check.innerText,
      buttons: [...check.querySelectorAll('button')].filter((b) => b.offsetParent !== null).length,
      radio: getComputedStyle(check.querySelector('input[type="radio"]')).appearance,
    }));
    assert.match(printed.text, /Une ligne qui cite deux fois la marque compte pour/);
    assert.match(printed.text, /une mention/);
    assert.match(printed.text, /deux mentions/);
    assert.equal(printed.buttons, 0, printed.text);
    assert.equal(printed.radio, 'none');
    await page.close();
  });
});
