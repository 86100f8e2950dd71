// The learner's journey, clicked through in headless Chromium from file://
// URLs (tests/fixtures/journey-course): a one-row phone header with jumps
// that land below it, a next step after every pass, failed attempts that
// do not hand out the answers, locked modules that say why once, "on this
// page" lists, long quizzes one question at a time, and a certificate that
// prints on one page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, formatViolations, launchBrowser, newPage, runAxe } from './lib.mjs';
import { JOURNEY, answerStartQuiz, passLongQuiz, passStartModule, readLessons, settle } from './quiz-helpers.mjs';

/** The top and bottom of an element, and the header's bottom, in the viewport. */
function placeOf(page, selector) {
  return page.evaluate((s) => {
    const box = document.querySelector(s).getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, headerBottom: header.bottom, height: window.innerHeight };
  }, selector);
}

function assertBelowHeader(place, what) {
  assert.ok(place.top >= place.headerBottom, `${what}: its top (${place.top}) is under the header (${place.headerBottom})`);
  assert.ok(place.top < place.height, `${what}: its top (${place.top}) is below the screen (${place.height})`);
}

describe('the learner\'s journey', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(JOURNEY);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the phone header is one row of at most 64 px, and nothing in it is lost', async () => {
    for (const width of [375, 1280]) {
      const page = await newPage(browser, { width, height: 812 });
      const errors = collectPageErrors(page);
      await page.goto(fileUrl(site, 'start/long.html'));
      const header = await page.locator('.site-header').boundingBox();
      assert.ok(header.height <= 64, `the header is ${header.height} px high at ${width} px`);
      // Menu (phones), title, search and theme: all there, all on one row.
      const controls = width === 375
        ? [page.getByRole('button', { name: 'Modules' }), page.getByRole('link', { name: 'Journey Course' }), page.getByRole('button', { name: 'Search', exact: true }), page.getByRole('button', { name: 'Dark mode' })]
        : [page.getByRole('link', { name: 'Journey Course' }), page.getByRole('combobox', { name: 'Search the course' }), page.getByRole('button', { name: 'Dark mode' })];
      for (const control of controls) {
        const box = await control.boundingBox();
        assert.ok(box, `${control} is shown`);
        assert.ok(box.y >= header.y && box.y + box.height <= header.y + header.height, `${control} sits in the header row`);
      }
      if (width === 375) {
        // Search opens below the header, takes the focus, and Escape closes it.
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box');
        await page.keyboard.type('third');
        await page.locator('.search-option').first().waitFor();
        assert.ok((await page.locator('.site-header').boundingBox()).height <= 64, 'the open search does not grow the header');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('#search-box').isVisible(), false);
        assert.equal(await page.evaluate(() => document.activeElement.className), 'search-toggle');
        // "/" opens it too.
        await page.keyboard.press('/');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-box');
      }
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });

  test('every jump (anchor link, heading link in the URL, search result) lands below the header', async () => {
    for (const width of [375, 1280]) {
      const page = await newPage(browser, { width, height: 812 });
      const errors = collectPageErrors(page);
      await page.goto(fileUrl(site, 'start/long.html'));
      await page.getByRole('link', { name: 'the third part' }).click();
      await page.waitForFunction(() => location.hash === '#third-part');
      assertBelowHeader(await placeOf(page, '#third-part'), `#third-part after a link at ${width} px`);

      await page.goto(fileUrl(site, 'start/long.html#fourth-part'));
      assertBelowHeader(await placeOf(page, '#fourth-part'), `#fourth-part from the URL at ${width} px`);

      await page.goto(fileUrl(site, 'start/short.html'));
      if (width === 375) await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.locator('#search-box').fill('second part');
      await page.locator('.search-option').first().waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL(/long\.html#second-part/);
      assertBelowHeader(await placeOf(page, '#second-part'), `a search result at ${width} px`);
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });

  test('a failed after_pass attempt shows what was wrong, not the right answers; the review opens once attempts run out', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'start/quiz.html'));
    await answerStartQuiz(page, { right: false });
    const text = await page.locator('.quiz-mount').innerText();
    assert.match(text, /Not passed/);
    assert.equal((text.match(/Incorrect/g) || []).length, 3, 'each wrong answer is marked');
    assert.match(text, /Your answer: not right/);
    assert.match(text, /Not red: look at the header again\./, 'the feedback of the picked choice');
    assert.match(text, /The right answers are shown once you pass this quiz or have used all your attempts\./);
    const questions = await page.locator('.quiz-form').innerText();
    for (const secret of [/right answer/i, /Expected/, /Stratégie/, /4217/, /4,217/, /SECRET-EXPLANATION/]) {
      assert.doesNotMatch(questions, secret, `a failed attempt shows ${secret}`);
    }
    assert.equal(await page.locator('.choice-right').count(), 0);

    for (let attempt = 2; attempt <= 3; attempt++) {
      await page.getByRole('button', { name: 'Try again' }).click();
      await answerStartQuiz(page, { right: false });
    }
    const last = await page.locator('.quiz-mount').innerText();
    assert.match(last, /No attempts left/);
    assert.match(last, /Expected: Stratégie/, 'the full review, once the attempts are used up');
    assert.match(last, /SECRET-EXPLANATION: the logo is blue\./);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the best score is said once: the result names it only when an earlier attempt did better', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'start/quiz.html'));
    await answerStartQuiz(page, { right: true });
    const first = await page.locator('.quiz-result').innerText();
    assert.match(first, /100\s?%/);
    assert.doesNotMatch(first, /Best score/, 'this attempt is the best: its score says it');
    assert.equal((await page.locator('main').innerText()).match(/Best score/g)?.length ?? 0, 1, 'the status line alone names the best score');

    await page.getByRole('button', { name: 'Try again' }).click();
    await answerStartQuiz(page, { right: false });
    const second = await page.locator('.quiz-result').innerText();
    assert.match(second, /Not passed/);
    assert.match(second, /Best score: 100\s?%/, 'a worse attempt is told the best one');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('"Check" on an empty knowledge check gives nothing away', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'start/long.html'));
    const check = page.locator('[data-knowledge-check]');
    await check.getByRole('button', { name: 'Check' }).click();
    const text = await check.innerText();
    assert.match(text, /Answer the question first\./);
    assert.doesNotMatch(text, /right answer|Correct|Incorrect|KC-EXPLANATION/);
    await check.getByLabel('Cold', { exact: true }).check();
    await check.getByRole('button', { name: 'Check' }).click();
    assert.match(await check.innerText(), /the right answer/);
    assert.match(await check.innerText(), /KC-EXPLANATION/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a locked module shows its lock and condition once, no start button and no live lesson links; its pages keep their titles', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'long/index.html'));
    const content = page.locator('#content');
    assert.equal(await content.locator('.lock-icon').count(), 2, 'the badge and the notice');
    // (The pager, leading back to the module before, is not the condition.)
    const count = (text) => (text.match(/Getting started/g) || []).length;
    const said = count(await content.innerText()) - count(await page.locator('.pager').innerText());
    assert.equal(said, 1, 'the condition, said once');
    const condition = page.locator('[data-requires]');
    assert.match(await condition.innerText(), /Unlocks after: Getting started\s*\(Locked\)\s*· Back to the course home/);
    assert.equal(await condition.getByRole('link', { name: 'Back to the course home' }).count(), 1, 'a way back');
    assert.equal(await page.locator('[data-module-start]').isVisible(), false, 'no start button');
    assert.equal(await page.locator('.lesson-list a[href]').count(), 0, 'no live lesson links');
    assert.match(await page.locator('.lesson-list').innerText(), /The only lesson/);
    assert.equal(await page.locator('.sidebar .nav-lessons a[href], .sidebar .nav-quiz a[href]').count(), 0, 'nor in the sidebar');

    for (const [path, title] of [['long/only.html', 'The only lesson'], ['long/quiz.html', 'Long quiz']]) {
      await page.goto(fileUrl(site, path));
      assert.equal(await page.locator('h1').innerText(), title, 'a locked page keeps its title');
      const notice = page.locator('.notice-locked');
      assert.match(await notice.innerText(), /This page is locked\. It opens once you have completed: Getting started/);
      assert.ok(await notice.getByRole('link', { name: 'Getting started' }).isVisible(), 'a way to what unlocks it');
      assert.ok(await notice.getByRole('link', { name: 'Back to the course home' }).isVisible(), 'a way back');
      assert.equal(await page.locator('.pager').isVisible(), false, 'no pager from one locked page to the next');
      assert.equal(await page.locator('.prose, .quiz-form').count() && await page.locator('.prose:visible, .quiz-form:visible').count(), 0);
    }
    // The pager of an open page says when it leads into a locked module.
    await page.goto(fileUrl(site, 'start/quiz.html'));
    assert.match(await page.locator('.pager-next').innerText(), /The long quiz\s*\(Locked\)/);
    assert.equal(await page.locator('.pager-next .lock-icon').count(), 1);
    assert.deepEqual(errors, []);
    await page.goto(fileUrl(site, 'long/index.html'));
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.context().close();
  });

  test('from the first lesson to the certificate, there is always a next step', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    const errors = collectPageErrors(page);
    const primary = page.locator('[data-resume-link]');
    const inFirstScreen = async (what) => {
      const box = await primary.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 812, `${what}: the primary action is in the first screen (${JSON.stringify(box)})`);
    };
    await page.goto(fileUrl(site, 'index.html'));
    assert.equal(await primary.innerText(), 'Start the course');
    await inFirstScreen('a new learner');
    const descriptionTop = (await page.locator('.hero .lead').boundingBox()).y;
    assert.ok(descriptionTop > (await primary.boundingBox()).y, 'the description comes after the primary action');

    // A module in progress says "continue", to its first lesson not read.
    await readLessons(page, site, ['start/long.html']);
    await page.goto(fileUrl(site, 'start/index.html'));
    const moduleStart = page.locator('[data-module-start]');
    assert.equal(await moduleStart.innerText(), 'Continue this module');
    assert.match(await moduleStart.getAttribute('href'), /short\.html$/);
    await page.goto(fileUrl(site, 'index.html'));
    assert.equal(await primary.innerText(), 'Continue where you left off');
    assert.match(await primary.getAttribute('href'), /start\/short\.html$/);
    await inFirstScreen('a learner under way');
    assert.match(await page.locator('.module-card[data-module="start"] .status-badge').innerText(), /In progress/);
    assert.match(await page.locator('[data-course-percent]').innerText(), /^20 % of the course done$/);

    // A passed quiz leads on to the next module, and the sidebar marks it done.
    await passStartModule(page, site);
    const next = page.locator('[data-next-step]');
    assert.equal(await next.innerText(), 'Next module: The long quiz');
    assert.match(await next.getAttribute('href'), /long\/index\.html$/);
    await page.reload();
    await page.getByRole('button', { name: 'Modules' }).click();
    assert.match(await page.locator('.nav-quiz a').innerText(), /\(passed\)/);
    assert.equal(await page.locator('.nav-quiz a.is-done').count(), 1);

    // The last pass: a completion moment and the certificate as the next step.
    await readLessons(page, site, ['long/only.html']);
    await page.goto(fileUrl(site, 'long/quiz.html'));
    await passLongQuiz(page);
    const result = page.locator('.quiz-result');
    assert.match(await result.innerText(), /Course complete/);
    assert.equal(await next.innerText(), 'Get your certificate');
    assert.match(await next.getAttribute('href'), /certificate\.html$/);
    await page.waitForFunction(() => /Course complete/.test(document.querySelector('[data-quiz-live]').textContent));
    await settle(page);

    // The home page of a finished course leads with the certificate.
    await page.goto(fileUrl(site, 'index.html'));
    assert.equal(await primary.innerText(), 'Get your certificate');
    assert.match(await primary.getAttribute('href'), /certificate\.html$/);
    await inFirstScreen('a learner who has finished');
    assert.match(await page.locator('[data-course-percent]').innerText(), /^100 %/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('reading progress from storage moves nothing on the home, module and lesson pages', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    const errors = collectPageErrors(page);
    await readLessons(page, site, ['start/long.html']);
    for (const path of ['index.html', 'start/index.html', 'start/short.html', 'long/index.html']) {
      await page.goto(fileUrl(site, path));
      const [shift, moved] = await page.evaluate(() => new Promise((resolve) => {
        let total = 0;
        const moved = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            total += entry.value;
            for (const source of entry.sources) moved.push(source.node?.className || source.node?.nodeName);
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve([total, moved]), 500);
      }));
      assert.ok(shift < 0.01, `${path}: layout shift ${shift} (${moved.join(', ')})`);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the home page\'s primary action is in the first screen of a 1280 px desktop', async () => {
    const page = await newPage(browser, { width: 1280, height: 720 });
    await page.goto(fileUrl(site, 'index.html'));
    const box = await page.locator('[data-resume-link]').boundingBox();
    assert.ok(box.y + box.height <= 720);
    await page.context().close();
  });

  test('a lesson with 3 or more sections lists them: beside it on wide screens, folded at the top on phones', async () => {
    const wide = await newPage(browser, { width: 1440, height: 900 });
    await wide.goto(fileUrl(site, 'start/long.html'));
    const aside = wide.locator('.page-toc-aside');
    assert.ok(await aside.isVisible());
    assert.deepEqual(await aside.locator('a').allInnerTexts(), ['First part', 'Second part', 'Third part', 'Fourth part']);
    const asideBox = await aside.boundingBox();
    const prose = await wide.locator('.prose').boundingBox();
    assert.ok(asideBox.x >= prose.x + prose.width, 'beside the lesson');
    assert.equal(await wide.locator('.page-toc-inline').isVisible(), false);
    await wide.context().close();

    const phone = await newPage(browser, { width: 375, height: 812 });
    const errors = collectPageErrors(phone);
    await phone.goto(fileUrl(site, 'start/long.html'));
    assert.equal(await phone.locator('.page-toc-aside').isVisible(), false);
    const summary = phone.locator('.page-toc-inline summary');
    assert.ok(await summary.isVisible());
    assert.equal(await phone.locator('.page-toc-inline').getByRole('link', { name: 'Third part', exact: true }).isVisible(), false, 'folded');
    await summary.focus();
    await phone.keyboard.press('Enter');
    await phone.locator('.page-toc-inline').getByRole('link', { name: 'Third part', exact: true }).click();
    assertBelowHeader(await placeOf(phone, '#third-part'), 'a jump from "On this page"');
    // A short lesson has no list.
    await phone.goto(fileUrl(site, 'start/short.html'));
    assert.equal(await phone.locator('.page-toc').count(), 0);
    assert.deepEqual(errors, []);
    await phone.context().close();
  });

  test('a quiz of more than 10 questions shows one at a time, with its progress, by keyboard', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    const errors = collectPageErrors(page);
    await passStartModule(page, site);
    await readLessons(page, site, ['long/only.html']);
    await page.goto(fileUrl(site, 'long/quiz.html'));
    const progress = page.locator('.quiz-progress-text');
    assert.equal(await progress.innerText(), 'Question 1 of 12 · 0 of 12 answered');
    assert.equal(await page.getByRole('button', { name: 'Previous question' }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Check my answers' }).isVisible(), false);
    await page.locator('fieldset.question:visible').getByLabel('True', { exact: true }).check();
    assert.equal(await progress.innerText(), 'Question 1 of 12 · 1 of 12 answered');
    await page.getByRole('button', { name: 'Next question' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await progress.innerText(), 'Question 2 of 12 · 1 of 12 answered');
    assert.equal(await page.evaluate(() => document.activeElement.matches('fieldset.question')), true, 'the focus moves to the new question');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 2000, `the page is ${height} px long`);
    await page.getByRole('button', { name: 'Previous question' }).click();
    assert.equal(await progress.innerText(), 'Question 1 of 12 · 1 of 12 answered');
    await page.reload();
    await passLongQuiz(page);
    assert.match(await page.locator('.quiz-result').innerText(), /100\s%\s+Passed/);
    assert.deepEqual(errors, []);
    // (axe reads the style sheets itself, which file:// refuses: after the errors check.)
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
    }
    await page.context().close();
  });

  test('the certificate prints on one A4 landscape page, with its score table, signature and verification line', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await passStartModule(page, site);
    await readLessons(page, site, ['long/only.html']);
    await page.goto(fileUrl(site, 'long/quiz.html'));
    await passLongQuiz(page);
    await settle(page);
    await page.goto(fileUrl(site, 'certificate.html'));
    await page.getByLabel('Your name').fill('Alex Martin');
    await page.getByRole('button', { name: 'Show my certificate' }).click();
    const certificate = page.locator('[data-certificate]');
    const rows = await certificate.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s/g, ' ').trim())));
    assert.deepEqual(rows, [['Getting started', '100 %', '✓Passed'], ['The long quiz', '100 %', '✓Passed']]);
    assert.equal(await page.locator('.certificate-status').isVisible(), false, 'one table of scores, not two');
    const text = await certificate.innerText();
    assert.match(text, /Jane Doe\s+Head of Training/);
    assert.match(text, /Journey Course · version [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4} · \w+ \d+, \d{4}/);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `the certificate prints on ${pages} pages`);
    const size = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
    assert.ok(size && Number(size[1]) > Number(size[2]), 'landscape');
    assert.deepEqual(errors, []);
    await page.emulateMedia({ media: 'screen' });
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
    }
    await page.context().close();
  });

  test('journey pages pass axe in light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const page = await newPage(browser, { width: 375, height: 812, colorScheme });
      for (const path of ['index.html', 'start/index.html', 'start/long.html', 'long/index.html', 'start/quiz.html']) {
        await page.goto(fileUrl(site, path));
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], `${path} (${colorScheme}): ${formatViolations(violations)}`);
      }
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `open search (${colorScheme}): ${formatViolations(violations)}`);
      await page.context().close();
    }
  });
});
