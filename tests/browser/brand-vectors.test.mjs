// The shared test vectors of the brand rule engine (tests/brand_vectors.json),
// run against the very brand.js file the sites load: the JavaScript engine
// must give exactly the findings listed, like the Rust one
// (tests/brand_vectors.rs). Needs no browser and no build.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const brand = require(join(REPO_ROOT, 'themes', 'default', 'assets', 'brand.js'));
const vectors = JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'brand_vectors.json'), 'utf8'));

// Code points before UTF-16 index i.
const chars = (text, i) => Array.from(text.slice(0, i)).length;

// A finding as the vectors write it.
function asVector(finding, text) {
  const out = { ...finding };
  if ('start' in out) {
    out.start = chars(text, finding.start);
    out.end = chars(text, finding.end);
  }
  for (const key of Object.keys(out)) if (out[key] === null || out[key] === undefined) delete out[key];
  return out;
}

// Objects compared whatever the order of their keys.
const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
      : value;

describe('brand rule engine (JavaScript) on the shared vectors', () => {
  for (const suite of vectors.suites) {
    const engine = brand.compile(suite.rules);
    for (const c of suite.cases) {
      test(`${suite.name} / ${c.name}`, () => {
        const result = engine.check(c.text, c.platform, c.extra);
        assert.deepEqual(
          sorted({ length: result.length, limit: result.limit, findings: result.findings.map((f) => asVector(f, c.text)) }),
          sorted({ length: c.length, limit: c.limit, findings: c.findings }),
        );
      });
    }
  }

  test('there are enough cases to mean something', () => {
    const count = vectors.suites.reduce((n, s) => n + s.cases.length, 0);
    assert.ok(count > 20, `only ${count} cases`);
  });
});

describe('brand.js API for the quiz', () => {
  const rules = vectors.suites.find((s) => s.name === 'posts').rules;
  const engine = brand.compile(rules);

  test('gradePost passes a post that follows every rule, and says why one does not', () => {
    // gradePost uses the site's rules (window.BRANDCAMP_BRAND); under Node
    // there are none, so the engine is compiled by hand here.
    const ok = engine.check('Ligne T2 : trafic rétabli. #LorvanMobilités', 'x', { mustMention: ['T2'], maxHashtags: 3 });
    assert.deepEqual(ok.findings, []);
    const bad = engine.check('Trafic garanti.', 'x', { mustMention: ['T2'] });
    assert.deepEqual(bad.findings.map((f) => f.kind), ['hashtag_missing', 'must_mention', 'term']);
  });

  test('offsets are UTF-16 indices, as textarea selections use', () => {
    const text = '😀 garanti #LorvanMobilités';
    const [finding] = engine.check(text, 'x').findings;
    assert.equal(text.slice(finding.start, finding.end), 'garanti');
    assert.equal(finding.start, 3);
  });

  test('countGraphemes counts what a person sees', () => {
    assert.equal(brand.countGraphemes('👩‍👩‍👧🇫🇷e\u0301'), 3);
  });

  test('an empty post never passes', () => {
    assert.equal(brand.passes('   ', 'x'), false);
    assert.equal(brand.gradePost('', { platform: 'x' }).passed, false);
  });
});
