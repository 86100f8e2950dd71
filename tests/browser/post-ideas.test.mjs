// A `post` question graded on more than format: its required ideas (word
// families) and ideas to avoid are checked with the author's feedback, so a
// post that only has the right hashtag and keyword fails; once the
// automatic checks pass, the rubric is a self-assessment checklist shown
// with the model answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCourse, collectPageErrors, fileUrl, launchBrowser, newPage, runAxe, formatViolations } from './lib.mjs';

const FILES = {
  'course.yaml': 'title: Incidents\norganization: "Lorvan Mobilités"\nvariables:\n  compte_officiel: "@LorvanMobilites"\n',
  'brand.yaml': 'name: "{{ organization }}"\nhandle: "{{ compte_officiel }}"\nhashtags:\n  required: ["#LorvanMobilités"]\nplatforms:\n  x: { max_length: 280 }\n',
  '01-crise/module.yaml': 'title: Crise\n',
  '01-crise/01-lecon.md': '# Leçon\n\nUn message d\'incident dit ce qui se passe et quand viendra la suite.\n',
  '01-crise/quiz.yaml': `questions:
  - type: post
    platform: x
    prompt: "La ligne T2 est interrompue. Écrivez le premier message d'incident de {{ compte_officiel }}."
    must_mention: [T2]
    ideas:
      - words: [retard, perturb, interromp, coupé, arrêt]
        missing: "Dites ce qui se passe."
      - words: [bus de substitution, navette, itinéraire, alternative]
        missing: "Proposez une solution pour se déplacer."
      - words: [prochaine information, prochain point, "à suivre"]
        missing: "Dites quand viendra la prochaine information."
    avoid_ideas:
      - words: [faute, coupable, responsable]
        found: "Ne désignez pas de responsable."
    rubric:
      - "Le message se comprend **sans** avoir suivi l'actualité."
      - "Le ton reste calme, sans excuse excessive."
    model_answer: |
      Ligne T2 : trafic interrompu entre Gare et Forges.
      Des navettes de substitution circulent.
      Prochaine information à 8 h 30. #LorvanMobilités
`,
};

let browser;
let site;
let source;

before(async () => {
  source = mkdtempSync(join(tmpdir(), 'brandcamp-post-ideas-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(source, path)), { recursive: true });
    writeFileSync(join(source, path), text);
  }
  site = buildCourse(source);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (source) rmSync(source, { recursive: true, force: true });
});

test('a post with the keyword and the hashtag but no structure does not pass, and says what is missing', async () => {
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  await page.goto(fileUrl(site, 'crise/quiz.html'));
  // The variable is replaced in the prompt, the platform named as the brand writes it.
  assert.match(await page.locator('.question').first().innerText(), /@LorvanMobilites/);
  assert.match(await page.locator('label[for$="-input"]').first().innerText(), /\bX\b/);
  await page.locator('textarea.answer-post').fill('T2 voyageurs #LorvanMobilités');
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result').waitFor();
  assert.match(await page.locator('.quiz-result').innerText(), /Not passed/);
  const problems = await page.locator('.post-review-problems li').allInnerTexts();
  assert.deepEqual(problems, [
    'Dites ce qui se passe.',
    'Proposez une solution pour se déplacer.',
    'Dites quand viendra la prochaine information.',
  ]);
  // The model answer and the rubric are not handed out on a failed post.
  assert.equal(await page.locator('.post-model-answer').count(), 0);
  assert.equal(await page.locator('.post-rubric').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an idea to avoid fails the post with its feedback', async () => {
  const page = await newPage(browser);
  await page.goto(fileUrl(site, 'crise/quiz.html'));
  await page.locator('textarea.answer-post').fill(
    'T2 interrompue par la faute d\'un prestataire. Navettes en place. Prochain point à 9 h. #LorvanMobilités',
  );
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result').waitFor();
  assert.deepEqual(await page.locator('.post-review-problems li').allInnerTexts(), ['Ne désignez pas de responsable.']);
  await page.close();
});

test('a structured incident message passes, then shows the rubric to tick and the model answer', async () => {
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  await page.goto(fileUrl(site, 'crise/quiz.html'));
  await page.locator('textarea.answer-post').fill(
    'Ligne T2 : trafic PERTURBÉ entre Gare et Forges. Bus de substitution en place. Prochaine information à 8 h. #LorvanMobilités',
  );
  // The live checker has nothing left to say before the post is checked.
  await page.waitForFunction(() => document.querySelectorAll('.post-question-checker .brand-checker-findings li').length === 0);
  assert.match(await page.locator('.brand-checker-account').innerText(), /official account/);
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('.quiz-result').waitFor();
  assert.match(await page.locator('.quiz-result').innerText(), /Passed/);
  const rubric = page.getByRole('group', { name: 'Check your post yourself' });
  await rubric.waitFor();
  const boxes = rubric.getByRole('checkbox');
  assert.equal(await boxes.count(), 2);
  await boxes.first().check();
  assert.equal(await boxes.first().isChecked(), true);
  assert.match(await rubric.innerText(), /sans avoir suivi/);
  const model = await page.locator('.post-model-answer-text').innerText();
  assert.match(model, /Prochaine information à 8 h 30/);
  assert.deepEqual(errors, []);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await page.close();
});
