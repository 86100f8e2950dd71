// The grading rules of grading.js, run in Node: the same file the pages load.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

const require = createRequire(import.meta.url);
const G = require('../../themes/default/assets/grading.js');

describe('grading', () => {
  test('single and all-or-nothing multiple need exactly the right choices', () => {
    const secret = { correct: [true, false, true] };
    assert.equal(G.gradeChoices(secret, [0, 2]), 1);
    assert.equal(G.gradeChoices(secret, [0]), 0);
    assert.equal(G.gradeChoices(secret, [0, 1, 2]), 0);
    assert.equal(G.gradeChoices(secret, []), 0);
    assert.equal(G.gradeChoices({ correct: [false, true] }, [1]), 1);
  });

  test('weights give partial credit', () => {
    const secret = { correct: [true, true, false], weights: [50, 50, 0] };
    assert.equal(G.gradeChoices(secret, [0]), 0.5);
    assert.equal(G.gradeChoices(secret, [0, 1]), 1);
    assert.equal(G.gradeChoices(secret, [0, 1, 2]), 1);
  });

  test('negative weights take away, and the score never goes below 0', () => {
    const secret = { correct: [true, true, false], weights: [50, 50, -50] };
    assert.equal(G.gradeChoices(secret, [0, 2]), 0);
    assert.equal(G.gradeChoices(secret, [0, 1, 2]), 0.5);
    assert.equal(G.gradeChoices(secret, [2]), 0);
  });

  test('text answers ignore case, accents, spacing and curly quotes', () => {
    const secret = { accept: ['Stratégie', "L'Aiguillage"] };
    for (const answer of ['stratégie', 'STRATEGIE', '  strategie ', 'Stratégie']) {
      assert.equal(G.gradeText(secret, answer), 1, answer);
    }
    assert.equal(G.gradeText(secret, 'l’aiguillage'), 1);
    assert.equal(G.gradeText(secret, 'l  aiguillage'), 0);
    assert.equal(G.gradeText(secret, 'strategy'), 0);
    assert.equal(G.gradeText(secret, ''), 0);
    assert.equal(G.gradeText({ accept: ['cœur'] }, 'COEUR'), 1);
  });

  test('a pattern must match the whole answer, ignoring case and accents', () => {
    const secret = { accept: [], pattern: 'strat[eé]gies?' };
    assert.equal(G.gradeText(secret, 'Stratégies'), 1);
    assert.equal(G.gradeText(secret, 'strategie'), 1);
    assert.equal(G.gradeText(secret, 'une stratégie'), 0);
    assert.equal(G.gradeText({ pattern: '\\d{2,3} ?%' }, '90 %'), 1);
  });

  test('numbers are right within the tolerance, in French or English notation', () => {
    const secret = { answer: 38, tolerance: 0.5 };
    for (const answer of ['38', '38.5', '37,5', ' 38 ', '3.8e1']) {
      assert.equal(G.gradeNumeric(secret, answer), 1, answer);
    }
    for (const answer of ['38.6', '37', 'thirty-eight', '']) {
      assert.equal(G.gradeNumeric(secret, answer), 0, answer);
    }
    assert.equal(G.gradeNumeric({ answer: 0.3, tolerance: 0 }, '0.1e0') , 0);
    assert.equal(G.gradeNumeric({ answer: 0.3, tolerance: 0 }, String(0.1 + 0.2)), 1);
    assert.equal(G.parseNumber('1 000,5'), 1000.5);
    assert.equal(G.parseNumber('1,000.5'), 1000.5);
    assert.equal(G.parseNumber('−2'), -2);
    assert.ok(Number.isNaN(G.parseNumber('12abc')));
  });

  test('order is all-or-nothing', () => {
    assert.equal(G.gradeOrder([2, 0, 1], [2, 0, 1]), 1);
    assert.equal(G.gradeOrder([2, 0, 1], [2, 1, 0]), 0);
    assert.equal(G.gradeOrder([2, 0, 1], [2, 0]), 0);
  });

  test('match gives the share of right pairs', () => {
    assert.equal(G.gradeMatch([1, 0, 2], [1, 0, 2]), 1);
    assert.equal(G.gradeMatch([1, 0, 2], [1, 2, 0]), 1 / 3);
    assert.equal(G.gradeMatch([1, 0, 2], [null, null, null]), 0);
  });

  test('true/false compares the answer', () => {
    assert.equal(G.gradeTrueFalse(false, false), 1);
    assert.equal(G.gradeTrueFalse(false, true), 0);
    assert.equal(G.gradeTrueFalse(false, null), 0);
  });

  test('a post passes when it is written (until the brand rules are wired in)', () => {
    assert.equal(G.gradePost('  ', { platform: 'x' }).passed, false);
    assert.equal(G.gradePost('Hello #Acme', { platform: 'x' }).passed, true);
  });

  test('the quiz score weighs questions by their points; pass is against the unrounded score', () => {
    const percent = G.scorePercent([{ score: 1, points: 3 }, { score: 0, points: 1 }]);
    assert.equal(percent, 75);
    assert.equal(G.isPassed(percent, 75), true);
    assert.equal(G.isPassed(79.6, 80), false);
    assert.equal(G.displayPercent(79.6), 79);
    assert.equal(G.displayPercent(100 * (2 / 3) * 1.5), 100);
  });

  test('gradeQuestion tells unanswered questions apart', () => {
    const q = { type: 'single' };
    assert.deepEqual(G.gradeQuestion(q, { correct: [true, false] }, { selected: [] }), { score: 0, correct: false, answered: false });
    assert.deepEqual(G.gradeQuestion(q, { correct: [true, false] }, { selected: [0] }), { score: 1, correct: true, answered: true });
  });

  test('a draw picks distinct questions; without shuffle they keep the author order', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const drawn = G.drawQuestions(10, 4, false, random);
    assert.equal(drawn.length, 4);
    assert.equal(new Set(drawn).size, 4);
    assert.deepEqual(drawn, [...drawn].sort((a, b) => a - b));
    assert.deepEqual(G.drawQuestions(3, null, false), [0, 1, 2]);
    assert.deepEqual([...G.drawQuestions(5, null, true, random)].sort(), [0, 1, 2, 3, 4]);
  });

  test('secrets decode from base64 and the XOR key', () => {
    const key = Buffer.from([7, 250, 3]);
    const plain = Buffer.from(JSON.stringify({ answer: 'Stratégie' }), 'utf8');
    const encoded = Buffer.from(plain.map((b, i) => b ^ key[i % key.length])).toString('base64');
    assert.deepEqual(G.decodeSecret(encoded, key.toString('base64')), { answer: 'Stratégie' });
  });
  test('patterns match exactly the answers RegExp matches', () => {
    const patterns = [
      'strat[eé]gies?', '\\d{2,3} ?%', '(le |la )?marque', 'a|b|c', '(?:ab|cd)+', 'a+?b', 'x{2,}y?',
      '\\bfoo\\b.*', '.*\\Bfoo', '[^a-c]+', '\\p{L}+\\d*', '\\u{41}b', '\\x41b', '\\.\\(\\)', 'a/b', '^a$',
      '(a*)*b', '(a|ab)(c|bcd)(d*)', 'k', '\\w+', '[\\w-]+@[\\w-]+\\.\\w{2,}', '(\\d{1,2}[./-]){2}\\d{4}',
    ];
    const answers = ['stratégies', 'Strategie', '90 %', '9000 %', 'la marque', 'marque', 'b', 'abcdab', 'aab',
      'xxxy', 'x', 'foo bar', 'afoo', ' foo', 'xyz', 'xaz', 'Éa12', 'ab', 'Ab', '.()', 'a/b', 'a', 'aaab',
      'abcd', 'K', 'ſ', 'jane-doe@acme.fr', '12/03/2024', '1.2.2024', 'foo  bar', 'x-foo'];
    let compared = 0;
    for (const pattern of patterns) {
      for (const cased of [false, true]) {
        const re = new RegExp('^(?:' + G.stripAccents(pattern) + ')$', cased ? 'u' : 'iu');
        for (const answer of answers) {
          // As patternMatches folds the answer: accents, spacing.
          const expected = re.test(G.stripAccents(answer).replace(/\s+/g, ' ').trim());
          assert.equal(G.patternMatches(pattern, answer, cased), expected, `${pattern} on ${answer}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000);
  });

  // RegExp takes years on these (each extra letter doubles the time, or
  // multiplies it by the answer's length); the test would never finish.
  test('a pattern that makes RegExp backtrack is matched in one pass over the answer', { timeout: 120000 }, () => {
    const long = 'a'.repeat(20000);
    assert.equal(G.patternMatches('(a+)+b', long), false);
    assert.equal(G.patternMatches('(a|a)*b', long), false);
    assert.equal(G.patternMatches('(\\w+\\s?)*!', 'word '.repeat(4000)), false);
    assert.equal(G.patternMatches('.*a.*a.*a.*a.*a.*a.*b', long), false);
    assert.equal(G.patternMatches('(a+)+b', long + 'b'), true);
    // Its automaton has a few states, whatever the answer.
    assert.ok(G.patternStates('(a+)+b') < 20, G.patternStates('(a+)+b'));
  });
});
