// Helpers for the cmi5 and xAPI tests: a real LRS (Ralph, from PyPI,
// installed by scripts/test.sh into target/test-lrs, keeping statements in
// files), a small test LMS that plays the cmi5 launch side in front of it,
// and the checks every statement stream must pass (xAPI validity with
// @learninglocker/xapi-validation, and the cmi5 rules).
//
// The test LMS serves the unzipped package, hands out the session's token
// at the fetch URL (once), keeps LMS.LaunchData, the AU's own state
// documents and the learner's preferences (Ralph has no State or Agent
// Profile API), and forwards statements to Ralph with its own credentials.
// It can be switched "down" (503 for every xAPI request), like an LMS that
// cannot be reached.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { extname, join, resolve } from 'node:path';
import { REPO_ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const validateStatement = require('@learninglocker/xapi-validation').default;

export const CMI5_FIXTURE = 'tests/fixtures/cmi5-course';
export const COURSE_IRI = 'https://learning.example.org/courses/cmi5-course';
export const AU_ID = `${COURSE_IRI}/au`;
export const PUBLISHER_ID = 'https://lms.test/publisher/acme';
export const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const MASTERY_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const VERB = (name) => `http://adlnet.gov/expapi/verbs/${name}`;

// The LMS's account at the LRS. The hash is bcrypt's of LRS_PASSWORD, as
// `ralph auth` writes it.
const LRS_USER = 'lms';
const LRS_PASSWORD = 'secret';
const LRS_HASH = '$2b$12$iZX5D5LEX1Guq.YfuLX8eOVlyHa6o0pDTUU0p0gT4KH5ng7fA28Ny';
export const LRS_AUTHORIZATION = 'Basic ' + Buffer.from(`${LRS_USER}:${LRS_PASSWORD}`).toString('base64');

const RALPH = join(REPO_ROOT, 'target', 'test-lrs', 'bin', 'ralph');
const PYTHON = join(REPO_ROOT, 'target', 'test-lrs', 'bin', 'python');
// Ralph's API server, as `ralph runserver -b fs` starts it but in one
// process (no reloader) and with one fix: its file backend opens the
// statements file for creation at every write, so that only the first
// write of a server succeeds ("Statement indexation failed" after that);
// writes append to it here.
const RUN_RALPH = `
import sys, uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
from ralph.api import app
uvicorn.run(app, host=sys.argv[1], port=int(sys.argv[2]), log_level="warning")
`;

const cleanups = [];
process.on('exit', () => {
  for (const f of cleanups) f();
});

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/**
 * Starts Ralph on a free port with a fresh folder of statements. Returns
 * { url, statements(), stop() }: statements() are all it stored, in the
 * order it stored them.
 */
export async function startLrs() {
  if (!existsSync(RALPH)) {
    throw new Error(`${RALPH} is missing: scripts/test.sh installs the LRS (scripts/test-lrs.txt) into target/test-lrs`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'brandcamp-lrs-'));
  const authFile = join(dir, 'auth.json');
  writeFileSync(authFile, JSON.stringify([{
    agent: { objectType: 'Agent', account: { homePage: 'https://lms.test', name: LRS_USER } },
    scopes: ['all'],
    hash: LRS_HASH,
    username: LRS_USER,
  }]));
  const port = await freePort();
  const child = spawn(PYTHON, ['-c', RUN_RALPH, '127.0.0.1', String(port)], {
    env: {
      ...process.env,
      RALPH_AUTH_FILE: authFile,
      RALPH_APP_DIR: join(dir, 'app'),
      RALPH_RUNSERVER_BACKEND: 'fs',
      RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = () => {
    if (!exited) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  // Up when it answers; a server that exits first fails the test with its log.
  for (;;) {
    if (exited) throw new Error(`the LRS (Ralph) exited while starting:\n${log}`);
    try {
      const response = await fetch(`${url}/__heartbeat__`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  async function statements() {
    const response = await fetch(`${url}/xAPI/statements?limit=1000`, {
      headers: { Authorization: LRS_AUTHORIZATION, 'X-Experience-API-Version': '1.0.3' },
    });
    if (!response.ok) throw new Error(`the LRS answered ${response.status}: ${await response.text()}`);
    const list = (await response.json()).statements;
    return list.sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : 0));
  }
  return { url, statements, stop };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves `dir`'s files under `prefix`; false when the path is not one of them. */
function serveFile(dir, prefix, url, res) {
  if (!url.pathname.startsWith(prefix)) return false;
  let path = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
  const file = resolve(dir, path);
  if (!file.startsWith(resolve(dir)) || !existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
  return true;
}

function readBody(req) {
  return new Promise((done) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}

/**
 * A test LMS in front of the LRS at `lrsUrl`, serving `contentDir` (the
 * unzipped package) under /content/. Returns { url, launch(options),
 * setDown(bool), received, close() }: `received` lists, in order, every
 * statement request that reached it ({ method, id, verb, status }).
 */
export async function startLms(lrsUrl, contentDir) {
  const tokens = new Map();      // session id -> { token, fetched }
  const documents = new Map();   // JSON key of (kind, params) -> text
  const received = [];
  let down = false;

  const keyOf = (kind, params) => JSON.stringify([kind, params.activityId || '', params.agent ? JSON.parse(params.agent) : '', params.registration || '', params.stateId || params.profileId || '']);
  const authorized = (req) => [...tokens.values()].some((t) => req.headers.authorization === `Basic ${t.token}`);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://lms.test');
    const reply = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/return') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Test LMS</title><h1>Back in the LMS</h1>');
      return;
    }
    if (serveFile(contentDir, '/content/', url, res)) return;
    const fetchMatch = url.pathname.match(/^\/fetch\/([\w-]+)$/);
    if (fetchMatch && req.method === 'POST') {
      const session = tokens.get(fetchMatch[1]);
      if (!session) return reply(404, { 'error-code': '3', 'error-text': 'unknown session' });
      // The fetch URL gives the token once (cmi5 8.2.3).
      if (session.fetched) return reply(200, { 'error-code': '1', 'error-text': 'already in use' });
      session.fetched = true;
      return reply(200, { 'auth-token': session.token });
    }
    if (!url.pathname.startsWith('/xapi/')) return reply(404, { error: 'not found' });
    const body = await readBody(req);
    if (down) return reply(503, { error: 'the LMS is down' });
    if (!authorized(req)) return reply(401, { error: 'no valid token' });
    const params = Object.fromEntries(url.searchParams);
    const resource = url.pathname.slice('/xapi/'.length);
    if (resource === 'activities/state' || resource === 'agents/profile') {
      const key = keyOf(resource, params);
      if (req.method === 'GET') return documents.has(key) ? reply(200, documents.get(key)) : reply(404, '');
      if (req.method === 'PUT' || req.method === 'POST') {
        if (params.stateId === 'LMS.LaunchData') return reply(403, { error: 'LMS.LaunchData belongs to the LMS' });
        JSON.parse(body); // only JSON documents here
        documents.set(key, body);
        return reply(204);
      }
      if (req.method === 'DELETE') { documents.delete(key); return reply(204); }
    }
    if (resource === 'statements' && (req.method === 'PUT' || req.method === 'POST')) {
      const forwarded = await fetch(`${lrsUrl}/xAPI/statements${url.search}`, {
        method: req.method,
        headers: { Authorization: LRS_AUTHORIZATION, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
        body,
      });
      let statement = {};
      try { statement = JSON.parse(body); } catch { /* reported by the LRS */ }
      const answer = await forwarded.text();
      received.push({ method: req.method, id: statement.id, verb: statement.verb?.id, status: forwarded.status, answer });
      return reply(forwarded.status, answer);
    }
    return reply(405, { error: `${req.method} ${resource} is not handled by the test LMS` });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${server.address().port}`;

  const lrsHeaders = { Authorization: LRS_AUTHORIZATION, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };

  /**
   * Prepares a launch as an LMS does (LMS.LaunchData, the learner's
   * preferences, a `launched` statement) and returns { url, registration,
   * sessionId, actor, launchData }. A `registration` given continues that
   * one (a relaunch).
   */
  async function launch({ mode = 'Normal', masteryScore = 0.8, registration = randomUUID(), returnURL = `${base}/return` } = {}) {
    const sessionId = randomUUID();
    const actor = { objectType: 'Agent', name: 'Doe, Jane', account: { homePage: 'https://lms.test', name: 'jane' } };
    const launchData = {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: PUBLISHER_ID }] },
        extensions: { [SESSION_EXTENSION]: sessionId },
      },
      launchMode: mode,
      moveOn: 'CompletedAndPassed',
      returnURL,
    };
    if (masteryScore !== null) launchData.masteryScore = masteryScore;
    const agent = JSON.stringify(actor);
    documents.set(keyOf('activities/state', { activityId: AU_ID, agent, registration, stateId: 'LMS.LaunchData' }), JSON.stringify(launchData));
    documents.set(keyOf('agents/profile', { agent, profileId: 'cmi5LearnerPreferences' }), JSON.stringify({ languagePreference: 'en-US', audioPreference: 'on' }));
    tokens.set(sessionId, { token: Buffer.from(`${sessionId}:${randomUUID()}`).toString('base64'), fetched: false });
    const launched = {
      id: randomUUID(),
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
      object: { objectType: 'Activity', id: AU_ID },
      context: {
        ...JSON.parse(JSON.stringify(launchData.contextTemplate)),
        registration,
        extensions: { [SESSION_EXTENSION]: sessionId, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': mode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'CompletedAndPassed' },
      },
      timestamp: new Date().toISOString(),
    };
    launched.context.contextActivities = { ...launched.context.contextActivities, category: [{ id: CMI5_CATEGORY }] };
    const sent = await fetch(`${lrsUrl}/xAPI/statements`, { method: 'POST', headers: lrsHeaders, body: JSON.stringify(launched) });
    if (!sent.ok) throw new Error(`the LRS refused the launched statement: ${await sent.text()}`);
    const query = new URLSearchParams({
      endpoint: `${base}/xapi/`,
      fetch: `${base}/fetch/${sessionId}`,
      actor: agent,
      registration,
      activityId: AU_ID,
    });
    return { url: `${base}/content/cmi5.html?${query}`, registration, sessionId, actor, launchData };
  }

  return {
    url: base,
    launch,
    received,
    setDown: (value) => { down = value; },
    close: () => new Promise((done) => server.close(done)),
  };
}

/** xAPI problems of `statement` (none: an empty list). */
export function xapiProblems(statement) {
  return validateStatement(statement).map((w) => `${w.path.join('.')}: ${w.message} (${JSON.stringify(w.data)})`);
}

const ISO_DURATION = /^P(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?(?:T(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;

function seconds(duration) {
  const m = duration.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/);
  return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : NaN;
}

/**
 * The statements the AU sent in the session of `launch` (the LMS's own
 * `launched` left out), after checking them against xAPI and the cmi5
 * rules; throws with every problem found.
 */
export function checkSession(all, launch) {
  const problems = [];
  const mine = all.filter((s) => s.context?.extensions?.[SESSION_EXTENSION] === launch.sessionId && s.verb.id !== VERB('launched'));
  const ids = new Set();
  const cmi5Verbs = ['initialized', 'completed', 'passed', 'failed', 'terminated'].map(VERB);
  let passedSeen = false;
  let lastDuration = 0;
  mine.forEach((s, i) => {
    const where = `statement ${i} (${s.verb.id.split('/').pop()})`;
    for (const p of xapiProblems(s)) problems.push(`${where}: ${p}`);
    if (ids.has(s.id)) problems.push(`${where}: sent twice`);
    ids.add(s.id);
    if (s.context?.registration !== launch.registration) problems.push(`${where}: registration is not the launch's`);
    const grouping = s.context?.contextActivities?.grouping || [];
    if (!grouping.some((a) => a.id === PUBLISHER_ID)) problems.push(`${where}: the context template's publisher activity is missing`);
    if (!isDeepStrictEqual(s.actor, launch.actor)) problems.push(`${where}: the actor is not the launch's`);
    const categories = (s.context?.contextActivities?.category || []).map((a) => a.id);
    const isCmi5 = cmi5Verbs.includes(s.verb.id);
    if (isCmi5) {
      if (s.object.id !== AU_ID) problems.push(`${where}: not about the AU`);
      if (!categories.includes(CMI5_CATEGORY)) problems.push(`${where}: no cmi5 category`);
      const moveOn = [VERB('completed'), VERB('passed'), VERB('failed')].includes(s.verb.id);
      if (moveOn !== categories.includes(MOVEON_CATEGORY)) problems.push(`${where}: the moveon category is ${moveOn ? 'missing' : 'not expected'}`);
      if (s.verb.id !== VERB('initialized')) {
        if (!ISO_DURATION.test(s.result?.duration || '')) problems.push(`${where}: no duration`);
        else {
          const d = seconds(s.result.duration);
          if (d < lastDuration) problems.push(`${where}: its duration is shorter than an earlier one's`);
          lastDuration = d;
        }
      }
    } else if (categories.includes(CMI5_CATEGORY)) {
      problems.push(`${where}: an allowed statement with the cmi5 category`);
    }
    if (s.verb.id === VERB('passed') || s.verb.id === VERB('failed')) {
      const mastery = launch.launchData.masteryScore;
      if (mastery !== undefined && s.context?.extensions?.[MASTERY_EXTENSION] !== mastery) problems.push(`${where}: no masteryScore extension of ${mastery}`);
      const scaled = s.result?.score?.scaled;
      if (s.verb.id === VERB('passed')) {
        if (passedSeen) problems.push(`${where}: passed twice`);
        passedSeen = true;
        if (s.result?.success !== true) problems.push(`${where}: success is not true`);
        if (scaled !== undefined && mastery !== undefined && scaled < mastery) problems.push(`${where}: passed under the mastery score`);
      } else {
        if (passedSeen) problems.push(`${where}: failed after passed`);
        if (s.result?.success !== false) problems.push(`${where}: success is not false`);
        if (scaled !== undefined && mastery !== undefined && scaled >= mastery) problems.push(`${where}: failed over the mastery score`);
      }
    }
    if (s.verb.id === VERB('completed') && s.result?.completion !== true) problems.push(`${where}: completion is not true`);
  });
  if (mine[0]?.verb.id !== VERB('initialized')) problems.push('the first statement is not initialized');
  if (mine.at(-1)?.verb.id !== VERB('terminated')) problems.push('the last statement is not terminated');
  if (mine.filter((s) => s.verb.id === VERB('terminated')).length !== 1) problems.push('not exactly one terminated');
  if (mine.filter((s) => s.verb.id === VERB('initialized')).length !== 1) problems.push('not exactly one initialized');
  const stamps = mine.map((s) => s.timestamp);
  if (stamps.some((t, i) => i && t < stamps[i - 1])) problems.push('the statements were not stored in the order they were made');
  if (problems.length) throw new Error(`the session's statements break the rules:\n- ${problems.join('\n- ')}\n${JSON.stringify(mine, null, 1)}`);
  return mine;
}

/** The verbs of `statements`, by their last word: ['initialized', …]. */
export function verbs(statements) {
  return statements.map((s) => s.verb.id.split('/').pop());
}
