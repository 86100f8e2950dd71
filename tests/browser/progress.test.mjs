// Progress, gating and the certificate, clicked through in headless
// Chromium from file:// URLs on the fixture course (basics → practice →
// final, each requiring the one before).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, formatViolations, launchBrowser, newPage, runAxe } from './lib.mjs';
import { BASICS_RIGHT, FIXTURE, answerChoices, completeBasics, readLessons, settle, storedProgress } from './quiz-helpers.mjs';

describe('progress, gating and certificate', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a locked module says what unlocks it, and opens once its requirement is complete', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'index.html'));
    const card = page.locator('.module-card[data-module="practice"]');
    assert.match(await card.getAttribute('class'), /is-locked/);
    assert.match(await card.locator('.status-badge').innerText(), /Locked/);
    assert.match(await card.innerText(), /Unlocks after: Basics/);

    // The module page says it on its "unlocks after" line; its lessons and quiz in a notice.
    await page.goto(fileUrl(site, 'practice/index.html'));
    assert.match(await page.locator('[data-requires]').innerText(), /Unlocks after: Basics\s*\(Locked\)\s*· Back to the course home/);
    for (const path of ['practice/practice.html', 'practice/quiz.html']) {
      await page.goto(fileUrl(site, path));
      const notice = page.locator('.notice-locked');
      assert.match(await notice.innerText(), /This page is locked\. It opens once you have completed: Basics\./, path);
      assert.equal(await notice.getByRole('link', { name: 'Basics' }).getAttribute('href'), '../basics/index.html');
      assert.equal(await notice.getByRole('link', { name: 'Back to the course home' }).getAttribute('href'), '../index.html');
    }
    assert.equal(await page.locator('.quiz').isHidden(), true, 'the quiz of a locked module is not offered');
    await page.goto(fileUrl(site, 'practice/practice.html'));
    assert.equal(await page.locator('article.lesson .prose').isHidden(), true);
    assert.equal(await page.locator('article.lesson h1').innerText(), 'Practice', 'the title stays');
    assert.deepEqual((await storedProgress(page))?.lessons ?? {}, {}, 'a locked lesson is not marked seen');

    await completeBasics(page, site);
    await page.goto(fileUrl(site, 'practice/practice.html'));
    assert.equal(await page.locator('.notice-locked').count(), 0);
    assert.equal(await page.locator('article.lesson').isVisible(), true);
    await page.goto(fileUrl(site, 'index.html'));
    assert.doesNotMatch(await card.getAttribute('class'), /is-locked/);
    assert.match(await page.locator('.module-card[data-module="basics"] .status-badge').innerText(), /Complete/);
    assert.match(await page.locator('.module-card[data-module="final"] .status-badge').innerText(), /Locked/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('home and module pages show progress, and "resume" goes to the first unfinished lesson', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'index.html'));
    const resume = page.locator('[data-resume-link]');
    assert.equal(await resume.innerText(), 'Start the course');
    await readLessons(page, site, ['basics/intro.html']);
    await page.goto(fileUrl(site, 'index.html'));
    assert.equal(await resume.innerText(), 'Continue where you left off');
    assert.equal(await resume.getAttribute('href'), 'basics/more.html');
    assert.match(await page.locator('.module-card[data-module="basics"] [data-module-status]').innerText(), /In progress\s*1 of 2 lessons read · quiz not taken yet/);
    await resume.click();
    await page.waitForURL(/basics\/more\.html$/);
    // The lesson the link opened marks itself read; wait for that to land.
    await page.waitForFunction(() => !!JSON.parse(localStorage.getItem(document.body.dataset.course) || 'null')?.lessons?.['basics/more']);
    await settle(page);
    await page.goto(fileUrl(site, 'index.html'));
    assert.match(await resume.getAttribute('href'), /basics\/quiz\.html$/);
    await page.goto(fileUrl(site, 'basics/index.html'));
    // The new page's view of the shared file:// storage can lag under load.
    await settle(page);
    assert.match(await page.locator('[data-module-status]').innerText(), /2 of 2 lessons read/);
    assert.equal(await page.locator('.lesson-list a.is-done').count(), 2);
    assert.match(await page.locator('.lesson-list a.is-done').first().innerText(), /\(read\)/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('corrupted, old or foreign stored progress is set aside with a notice, never a broken page', async () => {
    for (const stored of ['{not json', JSON.stringify({ version: 0, lessons: [] }), JSON.stringify({ version: 1, course: 'brandcamp:another', lessons: {}, quizzes: {} }), JSON.stringify({ version: 1, course: 'brandcamp:quiz-course', lessons: {}, quizzes: { basics: { attempts: 'x' } } })]) {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      await page.goto(fileUrl(site, 'index.html'));
      await page.evaluate((value) => localStorage.setItem(document.body.dataset.course, value), stored);
      await settle(page);
      for (const path of ['index.html', 'basics/quiz.html', 'basics/intro.html']) {
        await page.goto(fileUrl(site, path));
        assert.match(await page.locator('.notice-warning').innerText(), /could not be read/, `${path} with ${stored}`);
        assert.equal(await page.locator('#notices').getAttribute('role'), 'status');
      }
      // Wait for the lesson's mark to reach the storage every page shares.
      await readLessons(page, site, ['basics/intro.html']);
      await page.goto(fileUrl(site, 'basics/quiz.html'));
      assert.equal(await page.locator('.quiz-form fieldset').count(), 3, 'the quiz still works');
      // The lesson visited above was recorded afresh, over the damaged data
      // (a new page's view of the shared storage can lag behind under load:
      // wait for it to see a record, then look at what it is).
      await page
        .waitForFunction(() => localStorage.getItem(document.body.dataset.course) !== null, null, { timeout: 15000 })
        .catch(() => {});
      assert.deepEqual(Object.keys((await storedProgress(page))?.lessons ?? {}), ['basics/intro']);
      await page.goto(fileUrl(site, 'index.html'));
      assert.equal(await page.locator('.notice-warning').count(), 0);
      assert.deepEqual(errors, [], stored);
      await page.context().close();
    }
  });

  test('"reset progress" asks first in an accessible dialog', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await readLessons(page, site, ['basics/intro.html']);
    await page.goto(fileUrl(site, 'index.html'));
    const button = page.getByRole('button', { name: 'Reset progress' });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Reset your progress?' });
    assert.equal(await dialog.isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel', 'focus starts on the safe choice');
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Reset progress', 'focus comes back');
    assert.deepEqual(Object.keys((await storedProgress(page)).lessons), ['basics/intro']);

    await button.click();
    await dialog.getByRole('button', { name: 'Reset progress' }).click();
    // The dialog's "close" event, which resets, comes as a task of its own.
    await page.locator('#notices', { hasText: 'Your progress has been reset.' }).waitFor();
    assert.equal(await storedProgress(page), null);
    assert.match(await page.locator('#notices').innerText(), /Your progress has been reset\./);
    assert.equal(await page.locator('[data-resume-link]').innerText(), 'Start the course');
    assert.match(await page.locator('[data-progress-summary]').innerText(), /0 of 3 modules complete/);
    assert.deepEqual(errors.filter((e) => !/\.css\b/.test(e)), []);
    await page.context().close();
  });

  test('a learner who finishes every module gets a certificate that prints on one A4 landscape page', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'certificate.html'));
    assert.match(await page.locator('[data-certificate-locked]').innerText(), /becomes available once you have passed/);
    assert.equal(await page.locator('[data-certificate-form]').isHidden(), true);

    await completeBasics(page, site);
    await readLessons(page, site, ['practice/practice.html']);
    await page.goto(fileUrl(site, 'practice/quiz.html'));
    await page.locator('.question-text input').fill('Stratégie');
    await page.locator('.question-numeric input').fill('38');
    for (const right of ['Draft', 'Review', 'Publish']) {
      // Move each item to the bottom in the right order.
      const item = page.locator('.order-item', { hasText: right });
      while (await item.locator('.order-down').isEnabled()) await item.locator('.order-down').click();
    }
    await page.getByLabel('Writer', { exact: true }).selectOption({ label: 'Writes the post' });
    await page.getByLabel('Editor', { exact: true }).selectOption({ label: 'Checks the post' });
    await page.getByLabel('Manager', { exact: true }).selectOption({ label: 'Approves the post' });
    await page.locator('.question-post textarea').fill('Join the Acme course');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result.is-passed').waitFor();
    await settle(page);
    await readLessons(page, site, ['final/wrap-up.html']);

    await page.goto(fileUrl(site, 'index.html'));
    assert.match(await page.locator('[data-progress-summary]').innerText(), /3 of 3 modules complete/);
    assert.match(await page.locator('[data-certificate-status]').innerText(), /ready/);
    assert.equal(await page.locator('[data-resume-link]').innerText(), 'Get your certificate');
    await page.getByRole('link', { name: 'Certificate' }).first().click();
    await page.waitForURL(/certificate\.html$/);

    await page.getByRole('button', { name: 'Show my certificate' }).click();
    assert.match(await page.locator('[data-name-error]').innerText(), /Type your name first/);
    await page.getByLabel('Your name, as it should appear on the certificate').fill('Ada <b>Lovelace</b>');
    await page.getByRole('button', { name: 'Show my certificate' }).click();
    await settle(page);
    const certificate = page.locator('[data-certificate]');
    const text = await certificate.innerText();
    assert.match(text, /ACME TRAINING/i);
    assert.match(text, /Certificate of completion/);
    assert.match(text, /Ada <b>Lovelace<\/b>/, 'the name is text, not markup');
    assert.match(text, /has completed the course Quiz Course/);
    assert.match(text, /Basics\s+100\s%/);
    assert.match(text, /Practice\s+100\s%/);
    assert.match(text, /Jane Doe, Head of Training/);
    const date = await page.locator('[data-certificate-date]').innerText();
    const expected = await page.evaluate(() => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date()));
    assert.equal(date, expected);

    await page.reload();
    assert.equal(await page.locator('[data-certificate-name]').innerText(), 'Ada <b>Lovelace</b>', 'the name is remembered');

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.locator('[data-certificate-form]').isVisible(), false);
    assert.equal(await page.locator('.certificate-frame').isVisible(), true);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || [];
    assert.equal(pages.length, 1, 'one page');
    const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
    assert.ok(box, 'a page size');
    assert.ok(Math.abs(Number(box[1]) - 841.9) < 2 && Math.abs(Number(box[2]) - 595.3) < 2, `A4 landscape, got ${box[1]}×${box[2]}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('two tabs open at once: what one saves is not lost when the other saves', async () => {
    const first = await newPage(browser);
    const errors = collectPageErrors(first);
    // The first tab reads the progress (nothing yet) and keeps the quiz open.
    await first.goto(fileUrl(site, 'basics/quiz.html'));
    const second = await first.context().newPage();
    await readLessons(second, site, ['basics/intro.html', 'basics/more.html']);
    await second.close();
    // Back in the first tab, whose page read the progress before those
    // lessons (once the browser shows it their writes), the quiz is passed.
    await first.waitForFunction(() => Object.keys(JSON.parse(localStorage.getItem(document.body.dataset.course) || '{"lessons":{}}').lessons).length === 2);
    assert.equal(await first.evaluate(() => window.BrandcampProgress.lessonSeen('basics', 'intro')), false, 'the page still holds what it read');
    await answerChoices(first, BASICS_RIGHT);
    await first.getByRole('button', { name: 'Check my answers' }).click();
    await first.locator('.quiz-result.is-passed').waitFor();
    const stored = await storedProgress(first);
    assert.deepEqual(Object.keys(stored.lessons).sort(), ['basics/intro', 'basics/more']);
    assert.equal(stored.quizzes.basics.passed, true);
    await settle(first);
    await first.goto(fileUrl(site, 'index.html'));
    assert.match(await first.locator('.module-card[data-module="basics"] [data-module-status]').innerText(), /Complete/);
    assert.deepEqual(errors, []);
    await first.context().close();
  });

  test('the progress store can be replaced (the seam for an LMS)', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.addInitScript(() => {
      const data = {};
      window.storeCalls = [];
      window.BrandcampStore = {
        get: (key) => { window.storeCalls.push(['get', key]); return key in data ? data[key] : null; },
        set: (key, value) => { window.storeCalls.push(['set', key]); data[key] = value; return true; },
        remove: (key) => { delete data[key]; },
      };
    });
    await page.goto(fileUrl(site, 'basics/intro.html'));
    const calls = await page.evaluate(() => window.storeCalls);
    // Read, then read again just before writing (to merge what another page saved), then write.
    assert.deepEqual(calls.map((c) => c[0]), ['get', 'get', 'set']);
    assert.ok(calls.every((c) => c[1] === 'brandcamp:quiz-course'));
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'localStorage untouched');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
