// Each graded attempt goes, answer by answer, to the page's reporter
// (progress.js's reportAttempt): here a BrandcampReporter the test puts in
// the plain site's pages, as the xAPI reporter will be. The records are
// those of interactions.js, made from what the learner clicked.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';
import { EVERY_KIND_IDS, INTERACTIONS_FIXTURE, LONG_POST, answerEveryKind } from './interactions-helpers.mjs';

// Runs before the page's own scripts: a reporter that keeps what it hears.
function installReporter({ failing = false } = {}) {
  window.reported = [];
  window.BrandcampReporter = {
    report(info) {
      window.reported.push(JSON.parse(JSON.stringify(info)));
      if (failing) throw new Error('the LRS is down');
    },
  };
}

describe('graded attempts are reported', () => {
  let browser;
  let site;

  before(async () => {
    site = buildCourse(INTERACTIONS_FIXTURE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a failed then a passed attempt each reach the reporter with a record per question', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.addInitScript(installReporter);
    await page.goto(fileUrl(site, 'every-kind/quiz.html'));
    await answerEveryKind(page, { right: false });
    await page.getByRole('button', { name: 'Try again' }).click();
    await answerEveryKind(page, { right: true });
    const reported = await page.evaluate(() => window.reported);
    assert.equal(reported.length, 2);

    const [failed, passed] = reported;
    assert.deepEqual(
      { ...failed, records: undefined, durationMs: undefined },
      {
        quiz: 'every-kind', quizTitle: 'Every kind of question', module: 'every-kind', moduleTitle: 'Every kind',
        score: 6.25, passMark: 80, passed: false, attempt: 1, durationMs: undefined, records: undefined,
      },
    );
    assert.equal(passed.score, 100);
    assert.equal(passed.passed, true);
    assert.equal(passed.attempt, 2);
    for (const attempt of reported) {
      assert.ok(attempt.durationMs >= 0);
      assert.deepEqual(attempt.records.map((r) => r.id), EVERY_KIND_IDS);
      for (const r of attempt.records) {
        assert.ok(r.latencyMs >= 0 && r.latencyMs <= attempt.durationMs, `${r.id}: ${r.latencyMs}`);
        assert.ok(!Number.isNaN(Date.parse(r.timestamp)), r.timestamp);
      }
    }

    const byId = (attempt) => Object.fromEntries(attempt.records.map((r) => [r.id, r]));
    const wrong = byId(failed);
    const right = byId(passed);
    assert.deepEqual(
      Object.values(wrong).map((r) => [r.id, r.type, r.success, r.score]),
      [
        ['spelling', 'choice', false, 0],
        ['channels', 'choice', false, 0.5],
        ['capitals', 'true-false', false, 0],
        ['plan', 'fill-in', false, 0],
        ['age', 'numeric', false, 0],
        ['steps', 'sequencing', false, 0],
        ['roles', 'matching', false, 0],
        ['launch-post', 'long-fill-in', false, 0],
      ],
    );
    assert.ok(Object.values(right).every((r) => r.success === true && r.score === 1));

    // What the learner gave, and what was right, by the choices' ids.
    assert.equal(wrong.spelling.description, 'How is the brand written?');
    assert.deepEqual(wrong.spelling.choices.map((c) => c.id), ['acme', 'acme-2', 'acme-co']);
    assert.deepEqual([wrong.spelling.response, wrong.spelling.correct], [['acme-2'], ['acme']]);
    assert.deepEqual([right.channels.response, right.channels.correct], [['linkedin', 'instagram'], ['linkedin', 'instagram']]);
    assert.deepEqual([wrong.capitals.response, wrong.capitals.correct], [true, false]);
    assert.deepEqual([wrong.plan.response, right.plan.response, right.plan.correct], ['tactic', 'strategie', 'Stratégie']);
    assert.deepEqual([wrong.age.response, right.age.response, right.age.correct], [40, 38.2, { min: 37.5, max: 38.5 }]);
    assert.deepEqual(right.steps.response, ['draft', 'review', 'publish']);
    assert.deepEqual(right.steps.correct, ['draft', 'review', 'publish']);
    assert.notDeepEqual(wrong.steps.response, right.steps.correct);
    assert.deepEqual(wrong.roles.response, [['writer', 'checks-the-post'], ['editor', 'writes-the-post']]);
    assert.deepEqual(right.roles.correct, [['writer', 'writes-the-post'], ['editor', 'checks-the-post']]);
    assert.deepEqual(right.roles.target.map((t) => t.text), ['Checks the post', 'Deletes the post', 'Writes the post']);
    assert.deepEqual([wrong['launch-post'].response, right['launch-post'].response], ['A new course is out.', LONG_POST]);
    assert.equal(right['launch-post'].correct, null);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a reporter that fails does not stop the quiz', async () => {
    const page = await newPage(browser);
    await page.addInitScript(installReporter, { failing: true });
    await page.goto(fileUrl(site, 'every-kind/quiz.html'));
    await answerEveryKind(page, { right: true });
    assert.equal(await page.evaluate(() => window.reported.length), 1);
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem(document.body.dataset.course)).quizzes['every-kind'].passed), true);
    await page.context().close();
  });
});
