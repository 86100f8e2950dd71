// Accessibility of every page type of the bundled course, in light and dark:
// axe-core finds no WCAG 2.0/2.1 A or AA violation on the home page, a module
// page (open and locked), a lesson with callouts, tables, post cards and
// knowledge checks, a quiz before and after checking, the brand page, the
// certificate, search with results and the 404 page; and every page has its
// `lang`, one main landmark and headings that do not skip a level.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCourse, fileUrl, formatViolations, launchBrowser, newPage, runAxe } from './lib.mjs';

let browser;
let site;

before(async () => {
  site = buildCourse('content');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

const PAGES = [
  ['home', 'index.html'],
  ['module', 'pourquoi-les-reseaux/index.html'],
  ['locked module', 'cas-pratique/index.html'],
  ['lesson with post cards and knowledge checks', 'pourquoi-les-reseaux/la-voix-des-salaries.html'],
  ['lesson with tables', 'marque-en-ligne/formats-et-plateformes.html'],
  ['quiz', 'pourquoi-les-reseaux/quiz.html'],
  ['brand page', 'brand.html'],
  ['certificate', 'certificate.html'],
  ['search with results', 'search.html?q=strategie'],
  ['404', '404.html'],
];

async function checkStructure(page, name) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    mains: document.querySelectorAll('main').length,
    levels: [...document.querySelectorAll('main h1, main h2, main h3, main h4')]
      .filter((h) => h.offsetParent !== null)
      .map((h) => Number(h.tagName[1])),
  }));
  assert.equal(facts.lang, 'fr', `${name}: lang`);
  assert.equal(facts.mains, 1, `${name}: one main landmark`);
  assert.equal(facts.levels[0], 1, `${name}: starts with an h1`);
  facts.levels.forEach((level, i) => {
    if (i > 0) assert.ok(level <= facts.levels[i - 1] + 1, `${name}: heading h${level} skips a level after h${facts.levels[i - 1]}`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  describe(`every page type (${colorScheme})`, () => {
    for (const [name, path] of PAGES) {
      test(`${name}: no axe violation`, async () => {
        const page = await newPage(browser, { colorScheme });
        await page.goto(fileUrl(site, path));
        if (name === 'search with results') await page.locator('.search-page-results li').first().waitFor();
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], `${path}:\n${formatViolations(violations)}`);
        await checkStructure(page, name);
        await page.close();
      });
    }

    test('quiz after checking: no axe violation', async () => {
      const page = await newPage(browser, { colorScheme });
      await page.goto(fileUrl(site, 'pourquoi-les-reseaux/quiz.html'));
      await page.locator('.quiz-form').waitFor();
      await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
      await page.locator('.quiz-result').waitFor();
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await page.close();
    });
  });
}
