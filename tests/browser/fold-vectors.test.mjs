// The shared cases of the accent-folding rule (tests/fold_vectors.json),
// run against the very search-core.js and brand.js the sites load: both
// fold as src/fold.rs does (tests/fold_vectors.rs). Needs no browser and no
// build.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const search = require(join(REPO_ROOT, 'themes', 'default', 'assets', 'search-core.js'));
const brand = require(join(REPO_ROOT, 'themes', 'default', 'assets', 'brand.js'));
const { cases } = JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'fold_vectors.json'), 'utf8'));

// Whether the only finding in `text` is a term avoided as `avoid`, over all of it.
function foundWhole(avoid, text) {
  const engine = brand.compile({ name: 'Acme', terms: [{ avoid: [avoid] }] });
  const { findings } = engine.check(text, 'x');
  return findings.length === 1 && findings[0].kind === 'term' && findings[0].start === 0 && findings[0].end === text.length;
}

describe('accent folding (JavaScript) on the shared cases', () => {
  test('there are enough cases to mean something', () => {
    assert.ok(cases.length >= 10, `only ${cases.length} cases`);
  });

  for (const c of cases) {
    test(`search-core.js folds ${JSON.stringify(c.text)}`, () => {
      assert.equal(search.fold(c.text), c.folded);
    });

    // The engine folds the term and the text it searches alike: a term
    // written as the case's text is found in the folded text only if it
    // folds to exactly that.
    test(`brand.js folds ${JSON.stringify(c.text)} loosely the same way`, () => {
      assert.ok(foundWhole(c.text, c.folded));
    });
  }
});
