// brandcamp in an LMS, the data: how the learner's progress (the object
// progress.js keeps) is saved in cmi.suspend_data, and what is reported from
// it — completion, success, score, progress, session time, exit, and an
// objective per module; and each graded answer as cmi.interactions. Pure
// functions, no DOM: the SCORM launch page uses them as
// window.BrandcampScormData, and the Node tests load this file with require().
//
// cmi.suspend_data is a string of base64url digits (A–Z a–z 0–9 - _, 6 bits
// each). Lessons and quizzes are found by their slot in the course's
// progress.lock (BrandcampToc.lock(), see toc-loader.js), never by
// their place in the course, so that progress saved by an earlier package
// of the course is read by a later one:
//
//   format "2" · the lock's tag (6) · lesson slots covered (3) · lessons
//   seen, 6 slots per digit · number of quiz records (2) · per quiz taken:
//   its slot (2), best in tenths of a percent (2), attempts (2), minute
//   first passed since 1970, 0 if not (5) · certificate name, UTF-8 (≤ 800)
//
// The progress object exchanged with progress.js is its stored form, by id:
// { version: 2, course, lessons: { id: 1 }, quizzes: { id: { …, version } },
// name }; the lock gives each slot's id (and each quiz's version). Data
// saved under another lock (its tag differs) is not used. Data in the
// format before the lock ("1", a hash of the course's layout) is read when
// the course's modules, lessons and quizzes are still those it was saved
// with. The build computes the longest this can get
// (src/scorm/suspend_data.rs) and refuses a course that cannot fit SCORM
// 1.2's 4,096 characters: change both together.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.BrandcampScormData = api;
})(typeof window !== "undefined" ? window : null, function () {
  "use strict";

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var FORMAT = "2";
  var LEGACY_FORMAT = "1";
  var TAG_WIDTH = 6;
  var SLOTS_WIDTH = 3;
  var COUNT_WIDTH = 2;
  var SLOT_WIDTH = 2;
  var LESSONS_PER_DIGIT = 6;
  var BEST_WIDTH = 2;
  var ATTEMPTS_WIDTH = 2;
  var PASSED_WIDTH = 5;
  var QUIZ_WIDTH = SLOT_WIDTH + BEST_WIDTH + ATTEMPTS_WIDTH + PASSED_WIDTH;
  var HEADER_WIDTH = 1 + TAG_WIDTH + SLOTS_WIDTH + COUNT_WIDTH;
  var LEGACY_HASH_WIDTH = 6;
  var LEGACY_QUIZ_WIDTH = BEST_WIDTH + ATTEMPTS_WIDTH + PASSED_WIDTH;
  var NAME_MAX_UNITS = 200; // as progress.js keeps it
  var NAME_MAX_DIGITS = Math.ceil((NAME_MAX_UNITS * 3 * 4) / 3);
  var MINUTE = 60000;

  // --- Digits ---------------------------------------------------------------

  // A whole number in `width` digits, most significant first, capped at the
  // largest the width holds.
  function digits(n, width) {
    var max = Math.pow(64, width) - 1;
    n = Math.max(0, Math.min(max, Math.floor(Number(n) || 0)));
    var out = "";
    for (var i = 0; i < width; i++) {
      out = DIGITS.charAt(n % 64) + out;
      n = Math.floor(n / 64);
    }
    return out;
  }

  // The number written at text[at, at + width), or -1 if a digit is wrong.
  function readDigits(text, at, width) {
    var n = 0;
    for (var i = at; i < at + width; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      if (d < 0) return -1;
      n = n * 64 + d;
    }
    return n;
  }

  function bytesToDigits(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 3) {
      var chunk = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      var count = Math.min(3, bytes.length - i) + 1;
      for (var j = 0; j < count; j++) out += DIGITS.charAt((chunk >> (18 - 6 * j)) & 63);
    }
    return out;
  }

  function digitsToBytes(text) {
    if (text.length % 4 === 1) return null;
    var bytes = [];
    for (var i = 0; i < text.length; i += 4) {
      var group = text.slice(i, i + 4);
      var chunk = 0;
      for (var j = 0; j < 4; j++) {
        var d = j < group.length ? DIGITS.indexOf(group.charAt(j)) : 0;
        if (d < 0) return null;
        chunk = (chunk << 6) | d;
      }
      for (var k = 0; k < group.length - 1; k++) bytes.push((chunk >> (16 - 8 * k)) & 255);
    }
    return new Uint8Array(bytes);
  }

  // --- The course and its lock ---------------------------------------------

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // The lock as toc-loader.js gives it (BrandcampToc.lock()), with safe defaults: the
  // tag, each lesson slot's id and each quiz slot's [id, version], null
  // for a retired slot.
  function lockOf(lock) {
    lock = isObject(lock) ? lock : {};
    return {
      tag: typeof lock.tag === "string" ? lock.tag : "",
      lessons: Array.isArray(lock.lessons) ? lock.lessons : [],
      quizzes: Array.isArray(lock.quizzes) ? lock.quizzes : [],
    };
  }

  // The quiz in `slot` ([id, version]), or null.
  function quizEntry(lock, slot) {
    var entry = lock.quizzes[slot];
    return Array.isArray(entry) && typeof entry[0] === "string" ? entry : null;
  }

  // The record of the quiz in `slot`, if it is of the quiz's version.
  function quizRecord(quizzes, lock, slot) {
    var entry = quizEntry(lock, slot);
    var q = entry && isObject(quizzes[entry[0]]) ? quizzes[entry[0]] : null;
    return q && (Number(q.version) || 1) === entry[1] ? q : null;
  }

  // The slots of the course's quizzes, in course order.
  function quizSlots(toc) {
    var slots = [];
    (toc || []).forEach(function (m) {
      if (m.quiz && typeof m.quiz_slot === "number") slots.push(m.quiz_slot);
    });
    return slots;
  }

  function emptyProgress(key) {
    return { version: 2, course: key, lessons: {}, quizzes: {}, name: "" };
  }

  // The quiz in `slot` gets `record`, marked with the quiz's version.
  function putQuiz(progress, lock, slot, record) {
    var entry = quizEntry(lock, slot);
    if (!entry) return;
    record.version = entry[1];
    progress.quizzes[entry[0]] = record;
  }

  // --- suspend_data ---------------------------------------------------------

  function quizDigits(q) {
    var passed = 0;
    if (q.passed) {
      var at = Date.parse(q.passedAt);
      passed = Math.max(1, Math.floor((isFinite(at) ? at : Date.now()) / MINUTE));
    }
    return digits(Math.min(1000, Math.floor(10 * (Number(q.best) || 0) + 1e-6)), BEST_WIDTH) +
      digits(q.attempts, ATTEMPTS_WIDTH) +
      digits(passed, PASSED_WIDTH);
  }

  // Reads a quiz record at `at`; null if a digit is wrong, false if empty.
  function readQuiz(text, at) {
    var best = readDigits(text, at, BEST_WIDTH);
    var attempts = readDigits(text, at + BEST_WIDTH, ATTEMPTS_WIDTH);
    var passed = readDigits(text, at + BEST_WIDTH + ATTEMPTS_WIDTH, PASSED_WIDTH);
    if (best < 0 || best > 1000 || attempts < 0 || passed < 0) return null;
    if (!best && !attempts && !passed) return false;
    var record = { attempts: attempts, best: best / 10, passed: passed > 0 };
    if (passed) record.passedAt = new Date(passed * MINUTE).toISOString();
    return record;
  }

  function readName(text, progress) {
    if (!text) return true;
    var bytes = digitsToBytes(text);
    if (!bytes) return false;
    try {
      progress.name = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (e) {
      return false;
    }
    return true;
  }

  // The stored progress (see above) as cmi.suspend_data. Lessons and
  // quizzes that are not in the course are left out; scores keep a tenth of
  // a percent, dates a minute.
  function encode(progress, toc, lock) {
    lock = lockOf(lock);
    var lessons = isObject(progress) && isObject(progress.lessons) ? progress.lessons : {};
    var quizzes = isObject(progress) && isObject(progress.quizzes) ? progress.quizzes : {};
    var slots = lock.lessons.length;
    var out = FORMAT + (lock.tag + "AAAAAA").slice(0, TAG_WIDTH) + digits(slots, SLOTS_WIDTH);
    for (var i = 0; i < slots; i += LESSONS_PER_DIGIT) {
      var bits = 0;
      for (var j = 0; j < LESSONS_PER_DIGIT && i + j < slots; j++) {
        var id = lock.lessons[i + j];
        if (typeof id === "string" && lessons[id]) bits |= 1 << j;
      }
      out += DIGITS.charAt(bits);
    }
    var records = "";
    var count = 0;
    quizSlots(toc).forEach(function (slot) {
      var q = quizRecord(quizzes, lock, slot);
      if (!q) return;
      records += digits(slot, SLOT_WIDTH) + quizDigits(q);
      count += 1;
    });
    out += digits(count, COUNT_WIDTH) + records;
    var name = isObject(progress) && typeof progress.name === "string" ? progress.name.slice(0, NAME_MAX_UNITS) : "";
    if (name) out += bytesToDigits(new TextEncoder().encode(name));
    return out;
  }

  // cmi.suspend_data back into the stored progress, or null when there is
  // none, or it is damaged, or it was saved under another lock.
  function decode(text, key, toc, lock) {
    if (typeof text !== "string") return null;
    if (text.charAt(0) === LEGACY_FORMAT) return decodeLegacy(text, key, toc, lock);
    lock = lockOf(lock);
    if (text.charAt(0) !== FORMAT || text.length < HEADER_WIDTH) return null;
    if (!lock.tag || text.slice(1, 1 + TAG_WIDTH) !== lock.tag) return null;
    var progress = emptyProgress(key);
    var at = 1 + TAG_WIDTH;
    var slots = readDigits(text, at, SLOTS_WIDTH);
    at += SLOTS_WIDTH;
    if (slots < 0 || slots > lock.lessons.length) return null;
    for (var i = 0; i < slots; i += LESSONS_PER_DIGIT, at++) {
      var bits = readDigits(text, at, 1);
      if (bits < 0) return null;
      for (var j = 0; j < LESSONS_PER_DIGIT && i + j < slots; j++) {
        var id = lock.lessons[i + j];
        if (bits & (1 << j) && typeof id === "string") progress.lessons[id] = 1;
      }
    }
    var count = readDigits(text, at, COUNT_WIDTH);
    at += COUNT_WIDTH;
    if (count < 0 || at + count * QUIZ_WIDTH > text.length) return null;
    for (var q = 0; q < count; q++, at += QUIZ_WIDTH) {
      var slot = readDigits(text, at, SLOT_WIDTH);
      var record = readQuiz(text, at + SLOT_WIDTH);
      if (slot < 0 || record === null) return null;
      if (record) putQuiz(progress, lock, slot, record);
    }
    return readName(text.slice(at), progress) ? progress : null;
  }

  // FNV-1a, 32 bits, over UTF-16 code units.
  function fnv1a(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // Format "1", from packages made before the lock: fixed widths in course
  // order, after a hash of the course's layout. It is read when the layout
  // is still the one it was saved with; each lesson and quiz then goes to
  // its slot (a quiz only if it is still at its first version: the format
  // knew no other).
  function decodeLegacy(text, key, toc, lock) {
    lock = lockOf(lock);
    var lessons = [];
    var quizzes = [];
    var shape = [String(key)];
    (toc || []).forEach(function (m) {
      var slugs = (m.lessons || []).map(function (l) { return l[0]; });
      (m.lessons || []).forEach(function (l) { lessons.push(lock.lessons[l[2]]); });
      if (m.quiz) {
        var entry = quizEntry(lock, m.quiz_slot);
        quizzes.push(entry && entry[1] === 1 ? m.quiz_slot : null);
      }
      shape.push(m.slug + ":" + slugs.join(",") + (m.quiz ? "?" : ""));
    });
    var fixed = 1 + LEGACY_HASH_WIDTH + Math.ceil(lessons.length / LESSONS_PER_DIGIT) + LEGACY_QUIZ_WIDTH * quizzes.length;
    if (text.length < fixed || text.slice(1, 1 + LEGACY_HASH_WIDTH) !== digits(fnv1a(shape.join("\n")), LEGACY_HASH_WIDTH)) return null;
    var progress = emptyProgress(key);
    var at = 1 + LEGACY_HASH_WIDTH;
    for (var i = 0; i < lessons.length; i += LESSONS_PER_DIGIT, at++) {
      var bits = readDigits(text, at, 1);
      if (bits < 0) return null;
      for (var j = 0; j < LESSONS_PER_DIGIT && i + j < lessons.length; j++) {
        if (bits & (1 << j) && typeof lessons[i + j] === "string") progress.lessons[lessons[i + j]] = 1;
      }
    }
    for (var q = 0; q < quizzes.length; q++, at += LEGACY_QUIZ_WIDTH) {
      var record = readQuiz(text, at);
      if (record === null) return null;
      if (record && quizzes[q] !== null) putQuiz(progress, lock, quizzes[q], record);
    }
    return readName(text.slice(at), progress) ? progress : null;
  }

  // The longest cmi.suspend_data of a course: every lesson slot seen, every
  // quiz taken, the longest name (3 UTF-8 bytes per code unit).
  function worstCaseLength(toc, lock) {
    lock = lockOf(lock);
    return HEADER_WIDTH + Math.ceil(lock.lessons.length / LESSONS_PER_DIGIT) +
      QUIZ_WIDTH * quizSlots(toc).length + NAME_MAX_DIGITS;
  }

  // The learner's name as the LMS gives it ("Doe, Jane" in most LMSs) as
  // it reads on a certificate ("Jane Doe").
  function learnerName(raw) {
    var name = String(raw || "").replace(/\s+/g, " ").trim();
    var parts = name.split(",");
    if (parts.length === 2 && parts[0].trim() && parts[1].trim()) name = parts[1].trim() + " " + parts[0].trim();
    return name.slice(0, NAME_MAX_UNITS);
  }

  // --- What is reported -----------------------------------------------------

  // Where the learner stands. A module is complete when its lessons are
  // read and its quiz (if any) passed, as in progress.js; the course is
  // finished when every module is. The score is the average of the graded
  // quizzes' best scores (a quiz not taken counts 0), in percent to two
  // decimals, and null until a quiz is taken.
  function standing(progress, toc, lock) {
    lock = lockOf(lock);
    var lessons = isObject(progress) && isObject(progress.lessons) ? progress.lessons : {};
    var quizzes = isObject(progress) && isObject(progress.quizzes) ? progress.quizzes : {};
    var totalLessons = 0, seen = 0, complete = 0, graded = 0, taken = 0, passed = 0, bestSum = 0;
    (toc || []).forEach(function (m) {
      var mine = (m.lessons || []).filter(function (l) {
        var id = lock.lessons[l[2]];
        return typeof id === "string" && !!lessons[id];
      }).length;
      totalLessons += (m.lessons || []).length;
      seen += mine;
      var q = m.quiz ? quizRecord(quizzes, lock, m.quiz_slot) : null;
      if (m.quiz) {
        graded += 1;
        if (q) taken += 1;
        if (q && q.passed) passed += 1;
        bestSum += q ? Math.max(0, Math.min(100, Number(q.best) || 0)) : 0;
      }
      if (mine === (m.lessons || []).length && (!m.quiz || (q && q.passed))) complete += 1;
    });
    var steps = totalLessons + graded;
    var finished = !!toc && toc.length > 0 && complete === toc.length;
    return {
      finished: finished,
      // Lessons read and quizzes passed, of all there are: 0 to 1.
      progress: finished ? 1 : steps ? Math.floor((1000 * (seen + passed)) / steps) / 1000 : 0,
      graded: graded,
      passed: graded > 0 && passed === graded,
      // Every quiz taken, and one is not passed (yet: it may be retried).
      failed: graded > 0 && taken === graded && passed < graded,
      score: taken ? Math.floor((100 * bestSum) / graded + 1e-6) / 100 : null,
    };
  }

  // The data model elements to set for a standing, as [element, value]
  // pairs, in the spelling of SCORM `version` ("1.2" or "2004").
  function cmiValues(version, s) {
    var values = [];
    if (version === "2004") {
      values.push(["cmi.completion_status", s.finished ? "completed" : "incomplete"]);
      values.push(["cmi.success_status", s.passed ? "passed" : s.failed ? "failed" : "unknown"]);
      values.push(["cmi.progress_measure", String(s.progress)]);
      if (s.score !== null) {
        values.push(["cmi.score.min", "0"]);
        values.push(["cmi.score.max", "100"]);
        values.push(["cmi.score.raw", String(s.score)]);
        values.push(["cmi.score.scaled", String(Math.round(100 * s.score) / 10000)]);
      }
    } else {
      // One status says it all in 1.2: passed (or completed, in a course
      // without quizzes) once finished, failed while a quiz is not passed
      // after every quiz was taken, incomplete otherwise.
      var status = s.finished ? (s.graded ? "passed" : "completed") : s.failed ? "failed" : "incomplete";
      values.push(["cmi.core.lesson_status", status]);
      if (s.score !== null) {
        values.push(["cmi.core.score.min", "0"]);
        values.push(["cmi.core.score.max", "100"]);
        values.push(["cmi.core.score.raw", String(s.score)]);
      }
    }
    return values;
  }

  // How the learner leaves: to come back to where they were until the
  // course is finished, then a normal exit.
  function exitValue(version, finished) {
    if (!finished) return "suspend";
    return version === "2004" ? "normal" : "";
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  // A session's length: 1.2 "HHHH:MM:SS.SS", 2004 an ISO 8601 duration
  // ("PT1H2M3.4S").
  function sessionTime(version, milliseconds) {
    var cs = Math.max(0, Math.floor((Number(milliseconds) || 0) / 10));
    var hours = Math.floor(cs / 360000);
    var minutes = Math.floor(cs / 6000) % 60;
    var seconds = Math.floor(cs / 100) % 60;
    var hundredths = cs % 100;
    if (version === "2004") {
      var out = "PT";
      if (hours) out += hours + "H";
      if (minutes) out += minutes + "M";
      if (seconds || hundredths || out === "PT") {
        out += seconds + (hundredths ? "." + pad(hundredths, 2).replace(/0$/, "") : "") + "S";
      }
      return out;
    }
    if (hours > 9999) return "9999:59:59.99";
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(hundredths, 2);
  }

  // --- Answers and modules ----------------------------------------------------

  // Each graded answer is a new cmi.interactions entry (a journal: a
  // question answered in three attempts has three entries with one id), and
  // each module one cmi.objectives entry, kept up to date. The values come
  // from interactions.js's records, written in each version's formats:
  // SCORM 1.2 RTE 3.4.2.7 (CMIFeedback: single characters for choices, 255
  // characters at most) and SCORM 2004 4th edition RTE 4.1.6 (typed
  // characterstrings with [,] [.] [:] delimiters and {lang=…} prefixes).
  // What does not fit is cut, and says so with "…"; docs/scorm.md lists it.

  // 1.2's identifiers for the choices, items and sides of a question, by
  // their place in the author's list: a–z, then 0–9.
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  var LIMITS = {
    "1.2": { id: 255, feedback: 255 },
    "2004": { id: 4000, description: 250, fillIn: 250, longFillIn: 4000 },
  };

  // At most `max` UTF-16 code units, a cut marked "…" (and never through
  // a surrogate pair).
  function cut(text, max) {
    text = String(text);
    if (text.length <= max) return text;
    var end = max - 1;
    var last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return text.slice(0, end) + "…";
  }

  // One line: line breaks and runs of spaces as one space (a report shows
  // one line, and some runtimes refuse line breaks in these strings).
  function oneLine(text) {
    return String(text == null ? "" : text).replace(/\s+/g, " ").trim();
  }

  // A number as CMIDecimal / real(10,7) writes it: no exponent, at most 7
  // decimals.
  function decimal(n) {
    n = Number(n);
    if (!isFinite(n)) return "0";
    var text = n.toFixed(7).replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" ? "0" : text;
  }

  // An identifier of URI characters, no spaces: the parts, each
  // percent-encoded, joined with "/"; too long, cut and ended with a hash
  // of the whole so that it stays distinct.
  function identifier(parts, max) {
    var id = parts.map(function (p) { return encodeURIComponent(String(p)); }).join("/");
    if (id.length <= max) return id;
    return id.slice(0, max - 9) + "-" + ("0000000" + fnv1a(id).toString(16)).slice(-8);
  }

  // The time of day in 1.2's CMITime, on the learner's clock: "14:05:09.25".
  function clockTime(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2) + "." +
      pad(Math.floor(date.getMilliseconds() / 10), 2);
  }

  // 2004's time(second,10,0), in UTC to the hundredth: "2024-05-06T07:08:09.34Z".
  function timestamp(date) {
    return date.toISOString().slice(0, 22) + "Z";
  }

  // The place of each id in `list` ([{id}]), as 1.2's letter.
  function letters(list) {
    var out = {};
    (list || []).forEach(function (item, i) { if (i < LETTERS.length) out[item.id] = LETTERS.charAt(i); });
    return out;
  }

  // A record's response or right answer in 1.2's CMIFeedback; null when
  // there is nothing to write.
  function feedback12(record, value) {
    if (value === null || value === undefined) return null;
    var max = LIMITS["1.2"].feedback;
    switch (record.type) {
      case "choice":
      case "sequencing":
        var place = letters(record.choices);
        var picked = value.map(function (id) { return place[id]; }).filter(Boolean);
        return picked.length ? picked.join(",") : null;
      case "matching":
        var left = letters(record.source), right = letters(record.target);
        var pairs = value.filter(function (p) { return left[p[0]] && right[p[1]]; })
          .map(function (p) { return left[p[0]] + "." + right[p[1]]; });
        return pairs.length ? pairs.join(",") : null;
      case "true-false":
        return value ? "t" : "f";
      case "numeric":
        if (typeof value === "number") return decimal(value);
        // 1.2 has no ranges: the answer itself, the middle of its tolerance.
        return "exact" in value ? decimal(value.exact) : decimal((value.min + value.max) / 2);
      default:
        var text = oneLine(value);
        return text ? cut(text, max) : null;
    }
  }

  // Text in 2004 with its language: "{lang=en}…", without the reserved
  // delimiters, at most `max` characters after the prefix.
  function langString(text, lang, max) {
    text = oneLine(text).replace(/\[([,.:])\]/g, "$1");
    return (lang ? "{lang=" + lang + "}" : "") + cut(text, max);
  }

  // A record's response or right answer in 2004's typed characterstrings;
  // null when there is nothing to write.
  function pattern2004(record, value, lang) {
    if (value === null || value === undefined) return null;
    var limits = LIMITS["2004"];
    switch (record.type) {
      case "choice":
      case "sequencing":
        return value.length ? value.join("[,]") : null;
      case "matching":
        return value.length ? value.map(function (p) { return p[0] + "[.]" + p[1]; }).join("[,]") : null;
      case "true-false":
        return value ? "true" : "false";
      case "numeric":
        if (typeof value === "number") return decimal(value);
        if ("exact" in value) return decimal(value.exact) + "[:]" + decimal(value.exact);
        return decimal(value.min) + "[:]" + decimal(value.max);
      case "fill-in":
        return oneLine(value) ? langString(value, lang, limits.fillIn) : null;
      case "long-fill-in":
        return oneLine(value) ? langString(value, lang, limits.longFillIn) : null;
      default:
        return cut(typeof value === "string" ? value : JSON.stringify(value), limits.longFillIn);
    }
  }

  function result(version, success) {
    if (success === true) return "correct";
    if (success === false) return version === "2004" ? "incorrect" : "wrong";
    return "neutral";
  }

  // The elements of one interaction, after "cmi.interactions.n.", in the
  // order they must be set (the id first, the type before the responses):
  // [[element, value]…]. `info` is the attempt (progress.js's
  // reportAttempt), `record` one of its answers, `lang` the course's
  // language.
  function interactionValues(version, info, record, lang) {
    var values = [];
    var at = new Date(Date.parse(record.timestamp) || 0);
    var latency = Math.max(0, Number(record.latencyMs) || 0);
    var weight = decimal(Number(record.points) > 0 ? record.points : 1);
    if (version === "2004") {
      values.push(["id", identifier([info.quiz, record.id], LIMITS["2004"].id)]);
      values.push(["type", record.type]);
      values.push(["objectives.0.id", identifier([info.module], LIMITS["2004"].id)]);
      // When the question was shown.
      values.push(["timestamp", timestamp(new Date(at.getTime() - latency))]);
      values.push(["weighting", weight]);
      var right = pattern2004(record, record.correct, lang);
      if (right !== null) values.push(["correct_responses.0.pattern", right]);
      var given = pattern2004(record, record.response, lang);
      if (given !== null) values.push(["learner_response", given]);
      values.push(["result", result(version, record.success)]);
      values.push(["latency", sessionTime("2004", latency)]);
      if (record.description) values.push(["description", langString(record.description, lang, LIMITS["2004"].description)]);
      return values;
    }
    values.push(["id", identifier([info.quiz, record.id], LIMITS["1.2"].id)]);
    values.push(["objectives.0.id", identifier([info.module], LIMITS["1.2"].id)]);
    values.push(["time", clockTime(at)]);
    // 1.2 has no long-fill-in: a post is a fill-in, cut to 255 characters.
    var type = record.type === "long-fill-in" ? "fill-in" : record.type;
    if (type !== "other") values.push(["type", type]);
    var correct = type === "other" ? null : feedback12(record, record.correct);
    if (correct !== null) values.push(["correct_responses.0.pattern", correct]);
    values.push(["weighting", weight]);
    var response = type === "other" ? null : feedback12(record, record.response);
    if (response !== null) values.push(["student_response", response]);
    values.push(["result", result(version, record.success)]);
    values.push(["latency", sessionTime("1.2", latency)]);
    return values;
  }

  // Each module's objective: its id (the module's slug) and the elements
  // after "cmi.objectives.n." ([[element, value]…], the id first). A module
  // is completed when its lessons are read and its quiz passed (as in
  // progress.js), passed or failed by its quiz's best attempt so far; its
  // score is the quiz's best, in percent.
  function objectives(version, progress, toc, lock) {
    lock = lockOf(lock);
    var lessons = isObject(progress) && isObject(progress.lessons) ? progress.lessons : {};
    var quizzes = isObject(progress) && isObject(progress.quizzes) ? progress.quizzes : {};
    return (toc || []).map(function (m) {
      var all = m.lessons || [];
      var seen = all.filter(function (l) {
        var id = lock.lessons[l[2]];
        return typeof id === "string" && !!lessons[id];
      }).length;
      var q = m.quiz ? quizRecord(quizzes, lock, m.quiz_slot) : null;
      var complete = seen === all.length && (!m.quiz || !!(q && q.passed));
      var started = seen > 0 || !!q;
      var id = identifier([m.slug], LIMITS[version === "2004" ? "2004" : "1.2"].id);
      var values = [["id", id]];
      var best = q ? Math.max(0, Math.min(100, Number(q.best) || 0)) : null;
      if (best !== null) {
        values.push(["score.min", "0"]);
        values.push(["score.max", "100"]);
        values.push(["score.raw", decimal(best)]);
      }
      if (version === "2004") {
        if (best !== null) values.push(["score.scaled", decimal(best / 100)]);
        values.push(["success_status", q ? (q.passed ? "passed" : "failed") : "unknown"]);
        values.push(["completion_status", complete ? "completed" : started ? "incomplete" : "not attempted"]);
      } else {
        var status = q && q.passed ? "passed" : complete ? "completed" : q ? "failed" : started ? "incomplete" : "not attempted";
        values.push(["status", status]);
      }
      return { id: id, values: values };
    });
  }

  return {
    interactionValues: interactionValues,
    objectives: objectives,
    encode: encode,
    decode: decode,
    worstCaseLength: worstCaseLength,
    learnerName: learnerName,
    emptyProgress: emptyProgress,
    standing: standing,
    cmiValues: cmiValues,
    exitValue: exitValue,
    sessionTime: sessionTime,
  };
});
