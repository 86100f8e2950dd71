// Search in a real browser, from file://: the box in the header loads the
// index on first focus, finds an accented lesson from an unaccented query,
// and is driven by keyboard; the search page lists marked results.

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
} from './lib.mjs';

// axe reads the page's stylesheets with XMLHttpRequest, which file:// pages
// refuse: the console errors that makes are axe's, not the site's.
async function axeViolations(page, errors) {
  const seen = errors.length;
  const violations = await runAxe(page);
  errors.splice(seen);
  return violations;
}

describe('search', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse('tests/fixtures/small-course');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the index is loaded only when the search box is first focused', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'index.html'));
    assert.equal(await page.evaluate(() => typeof window.BRANDCAMP_SEARCH), 'undefined');
    assert.equal(await page.locator('script[src$="search-index.js"]').count(), 0);
    await page.focus('#search-box');
    await page.waitForFunction(() => typeof window.BRANDCAMP_SEARCH === 'object');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('an unaccented query finds the accented lesson, opened with the arrow keys and Enter', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'bases/bienvenue.html'));
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box');
    await page.keyboard.type('strategie');

    const options = page.locator('#search-listbox [role=option]');
    await options.first().waitFor();
    assert.equal(await page.getAttribute('#search-box', 'aria-expanded'), 'true');
    assert.equal(await options.count(), 1);
    assert.match(await options.first().textContent(), /Stratégie de marque/);
    assert.equal(await options.first().locator('mark').first().textContent(), 'Stratégie');
    assert.equal(await page.textContent('[data-search-status]'), '1 leçon trouvée');

    const violations = await axeViolations(page, errors);
    assert.deepEqual(violations, [], formatViolations(violations));

    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('#search-box', 'aria-activedescendant'), 'search-option-0');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    await Promise.all([page.waitForURL(/bases\/strategie\.html$/), page.keyboard.press('Enter')]);
    assert.equal(await page.textContent('h1'), 'Stratégie de marque');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('Ctrl-K focuses the box and Escape closes the results', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'index.html'));
    await page.keyboard.press('Control+k');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box');
    await page.keyboard.type('publi');
    await page.locator('#search-listbox [role=option]').first().waitFor();
    assert.ok((await page.locator('#search-listbox [role=option]').count()) >= 2);
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('#search-box', 'aria-expanded'), 'false');
    assert.equal(await page.isVisible('.search-popup'), false);
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search-box'), '');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a snippet is cut around the match, deep in a section, and tables keep their cells apart', async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'search.html?q=moderation'));
    const snippet = page.locator('.search-result-snippet').first();
    await snippet.locator('mark').first().waitFor();
    const text = await snippet.textContent();
    assert.ok(text.startsWith('…'), text);
    assert.ok(text.includes('relèvent de la modération'), text);
    assert.equal(await snippet.locator('mark').first().textContent(), 'modération');
    await page.goto(fileUrl(site, 'search.html?q=situation'));
    const table = page.locator('.search-result-snippet').first();
    await table.locator('mark').first().waitFor();
    assert.match(await table.textContent(), /Situation \| Réponse ; Question pratique \| En public ; Réclamation \| En message privé/);
    await page.close();
  });

  test('the search page shows the results for ?q= with the matches marked', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'search.html?q=calendrier'));
    const results = page.locator('[data-search-page-results] li');
    await results.first().waitFor();
    assert.equal(await results.count(), 1);
    assert.equal(await page.inputValue('#search-page-box'), 'calendrier');
    assert.match(await results.first().locator('a').textContent(), /Stratégie de marque/);
    assert.equal(await results.first().locator('a').getAttribute('href'), 'bases/strategie.html#le-calendrier');
    const marks = await results.first().locator('mark').allTextContents();
    assert.ok(marks.includes('calendrier'), marks.join(', '));
    assert.equal(await page.textContent('[data-search-page-status]'), '1 leçon trouvée');

    // Typing on the page updates the results.
    await page.fill('#search-page-box', 'zzzz');
    await page.waitForFunction(() => document.querySelectorAll('[data-search-page-results] li').length === 0);
    assert.equal(await page.textContent('[data-search-page-status]'), 'Aucune leçon ne correspond à votre recherche.');

    await page.fill('#search-page-box', 'publi');
    await results.first().waitFor();
    const violations = await axeViolations(page, errors);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
