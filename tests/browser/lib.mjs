// Shared helpers for the browser tests of brandcamp.
//
// The tests build a course with the release binary, then open the generated
// site in headless Chromium (playwright-core driving Debian's /usr/bin/chromium),
// either straight from disk (file://) or through a tiny local HTTP server.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(HERE, '..', '..');

/** Where screenshot() writes its PNGs (git-ignored). */
export const SCREENSHOT_DIR = join(HERE, 'screenshots');

/** Chromium binary; CHROMIUM_PATH overrides the Debian default. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Headless flags: the background-networking ones stop Chromium from trying to
// reach Google services, which would flood the log with refused connections.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Temp dirs made by buildCourse() are removed when the test process exits,
// unless BRANDCAMP_KEEP_OUT=1 (handy for looking at a failing build).
const tempDirs = [];
process.on('exit', () => {
  if (process.env.BRANDCAMP_KEEP_OUT === '1') return;
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Absolute path of target/release/brandcamp; throws if it has not been built. */
export function brandcampBin() {
  const bin = join(REPO_ROOT, 'target', 'release', 'brandcamp');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`cargo build --release\` (or \`bash scripts/test.sh\`) first`);
  }
  return bin;
}

/**
 * Runs `brandcamp build <courseDir> --out <fresh temp dir> ...args` and returns
 * the output dir. courseDir is absolute or relative to the repo root.
 * Throws with the command's stdout and stderr if it exits non-zero.
 */
export function buildCourse(courseDir, { args = [] } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'brandcamp-site-'));
  tempDirs.push(out);
  const argv = ['build', resolve(REPO_ROOT, courseDir), '--out', out, ...args];
  const run = spawnSync(brandcampBin(), argv, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(
      `brandcamp ${argv.join(' ')} exited with ${run.status ?? run.signal}\n` +
        `--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`,
    );
  }
  return out;
}

/** Launches headless Chromium. Close it with `await browser.close()`. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page in a fresh browser context (own storage, own viewport).
 * Extra options go to browser.newContext(), e.g. { javaScriptEnabled: false }
 * or { reducedMotion: 'reduce' }.
 */
export async function newPage(browser, { width = 1280, height = 800, colorScheme = 'light', ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, ...contextOptions });
  const page = await context.newPage();
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (String(url).startsWith('file:')) await agreeWithStorage(page, { reloadAfter: 3000, giveUpAfter: 6000 });
    return response;
  };
  return page;
}

/**
 * Waits until the file:// page `page` and a second, empty page see the
 * same stored data (every file:// page shares one storage; a write reaches
 * the others once the browser process holds it). On a loaded machine
 * Chromium now and then opens a file:// page with a view of the storage
 * that misses what the page before saved and does not catch up: after
 * `reloadAfter` ms the page is reloaded, as a learner would (its script
 * reads the storage again and saves what it adds to what is there).
 * After `giveUpAfter` ms it throws when `must`, else lets the test go on
 * and judge the page.
 *
 * `newPage` runs it after every file:// `page.goto` (a page opened with
 * what was saved before it); `settle` after a write (the write saved
 * before the test navigates).
 */
export async function agreeWithStorage(page, { reloadAfter, giveUpAfter, must = false }) {
  const entries = () => JSON.stringify(Object.entries(localStorage).sort());
  const other = await page.context().newPage();
  try {
    await other.goto(blankFileUrl());
    for (let waited = 0; ; waited += 100) {
      // The page may still be writing: compare with what it holds now, each time.
      const [here, there] = [await page.evaluate(entries), await other.evaluate(entries)];
      if (here === there) return;
      if (waited >= giveUpAfter) {
        if (must) throw new Error(`a second page still sees other stored data after ${giveUpAfter / 1000} s:\n${here}\n${there}`);
        return;
      }
      if (waited === reloadAfter) await page.reload();
      await other.waitForTimeout(100);
    }
  } catch (error) {
    // A page that cannot be read (scripts off, navigated away): nothing to compare.
    if (must) throw error;
  } finally {
    await other.close();
  }
}

let blankFile = null;
/** An empty HTML file, to read file:// storage from without running a course page. */
function blankFileUrl() {
  if (!blankFile) {
    const dir = mkdtempSync(join(tmpdir(), 'brandcamp-blank-'));
    tempDirs.push(dir);
    blankFile = pathToFileURL(join(dir, 'blank.html')).href;
    writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>blank</title>');
  }
  return blankFile;
}

/**
 * file:// URL of relPath inside dir. A trailing ?query or #hash on relPath is
 * kept as such, e.g. fileUrl(out, 'lessons/intro.html#quiz').
 */
export function fileUrl(dir, relPath = 'index.html') {
  const [, path, suffix] = relPath.match(/^([^?#]*)(.*)$/s);
  return pathToFileURL(join(resolve(dir), path)).href + suffix;
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Serves dir over HTTP on 127.0.0.1 with a free port, under `prefix` (default
 * '/'), so a test can check the site works below any sub-path. Directories
 * serve their index.html; anything else is a 404. Returns
 * { url, close, notFound }: url ends with the prefix, close() is async,
 * notFound lists the request paths that got a 404.
 */
export async function serveDir(dir, { prefix = '/' } = {}) {
  const root = resolve(dir);
  prefix = ('/' + prefix + '/').replace(/\/+/g, '/');
  const notFound = [];

  const server = createServer((req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const miss = () => {
      // Chromium asks every origin for /favicon.ico by itself when a page names
      // no icon; answer that probe with an empty 204 so it is no console error.
      if (path === '/favicon.ico') return send(204, {}, '');
      notFound.push(path);
      send(404, { 'content-type': 'text/plain; charset=utf-8' }, `404 Not Found: ${path}\n`);
    };

    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { allow: 'GET, HEAD' }, '');
    if (path + '/' === prefix) return send(301, { location: prefix }, '');
    if (!path.startsWith(prefix)) return miss();

    let file = resolve(root, '.' + sep + path.slice(prefix.length));
    if (file !== root && !file.startsWith(root + sep)) return miss(); // no escaping the root
    let stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!path.endsWith('/')) return send(301, { location: encodeURI(path + '/') }, '');
      file = join(file, 'index.html');
      stat = statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) return miss();
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    send(200, { 'content-type': type }, readFileSync(file));
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  const close = () =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  return { url, close, notFound };
}

/**
 * Returns an array that fills with the page's console errors and uncaught
 * exceptions (failed resource loads show up as console errors too).
 * Call it before page.goto(); a test then asserts the array stays empty.
 */
export function collectPageErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    errors.push(`console.error: ${msg.text()}${url ? ` (${url}:${lineNumber + 1})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.stack || err.message}`));
  return errors;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the current page for WCAG 2.0/2.1 A and AA and returns the
 * violations (an empty array means none). options go to axe.run(), e.g.
 * { rules: { 'color-contrast': { enabled: false } } }.
 */
export async function runAxe(page, options = {}) {
  // evaluate() is not subject to the page's Content-Security-Policy, unlike a <script> tag.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (opts) => window.axe.run(document, opts).then((r) => r.violations),
    { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'], ...options },
  );
}

/** One readable line per violated node, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} -> ${n.target.join(' ')}`))
    .join('\n');
}

/**
 * Saves a PNG as tests/browser/screenshots/<name>.png and returns its path:
 * the full page, or with { fullPage: false } what the first screen shows.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
