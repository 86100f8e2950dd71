// The organisation's look (brand.yaml `look:`) in the browser. The fixture
// course is built with three very different primaries — pale yellow, near
// black, saturated red — and every page type is checked with axe in light
// and dark: no contrast violation (nor any other), the logo shown in the
// header, on the certificate and as the post cards' avatar, the headings'
// font loaded from the site.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, fileUrl, formatViolations, launchBrowser, newPage, runAxe, screenshot } from './lib.mjs';
import { buildWithLook, openCertificate } from './look-helpers.mjs';

const LOOKS = [
  ['pale yellow', '#f7e27a'],
  ['near-black', '#141414'],
  ['saturated red', '#e10600'],
];

const lookYaml = (primary) => `look:
  logo:
    light: look/logo.svg
    alt: "Acme"
  colors:
    primary: "${primary}"
  fonts:
    headings: look/headings.woff2
  radius: 4
`;

const PAGES = [
  ['home', 'index.html'],
  ['module', 'colours/index.html'],
  ['locked module', 'final/index.html'],
  ['lesson with callouts, post cards and a knowledge check', 'colours/callouts.html'],
  ['quiz', 'colours/quiz.html'],
  ['brand page', 'brand.html'],
  ['search with results', 'search.html?q=warning'],
  ['404', '404.html'],
];

async function assertNoViolation(page, what) {
  const violations = await runAxe(page);
  const contrast = violations.filter((v) => v.id === 'color-contrast');
  assert.deepEqual(contrast, [], `${what}: contrast\n${formatViolations(contrast)}`);
  assert.deepEqual(violations, [], `${what}:\n${formatViolations(violations)}`);
}

/** Whether the image matched by `selector` is shown and was loaded. */
function imageShown(page, selector) {
  return page.locator(selector).evaluate((img) => {
    const box = img.getBoundingClientRect();
    return img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0
      && getComputedStyle(img).visibility !== 'hidden';
  });
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const [name, primary] of LOOKS) {
  describe(`a ${name} primary (${primary})`, () => {
    let site;
    before(() => { site = buildWithLook(lookYaml(primary)); });

    for (const colorScheme of ['light', 'dark']) {
      test(`${colorScheme}: every page type passes axe, with the logo in the header`, async () => {
        const page = await newPage(browser, { colorScheme });
        for (const [what, path] of PAGES) {
          await page.goto(fileUrl(site, path));
          if (what.startsWith('search')) await page.locator('.search-page-results li').first().waitFor();
          await assertNoViolation(page, `${what} (${colorScheme})`);
          assert.ok(await imageShown(page, '.site-header .site-logo'), `${what}: the logo is shown in the header`);
        }
        await page.context().close();
      });

      test(`${colorScheme}: quiz states and knowledge-check feedback pass axe`, async () => {
        const page = await newPage(browser, { colorScheme });
        await page.goto(fileUrl(site, 'colours/quiz.html'));
        await page.getByLabel('ACME', { exact: true }).check();
        await page.getByLabel('#AcmeLife', { exact: true }).check();
        await page.getByRole('button', { name: 'Check my answers' }).click();
        await page.locator('.quiz-result').waitFor();
        assert.ok(await page.locator('.choice-right').count() > 0 && await page.locator('.verdict-wrong').count() > 0,
          'both right and wrong states are on the page');
        await assertNoViolation(page, `quiz after checking (${colorScheme})`);

        await page.goto(fileUrl(site, 'colours/callouts.html'));
        const check = page.locator('[data-knowledge-check]');
        await check.getByLabel('ACME', { exact: true }).check();
        await check.getByRole('button', { name: 'Check' }).click();
        await check.locator('.question-verdict').waitFor();
        await assertNoViolation(page, `knowledge check answered (${colorScheme})`);
        await page.context().close();
      });

      test(`${colorScheme}: the certificate shows the logo and passes axe`, async () => {
        const page = await newPage(browser, { colorScheme });
        await openCertificate(page, site);
        assert.ok(await imageShown(page, '.certificate .certificate-logo img'), 'the logo is on the certificate');
        assert.equal(await page.locator('[data-certificate-name]').innerText(), 'Grace Hopper');
        await assertNoViolation(page, `certificate (${colorScheme})`);
        await page.context().close();
      });
    }

    test('post cards carry the logo as avatar, headings use the brand font, the browser gets the theme colour', async () => {
      const page = await newPage(browser);
      await page.goto(fileUrl(site, 'colours/callouts.html'));
      const avatar = await page.locator('.post-card-avatar').first().evaluate((el) => ({
        image: getComputedStyle(el).backgroundImage,
        text: el.textContent.trim(),
      }));
      assert.match(avatar.image, /assets\/look\/logo\.svg/);
      assert.equal(avatar.text, '', 'no initials over the logo');
      const fontLoaded = await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('700 20px "brandcamp-headings"')
          && [...document.fonts].some((f) => f.family.includes('brandcamp-headings') && f.status === 'loaded');
      });
      assert.ok(fontLoaded, 'the headings font is loaded from assets/look/');
      const meta = await page.evaluate(() => ({
        theme: document.querySelector('meta[name="theme-color"]').content,
        ogTitle: document.querySelector('meta[property="og:title"]').content,
        card: document.querySelector('meta[name="twitter:card"]').content,
        icon: document.querySelector('link[rel="icon"]').getAttribute('href'),
      }));
      assert.equal(meta.theme, primary);
      assert.equal(meta.ogTitle, 'Callouts and cards · Acme looks');
      assert.equal(meta.card, 'summary');
      assert.equal(meta.icon, '../assets/look/logo.svg', 'a square logo is the favicon');
      await page.context().close();
    });
  });
}

// The bundled course in its look, for a person to look at
// (tests/browser/screenshots/look-*.png): home, a lesson with post cards,
// a quiz and the certificate, on a phone and a desktop, light and dark.
describe('screenshots of the bundled course', () => {
  let site;
  before(() => { site = buildCourse('content'); });

  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${width} px, ${colorScheme}`, async () => {
        const page = await newPage(browser, { width, height: 900, colorScheme });
        const shots = [
          ['home', 'index.html'],
          ['lesson', 'pourquoi-les-reseaux/la-voix-des-salaries.html'],
          ['quiz', 'pourquoi-les-reseaux/quiz.html'],
        ];
        for (const [name, path] of shots) {
          await page.goto(fileUrl(site, path));
          await page.evaluate(() => document.fonts.ready);
          await screenshot(page, `look-${name}-${width}-${colorScheme}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${name}: ${overflow} px wider than the screen`);
        }
        await openCertificate(page, site, 'Camille Martin');
        await screenshot(page, `look-certificate-${width}-${colorScheme}`);
        await page.context().close();
      });
    }
  }
});
