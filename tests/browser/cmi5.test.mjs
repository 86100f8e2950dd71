// The cmi5 package in real Chromium, launched by a test LMS in front of a
// real LRS (Ralph): the launch handshake, the statements of a session and
// the cmi5 rules they follow, progress kept in the LMS across launches,
// Browse mode, and the queue that keeps statements while the LMS cannot
// be reached.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT, brandcampBin, collectPageErrors, launchBrowser, newPage } from './lib.mjs';
import { tempDir, unzipTo } from './scorm-helpers.mjs';
import { COURSE_IRI, CMI5_FIXTURE, VERB, checkSession, startLms, startLrs, verbs } from './cmi5-helpers.mjs';

let browser;
let lrs;
let lms;

before(async () => {
  const dir = tempDir('brandcamp-cmi5-');
  const zip = join(dir, 'course.cmi5.zip');
  const argv = ['build', resolve(REPO_ROOT, CMI5_FIXTURE), '--out', join(dir, 'site'), '--cmi5', '--cmi5-out', zip];
  const run = spawnSync(brandcampBin(), argv, { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const content = join(dir, 'content');
  unzipTo(zip, content);
  lrs = await startLrs();
  lms = await startLms(lrs.url, content);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await lms?.close();
  lrs?.stop();
});

/** Opens a launch URL; returns { page, course (the frame), errors }. */
async function open(launch, page) {
  page = page || (await newPage(browser));
  const errors = collectPageErrors(page);
  await page.goto(launch.url);
  const course = page.frameLocator('#course-frame');
  await course.locator('body[data-kind="home"]').waitFor();
  return { page, course, errors };
}

// What the browser reports as errors, less the 404s xAPI answers with for
// a document that does not exist yet (the learner's progress, at a first
// launch) and the favicon the test LMS does not have.
function realErrors(errors) {
  return errors.filter((e) => !/status of 404 .*(stateId=brandcamp\.progress|favicon\.ico)/.test(e));
}

async function answer(course, labels) {
  for (const label of labels) await course.getByLabel(label, { exact: true }).check();
  await course.getByRole('button', { name: 'Check my answers' }).click();
}

/** Waits until the LRS holds a statement of the session that passes `test`. */
async function waitForStatement(launch, test) {
  for (;;) {
    const found = (await lrs.statements()).filter((s) => s.context?.registration === launch.registration);
    if (found.some(test)) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ofSession = (launch) => (s) => s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] === launch.sessionId;

test('a learner fails the quiz, passes it, and leaves: the LMS hears it all, by the cmi5 rules', async () => {
  const launch = await lms.launch();
  const { page, course, errors } = await open(launch);
  // The certificate's name is the LMS's learner, as a certificate reads.
  const launchFrame = page.mainFrame();
  assert.equal(await launchFrame.evaluate(() => JSON.parse(window.BrandcampLms.store.get(document.body.dataset.course)).name), 'Jane Doe');

  await course.locator('[data-resume-link]').click();
  await course.locator('body[data-kind="lesson"]').waitFor();
  await course.locator('a[rel="next"]').click();
  await course.locator('body[data-kind="quiz"]').waitFor();
  await answer(course, ['Acme', 'Sarcastic']);
  await course.locator('.quiz-result.is-failed').waitFor();
  await waitForStatement(launch, (s) => s.verb.id === VERB('failed'));
  await course.getByRole('button', { name: 'Try again' }).click();
  await answer(course, ['Acme', 'Warm']);
  await course.locator('.quiz-result.is-passed').waitFor();
  await waitForStatement(launch, (s) => s.verb.id === VERB('passed'));

  // The certificate: the LMS's learner by name and id.
  await course.getByRole('link', { name: 'Get your certificate' }).first().click();
  await course.locator('[data-certificate-name]').filter({ hasText: 'Jane Doe' }).waitFor();
  assert.equal(await course.locator('[data-certificate-learner]').textContent(), 'Learner ID: jane');

  await page.getByRole('button', { name: 'Exit the course' }).click();
  await page.waitForURL(`${lms.url}/return`);
  const all = await waitForStatement(launch, (s) => s.verb.id === VERB('terminated'));
  const session = checkSession(all.filter(ofSession(launch)), launch);
  const lifecycle = verbs(session).filter((v) => v !== 'answered');
  assert.deepEqual(lifecycle, ['initialized', 'failed', 'completed', 'passed', 'terminated']);
  const failed = session.find((s) => s.verb.id === VERB('failed'));
  const passed = session.find((s) => s.verb.id === VERB('passed'));
  assert.equal(failed.result.score.scaled, 0.5);
  assert.equal(passed.result.score.scaled, 1);
  // Each graded answer, before the result it led to: the question as a
  // cmi.interaction, the learner's choice by its stable id, right or wrong.
  assert.deepEqual(verbs(session), ['initialized', 'answered', 'answered', 'failed', 'answered', 'answered', 'completed', 'passed', 'terminated']);
  const answers = session.filter((s) => s.verb.id === VERB('answered'));
  assert.deepEqual(answers.map((s) => [s.object.id.split('/quiz/')[1], s.result.response, s.result.success]), [
    ['voice/question/name', 'acme', true],
    ['voice/question/tone', 'sarcastic', false],
    ['voice/question/name', 'acme', true],
    ['voice/question/tone', 'warm', true],
  ]);
  const tone = answers[1].object.definition;
  assert.equal(tone.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
  assert.equal(tone.interactionType, 'choice');
  assert.deepEqual(tone.correctResponsesPattern, ['warm']);
  assert.deepEqual(tone.choices.map((c) => [c.id, c.description.en]), [['warm', 'Warm'], ['sarcastic', 'Sarcastic']]);
  assert.equal(tone.name.en, 'Which tone does Acme use?');
  assert.match(answers[0].result.duration, /^PT[\d.]+S$/);
  assert.deepEqual(answers[0].context.contextActivities.parent, [{ id: `${COURSE_IRI}/quiz/voice`, objectType: 'Activity' }]);
  // The progress was kept in the LMS, not in the browser.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(frame, undefined, 'the learner is back in the LMS');
  assert.deepEqual(realErrors(errors), []);

  // A relaunch in the same registration: the progress is back from the
  // LMS, and nothing already sent is sent again.
  const again = await lms.launch({ registration: launch.registration });
  const second = await open(again, page);
  await second.course.locator('.module-card.is-complete').waitFor();
  await second.page.getByRole('button', { name: 'Exit the course' }).click();
  await second.page.waitForURL(`${lms.url}/return`);
  const after = await waitForStatement(again, (s) => ofSession(again)(s) && s.verb.id === VERB('terminated'));
  assert.deepEqual(verbs(checkSession(after.filter(ofSession(again)), again)), ['initialized', 'terminated']);
  await page.context().close();
});

test('in Browse mode only initialized and terminated are sent, and no progress is saved', async () => {
  const launch = await lms.launch({ mode: 'Browse' });
  const { page, course, errors } = await open(launch);
  await course.locator('[data-resume-link]').click();
  await course.locator('a[rel="next"]').click();
  await course.locator('body[data-kind="quiz"]').waitFor();
  await answer(course, ['Acme', 'Warm']);
  await course.locator('.quiz-result.is-passed').waitFor();
  await page.getByRole('button', { name: 'Exit the course' }).click();
  await page.waitForURL(`${lms.url}/return`);
  const all = await waitForStatement(launch, (s) => s.verb.id === VERB('terminated'));
  assert.deepEqual(verbs(checkSession(all.filter(ofSession(launch)), launch)), ['initialized', 'terminated']);
  // Relaunched (in Normal mode): nothing was kept from the browsing.
  const again = await lms.launch({ registration: launch.registration });
  const second = await open(again, page);
  assert.equal(await second.course.locator('.module-card.is-complete').count(), 0);
  assert.deepEqual(realErrors(errors), []);
  await page.context().close();
});

test('while the LMS is down the statements wait in the browser, then arrive in order, once each', async () => {
  const launch = await lms.launch();
  const { page, course } = await open(launch);
  await waitForStatement(launch, (s) => s.verb.id === VERB('initialized'));
  await course.locator('[data-resume-link]').click();
  await course.locator('a[rel="next"]').click();
  await course.locator('body[data-kind="quiz"]').waitFor();

  lms.setDown(true);
  const before = lms.received.length;
  await answer(course, ['Acme', 'Sarcastic']);
  await course.locator('.quiz-result.is-failed').waitFor();
  await course.getByRole('button', { name: 'Try again' }).click();
  await answer(course, ['Acme', 'Warm']);
  await course.locator('.quiz-result.is-passed').waitFor();
  // Queued in the browser's storage, so that a reload loses nothing.
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('brandcamp-xapi-queue:')))));
  const queuedStatements = queued.filter((item) => item.kind === 'statement').map((item) => item.body);
  assert.deepEqual(verbs(queuedStatements), ['answered', 'answered', 'failed', 'answered', 'answered', 'completed', 'passed']);
  assert.equal(lms.received.length, before, 'nothing reached the LMS while it was down');

  lms.setDown(false);
  await page.reload();
  // The reload ended the session (terminated, queued too); the page that
  // came back sends what waited.
  const all = await waitForStatement(launch, (s) => s.verb.id === VERB('terminated'));
  const session = checkSession(all.filter(ofSession(launch)), launch);
  assert.deepEqual(verbs(session).filter((v) => v !== 'answered'), ['initialized', 'failed', 'completed', 'passed', 'terminated']);
  // Each statement the browser queued is in the LRS once, in the order it was made.
  const stored = session.map((s) => s.id);
  const expected = queuedStatements.map((s) => s.id);
  assert.deepEqual(stored.filter((id) => expected.includes(id)), expected);
  await page.context().close();
});

test('the fetch URL gives its token once: a second launch page with the same URL cannot start a session', async () => {
  const launch = await lms.launch();
  const first = await open(launch);
  await waitForStatement(launch, (s) => s.verb.id === VERB('initialized'));
  // Another browser (no sessionStorage of the first) with the same launch URL.
  const other = await open(launch);
  assert.equal(await other.page.evaluate(() => !!window.BrandcampLms), false);
  await other.page.locator('#launch-status').filter({ hasText: 'cannot be reached' }).waitFor();
  await other.page.context().close();
  await first.page.context().close();
});
