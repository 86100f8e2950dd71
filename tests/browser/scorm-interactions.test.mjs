// Answers and modules in a real LMS runtime: scorm-again plays the LMS (as
// in scorm.test.mjs), a learner answers a quiz with every kind of question,
// fails it, passes it, fails another, then comes back in a second session.
// The test reads back from scorm-again's data model what was recorded in
// cmi.interactions and cmi.objectives, for SCORM 1.2 and 2004.
//
// scorm-again checks 2004's typed formats itself (a value it refuses is not
// stored, and the exact values below would be missing). It checks none of
// 1.2's CMIFeedback formats nor its 255 characters, so this test holds the
// package to the 1.2 standard itself.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { collectPageErrors, launchBrowser, newPage, serveDir } from './lib.mjs';
import { buildPackage, lastValues, lmsFolder } from './scorm-helpers.mjs';
import {
  EVERY_KIND_IDS,
  INTERACTIONS_FIXTURE,
  LONG_POST,
  answerEveryKind,
  answerLastCheck,
} from './interactions-helpers.mjs';

// SCORM 1.2 RTE 3.4.2.7: what each type's student_response and
// correct_responses.n.pattern may be (CMIFeedback, 255 characters).
const FEEDBACK_12 = {
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  sequencing: /^[0-9a-z](,[0-9a-z])*$/,
  matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
  'true-false': /^[01tf]$/,
  numeric: /^-?\d+(\.\d+)?$/,
  'fill-in': /^[^\n]{0,255}$/u,
};
const IDENTIFIER_12 = /^[\x21-\x7e]{1,255}$/; // CMIIdentifier: no spaces
const TIME_12 = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const TIMESPAN_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const TIMESTAMP_2004 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z$/;
const DURATION_2004 = /^PT(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;

/** scorm-again's data model, as the LMS would store it. */
async function cmiOf(page) {
  const cmi = await page.evaluate(() => (window.API_1484_11 || window.API).renderCMIToJSONObject());
  const list = (object) => Object.keys(object || {})
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => a - b)
    .map((k) => object[k]);
  const interactions = list(cmi.cmi.interactions).map((i) => ({
    ...i,
    objectives: list(i.objectives).map((o) => o.id),
    correct_responses: list(i.correct_responses).map((c) => c.pattern),
  }));
  return { interactions, objectives: list(cmi.cmi.objectives) };
}

const answersOf = (interactions) => interactions.map((i) => i.id);

for (const version of ['1.2', '2004']) {
  describe(`SCORM ${version}: answers and modules reach the LMS`, () => {
    const response = version === '1.2' ? 'student_response' : 'learner_response';
    const wrong = version === '1.2' ? 'wrong' : 'incorrect';
    const location = version === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location';
    let browser;
    let server;
    let saved; // what the LMS kept after the first session

    before(async () => {
      const { zip } = buildPackage(INTERACTIONS_FIXTURE, version);
      server = await serveDir(lmsFolder(zip));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    async function launch(initial = null) {
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      // The runtime says when the LMS refuses a value: none may be refused.
      const refused = [];
      page.on('console', (msg) => {
        if (msg.type() === 'warning' && /brandcamp/.test(msg.text())) refused.push(msg.text());
      });
      await page.goto(server.url + 'lms.html');
      await page.evaluate(([v, init]) => window.launch(v, init), [version, initial]);
      const course = page.frameLocator('#sco').frameLocator('#course-frame');
      await course.locator('body[data-kind]').first().waitFor();
      return { page, errors, refused, course };
    }

    /** The learner goes to `path` of the course; the LMS hears of it. */
    async function open(page, path) {
      await page.frame({ url: /scorm\.html$/ }).evaluate((p) => {
        document.getElementById('course-frame').src = p;
      }, path);
      await page.waitForFunction(
        ([el, p]) => window.lmsLog.some((e) => e[0] === 'set' && e[1] === el && e[2] === p),
        [location, path],
      );
    }

    async function closeCourse(page) {
      await page.evaluate(() => window.closeCourse());
      await page.waitForFunction(() => window.lmsLog.some((entry) => entry[0] === 'terminate'));
      return lastValues(await page.evaluate(() => window.lmsLog));
    }

    test('every kind of answer, failed then passed, and a failed module', async () => {
      const { page, errors, refused, course } = await launch();
      await open(page, 'every-kind/read.html');
      await open(page, 'every-kind/quiz.html');
      await answerEveryKind(course, { right: false });
      await course.getByRole('button', { name: 'Try again' }).click();
      await answerEveryKind(course, { right: true });
      await open(page, 'wrap-up/quiz.html');
      await answerLastCheck(course, { right: false });
      await page.waitForFunction(() => window.lmsLog.filter((e) => e[0] === 'commit').length > 0);

      const { interactions, objectives } = await cmiOf(page);
      const every = EVERY_KIND_IDS.map((id) => `every-kind/${id}`);
      assert.deepEqual(answersOf(interactions), [...every, ...every, 'wrap-up/last-word'], 'one entry per answer, in order');
      const [failed, passed] = [interactions.slice(0, 8), interactions.slice(8, 16)];
      const last = interactions[16];
      assert.deepEqual(failed.map((i) => i.result), Array(8).fill(wrong));
      assert.deepEqual(passed.map((i) => i.result), Array(8).fill('correct'));
      assert.equal(last.result, wrong);
      for (const i of interactions) {
        assert.deepEqual(i.objectives, [i.id.split('/')[0]], `${i.id} belongs to its module's objective`);
        assert.equal(i.weighting, '1');
      }
      const byId = (list) => Object.fromEntries(list.map((i) => [i.id.split('/')[1], i]));
      const [no, yes] = [byId(failed), byId(passed)];

      if (version === '1.2') {
        assert.deepEqual(
          passed.map((i) => i.type),
          ['choice', 'choice', 'true-false', 'fill-in', 'numeric', 'sequencing', 'matching', 'fill-in'],
        );
        for (const i of interactions) {
          assert.match(i.id, IDENTIFIER_12);
          assert.match(i.time, TIME_12);
          assert.match(i.latency, TIMESPAN_12);
          for (const value of [i.student_response, ...i.correct_responses]) {
            assert.match(value, FEEDBACK_12[i.type], `${i.id}: "${value}" is not a 1.2 ${i.type} response`);
          }
        }
        // Choices by their letter in the author's list; right and wrong.
        assert.deepEqual([no.spelling.student_response, no.spelling.correct_responses], ['b', ['a']]);
        assert.deepEqual([yes.channels.student_response, yes.channels.correct_responses], ['a,b', ['a,b']]);
        assert.deepEqual([no.capitals.student_response, no.capitals.correct_responses], ['t', ['f']]);
        assert.deepEqual([yes.plan.student_response, yes.plan.correct_responses], ['strategie', ['Stratégie']]);
        // 1.2 has no ranges: the answer itself.
        assert.deepEqual([yes.age.student_response, yes.age.correct_responses], ['38.2', ['38']]);
        assert.equal(yes.steps.student_response, yes.steps.correct_responses[0]);
        assert.notEqual(no.steps.student_response, no.steps.correct_responses[0]);
        assert.deepEqual([...yes.steps.student_response.split(',')].sort(), ['a', 'b', 'c']);
        // Rights sorted: Checks (a), Deletes (b), Writes (c).
        assert.deepEqual([no.roles.student_response, yes.roles.correct_responses], ['a.a,b.c', ['a.c,b.a']]);
        // The post is longer than 255 characters: cut, and marked so.
        const post = yes['launch-post'];
        assert.ok(LONG_POST.length > 255);
        assert.equal(post.student_response.length, 255);
        assert.equal(post.student_response, LONG_POST.slice(0, 254) + '…');
        assert.deepEqual(post.correct_responses, [], 'a post has no right answer');
      } else {
        assert.deepEqual(
          passed.map((i) => i.type),
          ['choice', 'choice', 'true-false', 'fill-in', 'numeric', 'sequencing', 'matching', 'long-fill-in'],
        );
        for (const i of interactions) {
          assert.match(i.timestamp, TIMESTAMP_2004);
          assert.match(i.latency, DURATION_2004);
          assert.ok(i.description.startsWith('{lang=en}'), i.description);
        }
        assert.equal(no.spelling.description, '{lang=en}How is the brand written?');
        assert.deepEqual([no.spelling.learner_response, no.spelling.correct_responses], ['acme-2', ['acme']]);
        assert.deepEqual([no.channels.learner_response, yes.channels.learner_response], ['instagram', 'linkedin[,]instagram']);
        assert.deepEqual(yes.channels.correct_responses, ['linkedin[,]instagram']);
        assert.deepEqual([no.capitals.learner_response, no.capitals.correct_responses], ['true', ['false']]);
        assert.deepEqual([yes.plan.learner_response, yes.plan.correct_responses], ['{lang=en}strategie', ['{lang=en}Stratégie']]);
        assert.deepEqual([yes.age.learner_response, yes.age.correct_responses], ['38.2', ['37.5[:]38.5']]);
        assert.deepEqual([yes.steps.learner_response, yes.steps.correct_responses], ['draft[,]review[,]publish', ['draft[,]review[,]publish']]);
        assert.equal(no.roles.learner_response, 'writer[.]checks-the-post[,]editor[.]writes-the-post');
        assert.deepEqual(yes.roles.correct_responses, ['writer[.]writes-the-post[,]editor[.]checks-the-post']);
        assert.equal(yes['launch-post'].learner_response, `{lang=en}${LONG_POST}`);
        assert.deepEqual(yes['launch-post'].correct_responses, []);
        // The long prompt is cut to the 250 characters of a description.
        const description = no.plan.description.slice('{lang=en}'.length);
        assert.equal(description.length, 250);
        assert.ok(description.endsWith('…'));
        // Shown before it was answered, answered within the attempt.
        for (const i of interactions) assert.ok(Date.parse(i.timestamp) <= Date.now());
      }

      // One objective per module, with its best score and status.
      assert.deepEqual(objectives.map((o) => o.id), ['every-kind', 'wrap-up']);
      const [everyKind, wrapUp] = objectives;
      assert.deepEqual([everyKind.score.raw, everyKind.score.min, everyKind.score.max], ['100', '0', '100']);
      assert.equal(wrapUp.score.raw, '0');
      if (version === '1.2') {
        assert.deepEqual([everyKind.status, wrapUp.status], ['passed', 'failed']);
      } else {
        assert.deepEqual([everyKind.success_status, everyKind.completion_status, everyKind.score.scaled], ['passed', 'completed', '1']);
        assert.deepEqual([wrapUp.success_status, wrapUp.completion_status, wrapUp.score.scaled], ['failed', 'incomplete', '0']);
      }
      assert.deepEqual(refused, [], 'the LMS refused nothing');
      assert.deepEqual(errors, []);
      saved = await closeCourse(page);
      await page.context().close();
    });

    test('an LMS that keeps no more answers stops receiving them; the quiz, score and status go on', async () => {
      // scorm-again keeps any number of interactions; this LMS, like one at
      // its limit, refuses the id of any past the tenth.
      const page = await newPage(browser);
      const errors = collectPageErrors(page);
      const warnings = [];
      page.on('console', (msg) => {
        if (msg.type() === 'warning' && /brandcamp/.test(msg.text())) warnings.push(msg.text());
      });
      await page.goto(server.url + 'lms.html');
      await page.evaluate((v) => {
        window.launch(v, null);
        const api = window.API_1484_11 || window.API;
        const name = v === '2004' ? 'SetValue' : 'LMSSetValue';
        const setValue = api[name].bind(api);
        api[name] = (element, value) => {
          const n = /^cmi\.interactions\.(\d+)\.id$/.exec(element);
          return n && Number(n[1]) >= 10 ? 'false' : setValue(element, value);
        };
      }, version);
      const course = page.frameLocator('#sco').frameLocator('#course-frame');
      await course.locator('body[data-kind]').first().waitFor();
      await open(page, 'every-kind/quiz.html');
      await answerEveryKind(course, { right: false });
      await course.getByRole('button', { name: 'Try again' }).click();
      await answerEveryKind(course, { right: true });
      await open(page, 'wrap-up/quiz.html');
      await answerLastCheck(course, { right: true });

      const { interactions, objectives } = await cmiOf(page);
      assert.equal(interactions.length, 10, 'the first ten answers, whole');
      assert.deepEqual(answersOf(interactions.slice(8)), ['every-kind/spelling', 'every-kind/channels']);
      assert.ok(interactions.every((i) => i.result), 'no entry half written');
      assert.equal(warnings.filter((w) => /no more interactions/.test(w)).length, 1, warnings.join('\n'));
      assert.deepEqual(objectives.map((o) => [o.id, o.score.raw]), [['every-kind', '100'], ['wrap-up', '100']]);
      const v = lastValues(await page.evaluate(() => window.lmsLog));
      if (version === '1.2') assert.equal(v['cmi.core.score.raw'], '100');
      else assert.equal(v['cmi.success_status'], 'passed');
      assert.deepEqual(errors, []);
      await page.context().close();
    });

    test('a second session finds each module\'s objective by its id and adds its answers after the others', async (t) => {
      if (!saved) return t.skip('the first session failed');
      // The LMS gives back what it kept, as at a relaunch.
      const initial = Object.fromEntries(
        Object.entries(saved).filter(([element]) => !/session_time|\.exit$/.test(element)),
      );
      initial[version === '1.2' ? 'cmi.core.entry' : 'cmi.entry'] = 'resume';
      const { page, errors, refused, course } = await launch(initial);
      const before = await cmiOf(page);
      assert.equal(before.interactions.length, 17);
      await open(page, 'wrap-up/last.html');
      await open(page, 'wrap-up/quiz.html');
      await answerLastCheck(course, { right: true });
      await page.waitForFunction(
        (key) => window.lmsLog.some((e) => e[0] === 'set' && e[1] === 'cmi.interactions.17.' + key),
        'result',
      );
      const { interactions, objectives } = await cmiOf(page);
      assert.equal(interactions.length, 18);
      assert.deepEqual(interactions.slice(0, 17), before.interactions, 'earlier answers are kept as they were');
      assert.deepEqual([interactions[17].id, interactions[17].result], ['wrap-up/last-word', 'correct']);
      assert.deepEqual(objectives.map((o) => o.id), ['every-kind', 'wrap-up'], 'no objective twice');
      const wrapUp = objectives[1];
      assert.equal(wrapUp.score.raw, '100');
      if (version === '1.2') assert.equal(wrapUp.status, 'passed');
      else assert.deepEqual([wrapUp.success_status, wrapUp.completion_status], ['passed', 'completed']);
      assert.deepEqual(refused, []);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  });
}
