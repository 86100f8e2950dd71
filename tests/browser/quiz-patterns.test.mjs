// A `text` question whose pattern makes a backtracking engine take
// exponential time, answered in headless Chromium: the page grades the
// answer and stays usable. With RegExp, `(a+)+b` took 19 s for 28 letters
// and doubles with each letter: this answer of 60 would never be graded.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage } from './lib.mjs';

function writeCourse(files) {
  const dir = mkdtempSync(join(tmpdir(), 'brandcamp-patterns-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('quiz patterns', () => {
  let browser;
  let site;

  before(async () => {
    const course = writeCourse({
      'course.yaml': 'title: Patterns\n',
      '01-m/module.yaml': 'title: M\n',
      '01-m/01-a.md': '# A\n\nText.\n',
      '01-m/quiz.yaml': [
        'title: Quiz',
        'shuffle: false',
        'questions:',
        '  - id: hostile',
        '    type: text',
        '    prompt: "Type some a, then b"',
        '    pattern: "(a+)+b"',
        '  - id: wildcards',
        '    type: text',
        '    prompt: "Anything with five a in it, then b"',
        '    pattern: ".*a.*a.*a.*a.*a.*b"',
        '',
      ].join('\n'),
    });
    site = buildCourse(course);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('an answer that makes RegExp backtrack for ever is graded, and the page stays usable', async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(fileUrl(site, 'm/quiz.html'));
    const inputs = page.locator('.question-text input');
    await inputs.nth(0).fill('a'.repeat(60));
    await inputs.nth(1).fill('a'.repeat(3000));
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const result = page.locator('.quiz-result');
    await result.waitFor();
    assert.match(await result.innerText(), /0\s%/);
    const verdicts = await page.locator('.question-verdict').allInnerTexts();
    assert.equal(verdicts.length, 2);
    for (const verdict of verdicts) assert.match(verdict, /Incorrect/);
    // The page still answers: a retry with right answers passes.
    await page.getByRole('button', { name: 'Try again' }).click();
    await inputs.nth(0).fill('a'.repeat(60) + 'b');
    await inputs.nth(1).fill('a'.repeat(3000) + 'b');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.locator('.quiz-result.is-passed').waitFor();
    assert.match(await page.locator('.quiz-result').innerText(), /100\s%/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
