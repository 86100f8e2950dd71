// Helpers for the tests of the organisation's look: building a course with
// a given `look:` section, and opening the certificate as a learner who has
// passed every quiz.

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, buildCourse, fileUrl } from './lib.mjs';
import { settle } from './quiz-helpers.mjs';

export const LOOK_FIXTURE = 'tests/fixtures/look-course';

const copies = [];
process.on('exit', () => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** Builds the look fixture with `look` (YAML text) appended to its brand.yaml. */
export function buildWithLook(look) {
  const course = mkdtempSync(join(tmpdir(), 'brandcamp-look-'));
  copies.push(course);
  cpSync(resolve(REPO_ROOT, LOOK_FIXTURE), course, { recursive: true });
  appendFileSync(join(course, 'brand.yaml'), look);
  return buildCourse(course);
}

/**
 * Opens the certificate page as a learner named `name` who has read every
 * lesson and passed every quiz (progress written as progress.js keeps it).
 */
export async function openCertificate(page, site, name = 'Grace Hopper') {
  await page.goto(fileUrl(site, 'certificate.html'));
  await page.evaluate((learner) => {
    const data = { version: 1, course: document.body.dataset.course, lessons: {}, quizzes: {}, name: learner };
    for (const m of window.BrandcampToc.modules()) {
      for (const [lesson] of m.lessons) data.lessons[`${m.slug}/${lesson}`] = 1;
      if (m.quiz) data.quizzes[m.slug] = { attempts: 1, best: 100, passed: true, passedAt: '2026-06-01T10:00:00.000Z' };
    }
    localStorage.setItem(document.body.dataset.course, JSON.stringify(data));
  }, name);
  await settle(page);
  await page.reload();
  await page.locator('[data-certificate]').waitFor();
}
