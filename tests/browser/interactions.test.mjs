// The interaction records of interactions.js, run in Node: the same file the
// pages load. Questions and secrets are shaped as the build writes them
// (src/quiz/payload.rs) and graded by grading.js, as quiz.js does.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const G = require('../../themes/default/assets/grading.js');
const I = require('../../themes/default/assets/interactions.js');

const SHOWN = Date.parse('2024-05-06T07:08:09.000Z');
const CHECKED = SHOWN + 12_345;

/** The record of `response` to `question`, graded as quiz.js grades it. */
function recordOf(question, secret, response) {
  return I.record(question, secret, response, G.gradeQuestion(question, secret, response), SHOWN, CHECKED);
}

const single = {
  id: 'brand-spelling',
  type: 'single',
  prompt: 'How is <em>the brand</em> written?',
  choices: ['Acme', 'ACME', '<code>acme</code> &amp; co'],
};
const singleSecret = { correct: [true, false, false] };

describe('interaction records', () => {
  test('a single choice records the picked and the right choice by id, with the times', () => {
    const r = recordOf(single, singleSecret, { selected: [1] });
    assert.deepEqual(r, {
      id: 'brand-spelling',
      type: 'choice',
      description: 'How is the brand written?',
      choices: [{ id: 'acme', text: 'Acme' }, { id: 'acme-2', text: 'ACME' }, { id: 'acme-co', text: 'acme & co' }],
      response: ['acme-2'],
      correct: ['acme'],
      success: false,
      score: 0,
      points: 1,
      latencyMs: 12_345,
      timestamp: '2024-05-06T07:08:21.345Z',
    });
    assert.equal(recordOf(single, singleSecret, { selected: [0] }).success, true);
  });

  test('choice ids come from the text, not from where the choice is shown', () => {
    const shuffled = { ...single, choices: [single.choices[2], single.choices[0]] };
    const r = recordOf(shuffled, { correct: [false, true] }, { selected: [1] });
    assert.deepEqual(r.response, ['acme']);
    assert.deepEqual(r.choices.map((c) => c.id), ['acme-co', 'acme']);
  });

  test('a weighted multiple choice keeps its partial credit and lists its right choices in the author\'s order', () => {
    const q = { id: 'channels', type: 'multiple', prompt: 'Which channels?', choices: ['LinkedIn', 'Instagram', 'Fax'] };
    const secret = { correct: [true, true, false], weights: [50, 50, -50] };
    const r = recordOf(q, secret, { selected: [1] });
    assert.deepEqual(r.response, ['instagram']);
    assert.deepEqual(r.correct, ['linkedin', 'instagram']);
    assert.equal(r.score, 0.5);
    assert.equal(r.success, false);
    assert.deepEqual(recordOf(q, secret, { selected: [1, 0] }).response, ['linkedin', 'instagram']);
  });

  test('true-false is a boolean, and null when not answered', () => {
    const q = { id: 'caps', type: 'true_false', prompt: 'Acme is written in capitals.' };
    assert.deepEqual(
      [recordOf(q, { answer: false }, { value: false }).response, recordOf(q, { answer: false }, { value: null }).response],
      [false, null],
    );
    const r = recordOf(q, { answer: false }, { value: true });
    assert.equal(r.type, 'true-false');
    assert.equal(r.correct, false);
    assert.equal(r.success, false);
  });

  test('a text answer is fill-in with the first accepted answer as the right one; a pattern alone has none', () => {
    const q = { id: 'plan', type: 'text', prompt: 'Which word names a long-term plan?' };
    const r = recordOf(q, { accept: ['Stratégie', 'strategy'] }, { text: ' strategie ' });
    assert.equal(r.type, 'fill-in');
    assert.equal(r.response, ' strategie ');
    assert.equal(r.correct, 'Stratégie');
    assert.equal(r.success, true);
    assert.equal(recordOf(q, { accept: [], pattern: 'strat.*' }, { text: 'strat' }).correct, null);
  });

  test('a number is read as the learner typed it; the right answer is exact or a range', () => {
    const q = { id: 'age', type: 'numeric', prompt: 'Average age?' };
    const ranged = recordOf(q, { answer: 38, tolerance: 0.5 }, { text: '38,25' });
    assert.equal(ranged.response, 38.25);
    assert.deepEqual(ranged.correct, { min: 37.5, max: 38.5 });
    assert.equal(ranged.success, true);
    assert.deepEqual(recordOf(q, { answer: 38, tolerance: 0 }, { text: '40' }).correct, { exact: 38 });
    assert.equal(recordOf(q, { answer: 38 }, { text: 'forty' }).response, null);
  });

  test('an order is sequencing: item ids in the learner\'s order and in the right one', () => {
    const q = { id: 'steps', type: 'order', prompt: 'Put in order', items: ['Publish', 'Draft', 'Review'] };
    const secret = { order: [1, 2, 0] };
    const r = recordOf(q, secret, { order: [0, 1, 2] });
    assert.equal(r.type, 'sequencing');
    assert.deepEqual(r.choices.map((c) => c.id), ['publish', 'draft', 'review']);
    assert.deepEqual(r.response, ['publish', 'draft', 'review']);
    assert.deepEqual(r.correct, ['draft', 'review', 'publish']);
    assert.equal(r.success, false);
    assert.equal(recordOf(q, secret, { order: [1, 2, 0] }).success, true);
  });

  test('a match is matching: pairs of left and right ids, unanswered lefts left out', () => {
    const q = { id: 'where', type: 'match', prompt: 'Match', lefts: ['Photos', 'Jobs'], rights: ['Instagram', 'LinkedIn', 'TikTok'] };
    const secret = { matches: [0, 1] };
    const r = recordOf(q, secret, { matches: [0, null] });
    assert.equal(r.type, 'matching');
    assert.deepEqual(r.source, [{ id: 'photos', text: 'Photos' }, { id: 'jobs', text: 'Jobs' }]);
    assert.deepEqual(r.target.map((t) => t.id), ['instagram', 'linkedin', 'tiktok']);
    assert.deepEqual(r.response, [['photos', 'instagram']]);
    assert.deepEqual(r.correct, [['photos', 'instagram'], ['jobs', 'linkedin']]);
    assert.equal(r.score, 0.5);
    assert.equal(r.success, false);
  });

  test('a post is long-fill-in with no right answer, judged as the learner was told', () => {
    const q = { id: 'launch-post', type: 'post', prompt: 'Write the launch post', post: { platform: 'linkedin', mustMention: [] } };
    const r = recordOf(q, {}, { text: 'We launch today.' });
    assert.equal(r.type, 'long-fill-in');
    assert.equal(r.response, 'We launch today.');
    assert.equal(r.correct, null);
    assert.equal(r.success, true);
    assert.equal(recordOf(q, {}, { text: '   ' }).success, false);
  });

  test('a type the records do not know is "other", neither right nor wrong', () => {
    const r = I.record({ id: 'x', type: 'hotspot', prompt: 'Where?' }, {}, {}, { score: 1, correct: true }, SHOWN, CHECKED);
    assert.equal(r.type, 'other');
    assert.equal(r.success, null);
  });

  test('ids are short, plain and distinct', () => {
    assert.equal(I.slug('Stratégie & Œuvre'), 'strategie-oeuvre');
    assert.match(I.slug('🚀'), /^h[0-9a-f]{8}$/);
    const long = I.slug('A very long choice that goes on and on well past forty characters');
    assert.ok(long.length <= 40, long);
    assert.match(long, /^a-very-long-choice-that-goes-[0-9a-z-]*[0-9a-f]{8}$/);
    assert.notEqual(long, I.slug('A very long choice that goes on and on well past forty characters, too'));
    assert.deepEqual(I.listed(['Yes', 'yes!', 'YES']).map((c) => c.id), ['yes', 'yes-2', 'yes-3']);
  });

  test('the description is the prompt\'s text', () => {
    assert.equal(I.plainText('<p>One &lt;two&gt;</p>\n<ul><li>a</li><li>b&#39;s &#x2014;</li></ul>'), "One <two> a b's —");
  });

  test('a question\'s points are its weight', () => {
    assert.equal(recordOf({ ...single, points: 3 }, singleSecret, { selected: [0] }).points, 3);
  });

  test('times that go backwards give no negative latency', () => {
    const r = I.record(single, singleSecret, { selected: [0] }, { score: 1, correct: true }, CHECKED + 5, CHECKED);
    assert.equal(r.latencyMs, 0);
  });
});
