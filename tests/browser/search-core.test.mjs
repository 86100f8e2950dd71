// The query side of search (themes/default/assets/search-core.js), run under
// Node against the index the real binary builds for the fixture course.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import vm from 'node:vm';
import { REPO_ROOT, buildCourse } from './lib.mjs';

const require = createRequire(import.meta.url);
const core = require(join(REPO_ROOT, 'themes', 'default', 'assets', 'search-core.js'));

describe('search query side', () => {
  let searcher;
  let out;

  before(() => {
    out = buildCourse('tests/fixtures/small-course');
    const sandbox = { window: {} };
    vm.runInNewContext(readFileSync(join(out, 'assets', 'search-index.js'), 'utf8'), sandbox);
    searcher = new core.Searcher(sandbox.window.BRANDCAMP_SEARCH);
  });

  /** The text of a result's section, read from its chunk as the page does. */
  const sectionText = (result) => {
    const { chunk, offset } = searcher.chunkOf(result.section);
    const sandbox = { window: {} };
    vm.runInNewContext(readFileSync(join(out, 'assets', `search-text-${chunk}.js`), 'utf8'), sandbox);
    return sandbox.window.BRANDCAMP_SEARCH_TEXT[chunk][offset];
  };

  const titles = (query) => searcher.search(query, 10).results.map((r) => r.title);

  test('folding removes accents and case like the index builder', () => {
    assert.equal(core.fold('Stratégie'), 'strategie');
    assert.equal(core.fold('ÉLÈVE À Noël'), 'eleve a noel');
    assert.equal(core.fold('Cœur, Æther, Straße'), 'coeur, aether, strasse');
  });

  test('posting lists decode from their compact form', () => {
    assert.deepEqual(core.decodeNumbers('0000'), [0, 1, 2, 3]);
    // 0, then 5 (gap 5 → 4), then 1000 (gap 995 → 994 = 31 × 32 + 2 → "_2")
    assert.deepEqual(core.decodeNumbers('04_2'), [0, 5, 1000]);
  });

  test('stop words are left out of a query unless they are all there is', () => {
    const stop = new Set(['de', 'la']);
    assert.deepEqual(core.parseQuery('Stratégie de la marque', stop), ['strategie', 'marque']);
    assert.deepEqual(core.parseQuery('la', stop), ['la']);
    assert.deepEqual(core.parseQuery('a b', stop), []);
  });

  test('an unaccented query finds the accented lesson', () => {
    assert.deepEqual(titles('strategie'), ['Stratégie de marque']);
    assert.deepEqual(titles('STRATÉGIE'), ['Stratégie de marque']);
  });

  test('the last word matches as a prefix', () => {
    assert.deepEqual(titles('strat'), ['Stratégie de marque']);
    assert.deepEqual(titles('repon'), ['Publier au quotidien']);
  });

  test('every word must match, and the best section gives the snippet', () => {
    const { results } = searcher.search('publications calendrier', 10);
    assert.equal(results.length, 1);
    assert.equal(results[0].heading, 'Le calendrier');
    assert.equal(results[0].href, 'bases/strategie.html#le-calendrier');
    assert.match(core.excerpt(sectionText(results[0]), ['publications']), /calendrier des publications/);
    assert.deepEqual(titles('calendrier courtoisie'), []);
  });

  test('the snippet is cut around the first match, at word boundaries', () => {
    const text = 'Un début sans rapport. '.repeat(20) + 'Ici la charte est expliquée. ' + 'Et la suite du texte. '.repeat(20);
    const cut = core.excerpt(text, ['charte'], 120);
    assert.match(cut, /^…\S/, cut);
    assert.match(cut, /\S…$/, cut);
    assert.ok(cut.includes('Ici la charte est expliquée.'), cut);
    assert.ok(cut.length <= 122, `${cut.length}`);
    // No match: the start of the text, as before.
    assert.ok(core.excerpt(text, ['absent'], 40).startsWith('Un début sans rapport.'));
    assert.equal(core.excerpt('court', ['court']), 'court');
  });

  test('lessons whose title matches come first', () => {
    const found = titles('publi');
    assert.equal(found[0], 'Publier au quotidien');
    assert.ok(found.length >= 2, found.join(', '));
  });

  test('nothing is found for unknown words', () => {
    assert.deepEqual(titles('zzzz'), []);
    assert.deepEqual(titles(''), []);
  });

  test('highlighting marks the words that match, whatever their accents', () => {
    assert.deepEqual(core.highlight('La Stratégie de marque', ['strategie']), [
      { text: 'La ', mark: false },
      { text: 'Stratégie', mark: true },
      { text: ' de marque', mark: false },
    ]);
    assert.deepEqual(core.highlight('<b>rien</b>', ['strategie']), [{ text: '<b>rien</b>', mark: false }]);
  });
});
