// Helpers for the reporting tests: the fixture course with every kind of
// question (tests/fixtures/interactions-course), its right and wrong
// answers, and a learner answering them in a page or in the SCORM frame.

import assert from 'node:assert/strict';

export const INTERACTIONS_FIXTURE = 'tests/fixtures/interactions-course';

// The right post is longer than SCORM 1.2's 255 characters.
export const LONG_POST =
  'Acme opens its social-media bootcamp today. Eight short modules take every member of staff from the brand voice ' +
  'to a first post: how we write our name, which channels we use and why, how we answer people, and what never to ' +
  'post. Sign up on the intranet and start whenever you like. #Acme';

/** The question ids of the "every kind" quiz, in its order. */
export const EVERY_KIND_IDS = ['spelling', 'channels', 'capitals', 'plan', 'age', 'steps', 'roles', 'launch-post'];

/**
 * Answers the "every kind" quiz shown in `scope` (a Page or a FrameLocator)
 * right or wrong, and checks it.
 */
export async function answerEveryKind(scope, { right }) {
  await scope.locator('.quiz-form').waitFor();
  const question = (id) => scope.locator(`fieldset[data-question-id="${id}"]`);
  await question('spelling').getByLabel(right ? 'Acme' : 'ACME', { exact: true }).check();
  for (const label of right ? ['LinkedIn', 'Instagram'] : ['Instagram']) {
    await question('channels').getByLabel(label, { exact: true }).check();
  }
  await question('capitals').getByLabel(right ? 'False' : 'True', { exact: true }).check();
  await question('plan').locator('input').fill(right ? 'strategie' : 'tactic');
  await question('age').locator('input').fill(right ? '38,2' : '40');
  if (right) {
    const order = ['Draft', 'Review', 'Publish'];
    for (let target = 0; target < order.length; target++) {
      for (;;) {
        const items = await question('steps').locator('.order-text').allInnerTexts();
        if (items.indexOf(order[target]) === target) break;
        await question('steps').locator(`button[aria-label="Move up: ${order[target]}"]`).click();
      }
    }
  } // else: as shown, which is never the right order
  const pairs = right
    ? { Writer: 'Writes the post', Editor: 'Checks the post' }
    : { Writer: 'Checks the post', Editor: 'Writes the post' };
  for (const [left, rightSide] of Object.entries(pairs)) {
    await question('roles').getByLabel(left, { exact: true }).selectOption({ label: rightSide });
  }
  await question('launch-post').locator('textarea').fill(right ? LONG_POST : 'A new course is out.');
  await scope.getByRole('button', { name: 'Check my answers' }).click();
  const result = scope.locator('.quiz-result');
  await result.waitFor();
  assert.match(await result.innerText(), right ? /100\s%\s+Passed/ : /Not passed/);
}

/**
 * Answers the one-question "Last check" quiz shown in `scope`, right or
 * wrong.
 */
export async function answerLastCheck(scope, { right }) {
  await scope.locator('.quiz-form').waitFor();
  await scope.getByLabel(right ? 'The editor' : 'Nobody', { exact: true }).check();
  await scope.getByRole('button', { name: 'Check my answers' }).click();
  await scope.locator('.quiz-result').waitFor();
}
