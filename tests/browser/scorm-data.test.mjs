// What the SCORM package saves and reports (scorm-data.js), run in Node:
// the same file the launch page loads.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const D = require('../../themes/default/assets/scorm-data.js');

const KEY = 'brandcamp:test';

/** A table of contents like toc.js: `modules` modules of `lessons` lessons, each with a quiz. */
function tocOf(modules, lessons, { quizzes = true } = {}) {
  return Array.from({ length: modules }, (_, m) => ({
    slug: `module-${m + 1}`,
    title: `Module ${m + 1}`,
    href: `module-${m + 1}/index.html`,
    lessons: Array.from({ length: lessons }, (_, l) => [`lesson-${l + 1}`, `module-${m + 1}/lesson-${l + 1}.html`]),
    quiz: quizzes ? `module-${m + 1}/quiz.html` : null,
    requires: [],
  }));
}

/** Progress as progress.js keeps it. */
function progressOf({ lessons = [], quizzes = {}, name = '' } = {}) {
  const data = { version: 1, course: KEY, lessons: {}, quizzes, name };
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

  test('progress comes back as it was saved', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1', 'module-1/lesson-4', 'module-3/lesson-2'],
      quizzes: {
        'module-1': { attempts: 2, best: 66.66666, passed: false, last: 50 },
        'module-2': { attempts: 1, best: 100, passed: true, passedAt: '2026-03-04T05:06:07.891Z' },
      },
      name: 'Zoë Ngọc Ánh 🎓',
    });
    const text = D.encode(progress, KEY, toc);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(D.decode(text, KEY, toc), {
      version: 1,
      course: KEY,
      lessons: { 'module-1/lesson-1': 1, 'module-1/lesson-4': 1, 'module-3/lesson-2': 1 },
      quizzes: {
        // Best scores keep a tenth of a percent, dates a minute; `last` is not kept.
        'module-1': { attempts: 2, best: 66.6, passed: false },
        'module-2': { attempts: 1, best: 100, passed: true, passedAt: '2026-03-04T05:06:00.000Z' },
      },
      name: 'Zoë Ngọc Ánh 🎓',
    });
  });

  test('an empty progress takes only the fixed part', () => {
    const text = D.encode(progressOf(), KEY, toc);
    // format + hash + 12 lessons in 2 digits + 3 quizzes of 9.
    assert.equal(text.length, 1 + 6 + 2 + 27);
    assert.deepEqual(D.decode(text, KEY, toc), progressOf());
  });

  test('lessons and quizzes that are not in the course are left out', () => {
    const progress = progressOf({
      lessons: ['module-1/lesson-1', 'gone/lesson-1'],
      quizzes: { gone: { attempts: 1, best: 90, passed: true } },
    });
    const back = D.decode(D.encode(progress, KEY, toc), KEY, toc);
    assert.deepEqual(back.lessons, { 'module-1/lesson-1': 1 });
    assert.deepEqual(back.quizzes, {});
  });

  test("another course's data, or this course's before it changed, is not used", () => {
    const text = D.encode(progressOf({ lessons: ['module-1/lesson-1'] }), KEY, toc);
    assert.equal(D.decode(text, 'brandcamp:other', toc), null);
    const changed = tocOf(3, 4);
    changed[1].lessons.splice(2, 0, ['new-lesson', 'module-2/new-lesson.html']);
    assert.equal(D.decode(text, KEY, changed), null);
    const renamed = tocOf(3, 4);
    renamed[2].slug = 'module-three';
    assert.equal(D.decode(text, KEY, renamed), null);
    const withoutQuiz = tocOf(3, 4);
    withoutQuiz[0].quiz = null;
    assert.equal(D.decode(text, KEY, withoutQuiz), null);
  });

  test('damaged data is not used', () => {
    const text = D.encode(progressOf({ lessons: ['module-1/lesson-1'], name: 'Ann' }), KEY, toc);
    for (const bad of ['', 'x', '2' + text.slice(1), text.slice(0, 20), text.slice(0, 12) + '!' + text.slice(13), text + 'A', '{"version":1}']) {
      assert.equal(D.decode(bad, KEY, toc), null, JSON.stringify(bad));
    }
    // A best score above 100 %.
    const fixed = 1 + 6 + 2;
    assert.equal(D.decode(text.slice(0, fixed) + '__' + text.slice(fixed + 2), KEY, toc), null);
    assert.equal(D.decode(null, KEY, toc), null);
  });

  test('a 500-lesson, 50-quiz course fits SCORM 1.2 in the worst case', () => {
    const big = tocOf(50, 10);
    const text = D.encode(fullest(big), KEY, big);
    // 1 + 6, 500 lessons in 84 digits, 50 quizzes of 9, a name of 200 × 3 bytes in 800.
    assert.equal(text.length, 7 + 84 + 450 + 800);
    assert.equal(text.length, D.worstCaseLength(KEY, big));
    assert.ok(text.length <= 4096);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    const back = D.decode(text, KEY, big);
    assert.equal(Object.keys(back.lessons).length, 500);
    assert.deepEqual(back.quizzes['module-50'], {
      attempts: 4095,
      best: 100,
      passed: true,
      passedAt: '2999-12-31T23:59:00.000Z',
    });
    assert.equal(back.name, '€'.repeat(200));
  });
});

describe('what is reported', () => {
  const toc = tocOf(2, 2);
  toc.push({ slug: 'last', title: 'Last', href: 'last/index.html', lessons: [['end', 'last/end.html']], quiz: null, requires: [] });
  const all = ['module-1/lesson-1', 'module-1/lesson-2', 'module-2/lesson-1', 'module-2/lesson-2', 'last/end'];

  function values(version, progress) {
    return Object.fromEntries(D.cmiValues(version, D.standing(progress, toc)));
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
    const standing = D.standing(progress, toc);
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
    const standing = D.standing(progress, plain);
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
