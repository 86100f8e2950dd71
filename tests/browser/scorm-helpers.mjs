// Helpers for the SCORM tests: building a package, reading its zip (a small
// reader of our own, so the zip is checked by a second implementation), and
// an "LMS" page that runs the package with scorm-again, the LMS-side SCORM
// runtime, and records what the package tells it.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { REPO_ROOT, brandcampBin } from './lib.mjs';

const require = createRequire(import.meta.url);

export const SCORM_FIXTURE = 'tests/fixtures/scorm-course';

const tempDirs = [];
process.on('exit', () => {
  if (process.env.BRANDCAMP_KEEP_OUT === '1') return;
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the tests end. */
export function tempDir(prefix = 'brandcamp-scorm-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Runs `brandcamp build <course> --scorm <version>` and returns
 * { site, zip, stderr } (the zip written with --scorm-out in a temp folder).
 */
export function buildPackage(courseDir, version) {
  const dir = tempDir();
  const site = join(dir, 'site');
  const zip = join(dir, 'package.zip');
  const argv = ['build', resolve(REPO_ROOT, courseDir), '--out', site, '--scorm', version, '--scorm-out', zip];
  const run = spawnSync(brandcampBin(), argv, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`brandcamp ${argv.join(' ')} exited with ${run.status}\n${run.stdout}\n${run.stderr}`);
  }
  return { site, zip, stderr: run.stderr };
}

/**
 * The entries of a zip file, in their order: [{ name, data (Buffer), method,
 * time, date }]. Reads the central directory, checks each entry's CRC-32.
 */
export function readZip(path) {
  const zip = readFileSync(path);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${path}: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`${path}: bad local header for ${name}`);
    const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(start, start + compressedSize);
    let data;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${path}: ${name} uses compression method ${method}`);
    if (crc32(data) !== crc) throw new Error(`${path}: ${name} fails its CRC check`);
    entries.push({ name, data, method, time, date });
  }
  return entries;
}

/** Writes the entries of a zip into dir. */
export function unzipTo(zipPath, dir) {
  for (const entry of readZip(zipPath)) {
    const file = join(dir, entry.name);
    if (!resolve(file).startsWith(resolve(dir))) throw new Error(`${entry.name} leaves the folder`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
}

// The LMS page: it creates the API object the SCORM way (window.API or
// window.API_1484_11, with scorm-again), seeds it with the cmi values of a
// previous session if given, records every call the package makes, then
// shows the package's launch page in a frame, as an LMS player does.
const LMS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test LMS</title>
<style>html, body { margin: 0; height: 100%; } iframe { display: block; border: 0; width: 100%; height: 100%; }</style>
</head>
<body>
<script src="scorm-again.js"></script>
<script>
window.lmsLog = [];
window.launch = function (version, initial) {
  var api;
  var record = function (what) { return function (element, value) { lmsLog.push([what, element, value]); }; };
  if (version === "2004") {
    api = new Scorm2004API({ logLevel: 4 });
    api.on("Initialize", record("initialize"));
    api.on("Terminate", record("terminate"));
    api.on("Commit", record("commit"));
    api.on("SetValue.cmi.*", record("set"));
    window.API_1484_11 = api;
  } else {
    api = new Scorm12API({ logLevel: 4 });
    api.on("LMSInitialize", record("initialize"));
    api.on("LMSFinish", record("terminate"));
    api.on("LMSCommit", record("commit"));
    api.on("LMSSetValue.cmi.*", record("set"));
    window.API = api;
  }
  if (initial) api.loadFromFlattenedJSON(initial);
  var frame = document.createElement("iframe");
  frame.id = "sco";
  frame.title = "Course";
  frame.src = "package/scorm.html";
  document.body.appendChild(frame);
};
// The learner closes the course: the player leaves the launch page.
window.closeCourse = function () {
  document.getElementById("sco").src = "about:blank";
};
</script>
</body>
</html>
`;

/**
 * A folder to serve: the LMS page (lms.html), scorm-again's browser bundle,
 * and the package unzipped in package/.
 */
export function lmsFolder(zipPath) {
  const dir = tempDir('brandcamp-lms-');
  writeFileSync(join(dir, 'lms.html'), LMS_PAGE);
  // The package's own entry point is dist/scorm-again.js; its minified twin sits beside it.
  copyFileSync(join(dirname(require.resolve('scorm-again')), 'scorm-again.min.js'), join(dir, 'scorm-again.js'));
  unzipTo(zipPath, join(dir, 'package'));
  return dir;
}

/** The last value the package set for each element, from the LMS's log. */
export function lastValues(log) {
  const values = {};
  for (const [what, element, value] of log) if (what === 'set') values[element] = value;
  return values;
}

/** How many times the package made a call ('initialize', 'commit', 'terminate'). */
export function calls(log, what) {
  return log.filter((entry) => entry[0] === what).length;
}
