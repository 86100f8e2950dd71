// What the SCORM package saves and reports (scorm-data.js), run in Node:
// the same file the launch page loads.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const D = require('../../themes/default/assets/scorm-data.js');

const KEY = 'brandcamp:test';

/**
 * A table of contents like toc.js: `modules` modules of `lessons` lessons,
 * each with a quiz; lessons and quizzes in slots in course order.
 */
function tocOf(modules, lessons, { quizzes = true } = {}) {
  let quizSlot = 0;
  return Array.from({ length: modules }, (_, m) => ({
    slug: `module-${m + 1}`,
    title: `Module ${m + 1}`,
    href: `module-${m + 1}/index.html`,
    lessons: Array.from({ length: lessons }, (_, l) => [`lesson-${l + 1}`, `module-${m + 1}/lesson-${l + 1}.html`, m * lessons + l]),
    quiz: quizzes ? `module-${m + 1}/quiz.html` : null,
    ...(quizzes ? { quiz_slot: quizSlot++ } : {}),
    requires: [],
  }));
}

/** The lock of such a course, as toc.js gives it: ids are the slugs. */
function lockOf(toc, tag = 'TagTag') {
  const lessons = [];
  const quizzes = [];
  for (const m of toc) {
    for (const l of m.lessons) lessons[l[2]] = `${m.slug}/${l[0]}`;
    if (m.quiz) quizzes[m.quiz_slot] = [m.slug, 1];
  }
  return { tag, lessons, quizzes, was: { lessons: {}, quizzes: {} } };
}

/** Progress as progress.js stores it (by id; here ids are the slugs). */
function progressOf({ lessons = [], quizzes = {}, name = '' } = {}) {
  const data = { version: 2, course: KEY, lessons: {}, quizzes, name };
  for (const l of lessons) data.lessons[l] = 1;
  return data;
}

/** Every lesson seen, every quiz taken as often as can be said, the longest and widest name. */
function fullest(toc) {
  return progressOf({
    lessons: toc.flatMap((m) => m.lessons.map((l) => `${m.slug}/${l[0]}`)),
    quizzes: Object.fromEntries(
      toc.filter((m) => m.quiz).map((m) => [
        m.slug,
        { attempts: 99999, best: 100, passed: true, passedAt: '2999-12-31T23:59:00.000Z' },
      ]),
    ),
    name: '€'.repeat(250), // 3 UTF-8 bytes each, and longer than progress.js keeps
  });
}

describe('suspend_data', () => {
  const toc = tocOf(3, 4);
  const lock = lockOf(toc);

  test('progress comes back as it was saved', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1', 'module-1/lesson-4', 'module-3/lesson-2'],
      quizzes: {
        'module-1': { attempts: 2, best: 66.66666, passed: false, last: 50 },
        'module-2': { attempts: 1, best: 100, passed: true, passedAt: '2026-03-04T05:06:07.891Z' },
      },
      name: 'Zoë Ngọc Ánh 🎓',
    });
    const text = D.encode(progress, toc, lock);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(D.decode(text, KEY, toc, lock), {
      version: 2,
      course: KEY,
      lessons: { 'module-1/lesson-1': 1, 'module-1/lesson-4': 1, 'module-3/lesson-2': 1 },
      quizzes: {
        // Best scores keep a tenth of a percent, dates a minute; `last` is not kept.
        'module-1': { attempts: 2, best: 66.6, passed: false, version: 1 },
        'module-2': { attempts: 1, best: 100, passed: true, passedAt: '2026-03-04T05:06:00.000Z', version: 1 },
      },
      name: 'Zoë Ngọc Ánh 🎓',
    });
  });

  test('an empty progress takes only the fixed part', () => {
    const text = D.encode(progressOf(), toc, lock);
    // format + tag + lesson slots + 12 lessons in 2 digits + no quiz record.
    assert.equal(text.length, 1 + 6 + 3 + 2 + 2);
    assert.deepEqual(D.decode(text, KEY, toc, lock), progressOf());
  });

  test('lessons and quizzes that are not in the course are left out', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1', 'gone/lesson-1'],
      quizzes: { gone: { attempts: 1, best: 90, passed: true } },
    });
    const back = D.decode(D.encode(progress, toc, lock), KEY, toc, lock);
    assert.deepEqual(back.lessons, { 'module-1/lesson-1': 1 });
    assert.deepEqual(back.quizzes, {});
  });

  test('a changed course reads what was saved by slot: added, removed, reordered, renamed', () => {
    const saved = D.encode(
      progressOf({
        lessons: ['module-1/lesson-1', 'module-2/lesson-3', 'module-3/lesson-4'],
        quizzes: { 'module-2': { attempts: 3, best: 90, passed: true, passedAt: '2026-01-02T03:04:00.000Z' } },
      }),
      toc,
      lock,
    );
    // Module 2 loses lesson 3 (slot 6 retired), module 3 is renamed (same
    // slots, new ids), a lesson and a module with a quiz are added at the end
    // of the slots though first in the course.
    const changed = tocOf(3, 4);
    changed[1].lessons.splice(2, 1);
    changed[2].slug = 'module-three';
    changed.unshift({ slug: 'intro', lessons: [['hello', 'intro/hello.html', 12]], quiz: 'intro/quiz.html', quiz_slot: 3, requires: [] });
    const changedLock = lockOf(changed);
    changedLock.lessons[6] = null;
    assert.deepEqual(D.decode(saved, KEY, changed, changedLock), progressOf({
      lessons: ['module-1/lesson-1', 'module-three/lesson-4'],
      quizzes: { 'module-2': { attempts: 3, best: 90, passed: true, passedAt: '2026-01-02T03:04:00.000Z', version: 1 } },
    }));
  });

  test('a quiz at a new version is not given the old results', () => {
    const saved = D.encode(progressOf({ quizzes: { 'module-1': { attempts: 1, best: 100, passed: true }, 'module-2': { attempts: 1, best: 100, passed: true } } }), toc, lock);
    // Version 2 of module-1's quiz takes a new slot; slot 0 is retired.
    const bumped = tocOf(3, 4);
    bumped[0].quiz_slot = 3;
    const bumpedLock = lockOf(bumped);
    bumpedLock.quizzes[0] = null;
    bumpedLock.quizzes[3] = ['module-1', 2];
    const back = D.decode(saved, KEY, bumped, bumpedLock);
    assert.deepEqual(Object.keys(back.quizzes), ['module-2']);
    // Stored records of the old version are not written back either.
    const again = D.decode(D.encode({ ...back, quizzes: { 'module-1': { attempts: 1, best: 100, passed: true, version: 1 } } }, bumped, bumpedLock), KEY, bumped, bumpedLock);
    assert.deepEqual(again.quizzes, {});
  });

  test('progress saved under another lock is not used', () => {
    const text = D.encode(progressOf({ lessons: ['module-1/lesson-1'] }), toc, lock);
    assert.equal(D.decode(text, KEY, toc, lockOf(toc, 'Other0')), null);
  });

  test('format 1 (before the lock) is read while the course has the layout it was saved with', () => {
    // Saved by the package format before progress.lock, for tocOf(3, 4) and KEY.
    const legacy = '1CDZsrxBhPoACBwsuyAAAAAAAAAGQABAAAAAQW5u';
    assert.deepEqual(D.decode(legacy, KEY, toc, lock), progressOf({
      lessons: ['module-1/lesson-1', 'module-2/lesson-3', 'module-3/lesson-4'],
      quizzes: {
        'module-1': { attempts: 2, best: 100, passed: true, passedAt: '2026-03-04T05:06:00.000Z', version: 1 },
        'module-3': { attempts: 1, best: 40, passed: false, version: 1 },
      },
      name: 'Ann',
    }));
    const changed = tocOf(3, 4);
    changed[1].lessons.pop();
    assert.equal(D.decode(legacy, KEY, changed, lockOf(changed)), null);
    assert.equal(D.decode(legacy, 'brandcamp:other', toc, lock), null);
  });

  test('damaged data is not used', () => {
    const text = D.encode(progressOf({ lessons: ['module-1/lesson-1'], quizzes: { 'module-1': { attempts: 1, best: 50, passed: false } }, name: 'Ann' }), toc, lock);
    for (const bad of ['', 'x', '3' + text.slice(1), text.slice(0, 20), text.slice(0, 12) + '!' + text.slice(13), text + 'A', '{"version":1}']) {
      assert.equal(D.decode(bad, KEY, toc, lock), null, JSON.stringify(bad));
    }
    // A best score above 100 %.
    const fixed = 1 + 6 + 3 + 2 + 2 + 2;
    assert.equal(D.decode(text.slice(0, fixed) + '__' + text.slice(fixed + 2), KEY, toc, lock), null);
    // More lesson slots than the lock has.
    assert.equal(D.decode(text.slice(0, 7) + 'AAZ' + text.slice(10), KEY, toc, lock), null);
    assert.equal(D.decode(null, KEY, toc, lock), null);
  });

  test('a 500-lesson, 50-quiz course fits SCORM 1.2 in the worst case', () => {
    const big = tocOf(50, 10);
    const bigLock = lockOf(big);
    const text = D.encode(fullest(big), big, bigLock);
    // 12 of header, 500 lessons in 84 digits, 50 quizzes of 11, a name of 200 × 3 bytes in 800.
    assert.equal(text.length, 12 + 84 + 550 + 800);
    assert.equal(text.length, D.worstCaseLength(big, bigLock));
    assert.ok(text.length <= 4096);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    const back = D.decode(text, KEY, big, bigLock);
    assert.equal(Object.keys(back.lessons).length, 500);
    assert.deepEqual(back.quizzes['module-50'], {
      attempts: 4095,
      best: 100,
      passed: true,
      passedAt: '2999-12-31T23:59:00.000Z',
      version: 1,
    });
    assert.equal(back.name, '€'.repeat(200));
  });

  test('retired lesson slots cost a bit each, retired quizzes nothing', () => {
    const big = tocOf(50, 10);
    const bigLock = lockOf(big);
    // 600 lessons and 40 quizzes removed over the course's life.
    for (let i = 0; i < 600; i++) bigLock.lessons.push(null);
    for (let i = 0; i < 40; i++) bigLock.quizzes.push(null);
    assert.equal(D.worstCaseLength(big, bigLock), 12 + Math.ceil(1100 / 6) + 550 + 800);
    assert.equal(D.encode(fullest(big), big, bigLock).length, D.worstCaseLength(big, bigLock));
  });
});

describe("the LMS's learner name", () => {
  test('"Last, First" reads "First Last"; other names stay as they are', () => {
    assert.equal(D.learnerName('Doe, Jane'), 'Jane Doe');
    assert.equal(D.learnerName('  Zoë   Ngọc Ánh '), 'Zoë Ngọc Ánh');
    assert.equal(D.learnerName('a, b, c'), 'a, b, c');
    assert.equal(D.learnerName(''), '');
    assert.equal(D.learnerName(null), '');
    assert.equal(D.learnerName('x'.repeat(300)).length, 200);
  });
});

describe('what is reported', () => {
  const toc = tocOf(2, 2);
  toc.push({ slug: 'last', title: 'Last', href: 'last/index.html', lessons: [['end', 'last/end.html', 4]], quiz: null, requires: [] });
  const lock = lockOf(toc);
  const all = ['module-1/lesson-1', 'module-1/lesson-2', 'module-2/lesson-1', 'module-2/lesson-2', 'last/end'];

  function values(version, progress) {
    return Object.fromEntries(D.cmiValues(version, D.standing(progress, toc, lock)));
  }

  test('at the start: incomplete, no score', () => {
    assert.deepEqual(values('1.2', null), { 'cmi.core.lesson_status': 'incomplete' });
    assert.deepEqual(values('2004', null), {
      'cmi.completion_status': 'incomplete',
      'cmi.success_status': 'unknown',
      'cmi.progress_measure': '0',
    });
  });

  test('the score is the average of the best scores, a quiz not taken counting 0', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1'],
      quizzes: { 'module-1': { attempts: 1, best: 66.7, passed: false } },
    });
    assert.deepEqual(values('1.2', progress), {
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
      'cmi.core.score.raw': '33.35',
    });
    assert.deepEqual(values('2004', progress), {
      'cmi.completion_status': 'incomplete',
      'cmi.success_status': 'unknown',
      // 1 lesson read of 5, no quiz passed of 2.
      'cmi.progress_measure': '0.142',
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.score.raw': '33.35',
      'cmi.score.scaled': '0.3335',
    });
  });

  test('every quiz taken and one not passed: failed, until it is passed', () => {
    const progress = progressOf({
      lessons: all,
      quizzes: {
        'module-1': { attempts: 1, best: 100, passed: true },
        'module-2': { attempts: 3, best: 50, passed: false },
      },
    });
    assert.equal(values('1.2', progress)['cmi.core.lesson_status'], 'failed');
    assert.equal(values('2004', progress)['cmi.success_status'], 'failed');
    assert.equal(values('2004', progress)['cmi.completion_status'], 'incomplete');
  });

  test('every quiz passed but a lesson unread: passed in 2004, still incomplete in 1.2', () => {
    const progress = progressOf({
      lessons: all.slice(1),
      quizzes: {
        'module-1': { attempts: 1, best: 100, passed: true },
        'module-2': { attempts: 2, best: 80, passed: true },
      },
    });
    assert.equal(values('1.2', progress)['cmi.core.lesson_status'], 'incomplete');
    assert.equal(values('2004', progress)['cmi.success_status'], 'passed');
    assert.equal(values('2004', progress)['cmi.completion_status'], 'incomplete');
    assert.equal(values('2004', progress)['cmi.score.scaled'], '0.9');
  });

  test('every module complete: passed and completed, progress 1, a normal exit', () => {
    const progress = progressOf({
      lessons: all,
      quizzes: {
        'module-1': { attempts: 1, best: 100, passed: true },
        'module-2': { attempts: 2, best: 80, passed: true },
      },
    });
    const standing = D.standing(progress, toc, lock);
    assert.equal(standing.finished, true);
    assert.equal(values('1.2', progress)['cmi.core.lesson_status'], 'passed');
    assert.equal(values('1.2', progress)['cmi.core.score.raw'], '90');
    assert.deepEqual(
      [values('2004', progress)['cmi.completion_status'], values('2004', progress)['cmi.progress_measure']],
      ['completed', '1'],
    );
    assert.equal(D.exitValue('1.2', true), '');
    assert.equal(D.exitValue('2004', true), 'normal');
    assert.equal(D.exitValue('1.2', false), 'suspend');
    assert.equal(D.exitValue('2004', false), 'suspend');
  });

  test('a course without quizzes is completed, with no score', () => {
    const plain = tocOf(2, 1, { quizzes: false });
    const progress = progressOf({ lessons: ['module-1/lesson-1', 'module-2/lesson-1'] });
    const standing = D.standing(progress, plain, lockOf(plain));
    assert.deepEqual(Object.fromEntries(D.cmiValues('1.2', standing)), { 'cmi.core.lesson_status': 'completed' });
    assert.equal(Object.fromEntries(D.cmiValues('2004', standing))['cmi.success_status'], 'unknown');
  });
});

describe('session time', () => {
  test('SCORM 1.2 writes HHHH:MM:SS.SS', () => {
    assert.equal(D.sessionTime('1.2', 0), '0000:00:00.00');
    assert.equal(D.sessionTime('1.2', 3723456), '0001:02:03.45');
    assert.equal(D.sessionTime('1.2', 123 * 3600000 + 59999), '0123:00:59.99');
    assert.equal(D.sessionTime('1.2', 20000 * 3600000), '9999:59:59.99');
  });

  test('SCORM 2004 writes an ISO 8601 duration', () => {
    assert.equal(D.sessionTime('2004', 0), 'PT0S');
    assert.equal(D.sessionTime('2004', 3723400), 'PT1H2M3.4S');
    assert.equal(D.sessionTime('2004', 3723450), 'PT1H2M3.45S');
    assert.equal(D.sessionTime('2004', 120000), 'PT2M');
    assert.equal(D.sessionTime('2004', 5 * 3600000), 'PT5H');
    assert.equal(D.sessionTime('2004', 999), 'PT0.99S');
  });
});

describe('answers as cmi.interactions', () => {
  const ATTEMPT = { quiz: 'module-1', module: 'module-1' };
  const AT = '2024-05-06T07:08:21.345Z';
  /** A record as interactions.js makes it, with `fields` changed. */
  const recordOf = (fields) => ({
    id: 'q', type: 'choice', description: 'Pick one', response: [], correct: null,
    success: false, score: 0, points: 1, latencyMs: 12345, timestamp: AT, ...fields,
  });
  const values = (version, record, lang = 'en') => Object.fromEntries(D.interactionValues(version, ATTEMPT, record, lang));

  test('the id comes first, then the type, before any response', () => {
    for (const version of ['1.2', '2004']) {
      const record = recordOf({ choices: [{ id: 'a', text: 'A' }], response: ['a'], correct: ['a'] });
      const names = D.interactionValues(version, ATTEMPT, record, 'en').map((p) => p[0]);
      assert.equal(names[0], 'id');
      assert.ok(names.indexOf('type') < names.indexOf('correct_responses.0.pattern'), version);
      assert.ok(names.indexOf('correct_responses.0.pattern') < names.indexOf(version === '1.2' ? 'student_response' : 'learner_response'));
    }
  });

  test('ids are the quiz and the question, in URI characters, never too long', () => {
    assert.equal(values('2004', recordOf({ id: 'my question' })).id, 'module-1/my%20question');
    const long = values('1.2', recordOf({ id: 'x'.repeat(400) })).id;
    assert.equal(long.length, 255);
    assert.match(long, /^module-1\/x+-[0-9a-f]{8}$/);
    assert.notEqual(long, values('1.2', recordOf({ id: 'x'.repeat(401) })).id);
  });

  test('1.2 names choices by their letter in the author\'s list, up to 36', () => {
    const choices = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, text: `Choice ${i}` }));
    const v = values('1.2', recordOf({ choices, response: ['c1', 'c35', 'c38'], correct: ['c0'] }));
    assert.equal(v.student_response, 'b,9', 'the 37th choice on has no letter');
    assert.equal(v['correct_responses.0.pattern'], 'a');
  });

  test('an unanswered question is reported wrong, with no response', () => {
    const v = values('2004', recordOf({ choices: [{ id: 'a', text: 'A' }], correct: ['a'] }));
    assert.equal(v.learner_response, undefined);
    assert.equal(v.result, 'incorrect');
    assert.equal(values('1.2', recordOf({ type: 'true-false', response: null, correct: true })).student_response, undefined);
  });

  test('numbers are written without exponents; 1.2 keeps the answer of a range', () => {
    const numeric = recordOf({ type: 'numeric', response: 1e-7, correct: { min: 2.5e-8, max: 1e12 } });
    assert.equal(values('2004', numeric).learner_response, '0.0000001');
    assert.equal(values('2004', numeric)['correct_responses.0.pattern'], '0[:]1000000000000');
    assert.equal(values('2004', recordOf({ type: 'numeric', response: -3, correct: { exact: 4 } }))['correct_responses.0.pattern'], '4[:]4');
    assert.equal(values('1.2', recordOf({ type: 'numeric', response: 38.2, correct: { min: 37.5, max: 38.5 } }))['correct_responses.0.pattern'], '38');
  });

  test('text is one line with its language in 2004, without the reserved delimiters', () => {
    const text = recordOf({ type: 'fill-in', response: 'one\n two[,]three', correct: 'one' });
    assert.equal(values('2004', text).learner_response, '{lang=en}one two,three');
    assert.equal(values('2004', text, 'fr').learner_response, '{lang=fr}one two,three');
    assert.equal(values('1.2', text).student_response, 'one two[,]three');
  });

  test('text is cut to the version\'s limit, never through a character', () => {
    const emoji = '😀'.repeat(200); // 400 UTF-16 code units
    const v = values('1.2', recordOf({ type: 'fill-in', response: emoji }));
    assert.ok(v.student_response.length <= 255);
    assert.ok(v.student_response.endsWith('😀…'));
    const post = values('2004', recordOf({ type: 'long-fill-in', response: 'a'.repeat(5000) })).learner_response;
    assert.equal(post.length, '{lang=en}'.length + 4000);
    assert.equal(values('2004', recordOf({ description: 'd'.repeat(300) })).description.length, '{lang=en}'.length + 250);
  });

  test('a post is a fill-in in 1.2, which has no long-fill-in; a type 1.2 cannot say is left untyped', () => {
    assert.equal(values('1.2', recordOf({ type: 'long-fill-in', response: 'Hello' })).type, 'fill-in');
    const other = values('1.2', recordOf({ type: 'other', response: { x: 1 }, success: null }));
    assert.equal(other.type, undefined);
    assert.equal(other.result, 'neutral');
    assert.equal(values('2004', recordOf({ type: 'other', response: { x: 1 }, success: null })).learner_response, '{"x":1}');
  });

  test('when: 2004 says when the question was shown, 1.2 when it was answered, on the learner\'s clock', () => {
    assert.equal(values('2004', recordOf({})).timestamp, '2024-05-06T07:08:09.00Z');
    assert.equal(values('2004', recordOf({})).latency, 'PT12.34S');
    assert.equal(values('1.2', recordOf({})).latency, '0000:00:12.34');
    const local = new Date(AT);
    const hh = String(local.getHours()).padStart(2, '0');
    assert.equal(values('1.2', recordOf({})).time, `${hh}:${String(local.getMinutes()).padStart(2, '0')}:21.34`);
  });

  test('a question\'s points are its weighting', () => {
    assert.equal(values('2004', recordOf({ points: 3 })).weighting, '3');
  });
});

describe('modules as cmi.objectives', () => {
  const toc = tocOf(3, 2);
  const lock = lockOf(toc);
  const byId = (version, progress) =>
    Object.fromEntries(D.objectives(version, progress, toc, lock).map((o) => [o.id, Object.fromEntries(o.values)]));

  test('one objective per module, with the quiz\'s best score and the module\'s status', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1', 'module-1/lesson-2', 'module-2/lesson-1'],
      quizzes: { 'module-1': { attempts: 2, best: 90, passed: true }, 'module-2': { attempts: 1, best: 42.5, passed: false } },
    });
    const v12 = byId('1.2', progress);
    assert.deepEqual(Object.keys(v12), ['module-1', 'module-2', 'module-3']);
    assert.deepEqual(v12['module-1'], { id: 'module-1', 'score.min': '0', 'score.max': '100', 'score.raw': '90', status: 'passed' });
    assert.equal(v12['module-2'].status, 'failed');
    assert.deepEqual(v12['module-3'], { id: 'module-3', status: 'not attempted' });
    const v2004 = byId('2004', progress);
    assert.deepEqual(
      [v2004['module-1'].success_status, v2004['module-1'].completion_status, v2004['module-1']['score.scaled']],
      ['passed', 'completed', '0.9'],
    );
    assert.deepEqual(
      [v2004['module-2'].success_status, v2004['module-2'].completion_status, v2004['module-2']['score.raw']],
      ['failed', 'incomplete', '42.5'],
    );
    assert.deepEqual(
      [v2004['module-3'].success_status, v2004['module-3'].completion_status, v2004['module-3']['score.raw']],
      ['unknown', 'not attempted', undefined],
    );
  });

  test('a module without a quiz is completed once its lessons are read', () => {
    const plain = tocOf(1, 1, { quizzes: false });
    const progress = progressOf({ lessons: ['module-1/lesson-1'] });
    const [objective] = D.objectives('1.2', progress, plain, lockOf(plain));
    assert.deepEqual(objective.values, [['id', 'module-1'], ['status', 'completed']]);
  });
});
