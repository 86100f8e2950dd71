// The core pages of a built course in a real browser: they open from disk
// and under a sub-path, the sidebar lists every module, the phone menu and
// the dark-mode toggle work from the keyboard, nothing scrolls sideways on a
// phone, and axe finds no WCAG 2.1 A/AA violation, in light and dark.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildCourse, collectPageErrors, fileUrl, formatViolations, launchBrowser, newPage, runAxe, screenshot, serveDir,
} from './lib.mjs';
import { readLessons, settle } from './quiz-helpers.mjs';

let browser;
let site;

before(async () => {
  site = buildCourse('tests/fixtures/basic');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

const PAGES = ['index.html', 'premiers-pas/index.html', 'premiers-pas/bienvenue.html', 'crise/premiere-heure.html'];

describe('core pages', () => {
  test('open from file:// with every module in the sidebar and no errors', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'premiers-pas/bienvenue.html'));
    const modules = await page.locator('#nav-modules a').allTextContents();
    // "Crise" requires "Premiers pas", so it is listed as locked.
    assert.deepEqual(modules, ['Accueil du cours', 'Premiers pas', 'Crise (Verrouillé)']);
    await page.locator('#nav-modules a', { hasText: 'Crise' }).click();
    await page.waitForURL(/crise\/index\.html$/);
    assert.equal(await page.locator('h1').textContent(), 'Crise');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('work under a sub-path of a web server', async () => {
    const server = await serveDir(site, { prefix: '/formations/reseaux/' });
    try {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      for (const path of PAGES) {
        await page.goto(`${server.url}${path}`);
        const css = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.notEqual(css, 'rgba(0, 0, 0, 0)', `${path}: the stylesheet loaded`);
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(server.notFound, [], 'no link points outside the sub-path');
      await page.close();
    } finally {
      await server.close();
    }
  });

  test('no horizontal scrolling at 375, 768 and 1280 px', async () => {
    for (const width of [375, 768, 1280]) {
      const page = await newPage(browser, { width, height: 800 });
      for (const path of PAGES) {
        await page.goto(fileUrl(site, path));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} at ${width}px scrolls sideways by ${overflow}px`);
      }
      await page.close();
    }
  });

  test('the phone menu opens and closes from the keyboard', async () => {
    const page = await newPage(browser, { width: 375, height: 740 });
    await page.goto(fileUrl(site, 'premiers-pas/bienvenue.html'));
    const sidebar = page.locator('#sidebar');
    assert.equal(await sidebar.isVisible(), false, 'the menu starts closed on a phone');
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // menu button
    assert.equal(await page.evaluate(() => document.activeElement.className), 'nav-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await sidebar.isVisible(), true);
    assert.equal(await page.locator('.nav-toggle').getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await sidebar.isVisible(), false);
    await page.close();
  });

  test('the skip link moves focus to the content', async () => {
    const page = await newPage(browser);
    await page.goto(fileUrl(site, 'premiers-pas/bienvenue.html'));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Aller au contenu');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'content');
    await page.close();
  });

  test('the dark-mode toggle switches and remembers the choice', async () => {
    const page = await newPage(browser, { colorScheme: 'light' });
    await page.goto(fileUrl(site, 'index.html'));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    // The button names the mode it switches to (the fixture is in French).
    assert.equal((await page.locator('.theme-toggle').textContent()).trim(), 'Mode sombre');
    await page.locator('.theme-toggle').click();
    assert.equal((await page.locator('.theme-toggle').textContent()).trim(), 'Mode clair');
    const dark = await background();
    assert.notEqual(dark, light);
    assert.equal(await page.evaluate(() => localStorage.getItem('brandcamp-theme')), 'dark', 'the choice is stored');
    await settle(page);
    await page.goto(fileUrl(site, 'premiers-pas/index.html'));
    assert.equal(await background(), dark, 'the choice is kept on the next page');
    await page.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no WCAG A/AA violation (${colorScheme})`, async () => {
      const page = await newPage(browser, { colorScheme });
      for (const path of PAGES) {
        await page.goto(fileUrl(site, path));
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], `${path}:\n${formatViolations(violations)}`);
      }
      await page.goto(fileUrl(site, 'premiers-pas/bienvenue.html'));
      await screenshot(page, `lesson-desktop-${colorScheme}`);
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page, `lesson-phone-${colorScheme}`);
      await page.close();
    });
  }

  test('counts take the singular where French does: 0 and 1', async () => {
    const page = await newPage(browser);
    await readLessons(page, site, ['premiers-pas/bienvenue.html']);
    await page.goto(fileUrl(site, 'index.html'));
    const status = page.locator('.module-card[data-module="premiers-pas"] [data-module-status]');
    assert.match(await status.innerText(), /1 leçon lue sur 2/);
    assert.match(await page.locator('[data-progress-summary]').innerText(), /0 module terminé sur 2\./);
    await readLessons(page, site, ['premiers-pas/comptes.html']);
    await page.goto(fileUrl(site, 'index.html'));
    assert.match(await status.innerText(), /2 leçons lues sur 2/);
    await page.context().close();
  });
});
