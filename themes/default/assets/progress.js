// brandcamp learner progress: lessons seen, quiz attempts and best scores,
// modules complete and locked, "resume", "reset progress", and the notices
// that say so. No dependencies; works from file://.
//
// Storage goes through one small object, window.BrandcampStore, with
// get(key) -> string|null, set(key, string) and remove(key). It is
// localStorage by default; an LMS adapter (SCORM) may set its own
// window.BrandcampStore at any time before a page reads or writes progress.
//
// Pages work with lessons by "module/lesson" slug and quizzes by module
// slug; what is stored names them by their stable id (by default the same
// names; see progress.lock and BrandcampToc.lock(), toc-loader.js), and
// each quiz record carries the quiz's version:
//   { version: 2, course, lessons: { id: 1 },
//     quizzes: { id: { attempts, best, passed, passedAt, version, … } }, name }
// A name the course no longer uses is read through the lock's former ids
// (`was:`) or, failing that, as the slug of a lesson now; a quiz record of
// another version is dropped (the author reset that quiz). Progress stored
// before ids (version 1, by slug, every quiz at version 1) is read the
// same way; everything is stored anew at the next save.
//
// A page may know only part of the course (the groups of the table of
// contents it loaded, see toc-loader.js): what is stored under names it
// cannot read is kept as it is and saved again with the rest, so that no
// page ever loses progress made elsewhere in the course. It is dropped only
// by a page that knows the whole course (then those names are no longer in
// it). What needs the whole course (resume, the next step after a quiz,
// the certificate, the course's percentage) is asked for through
// whenComplete(callback), which loads what is missing first.
//
// Everything the learner sees is inserted with textContent or built as DOM.
(function () {
  "use strict";
  var VERSION = 2;
  var body = document.body;
  var KEY = body.getAttribute("data-course") || "brandcamp";
  var root = body.getAttribute("data-root") || "";
  var strings = window.BRANDCAMP_STRINGS || {};
  var T = window.BrandcampToc;
  var toc = [];  // the modules this page knows, in course order

  function t(key, args) {
    if (window.BrandcampText) return window.BrandcampText.format(strings, key, args);
    return strings[key] || key;
  }

  var localStore = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* storage may be off */ }
    },
  };
  // In an LMS, the SCORM package's launch page (scorm.html) shows this page
  // in its frame and offers a store that keeps progress in the LMS.
  if (!window.BrandcampStore) {
    try {
      var lms = window.parent !== window && window.parent.BrandcampLms;
      if (lms && lms.store) window.BrandcampStore = lms.store;
    } catch (e) { /* a parent from another origin: no LMS of ours */ }
  }
  if (!window.BrandcampStore) window.BrandcampStore = localStore;
  function store() { return window.BrandcampStore || localStore; }

  function empty() {
    return { version: VERSION, course: KEY, lessons: {}, quizzes: {}, name: "" };
  }

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // --- Stored form ----------------------------------------------------------

  // Each lesson ("module/lesson") and quiz (module slug) this page knows
  // and its id; and every name saved progress may use for them: ids,
  // former ids, and slugs. Learnt again when more of the course arrives.
  var lessonId, quizId, quizVersion, lessonByName, quizByName;
  function know(names, name, value) {
    if (typeof name === "string" && !Object.prototype.hasOwnProperty.call(names, name)) names[name] = value;
  }
  function learn() {
    toc = T ? T.modules() : [];
    var LOCK = T ? T.lock() : {};
    var lessonIds = Array.isArray(LOCK.lessons) ? LOCK.lessons : [];
    var quizIds = Array.isArray(LOCK.quizzes) ? LOCK.quizzes : [];
    var former = isObject(LOCK.was) ? LOCK.was : {};
    lessonId = {}; quizId = {}; quizVersion = {};
    lessonByName = {}; quizByName = {};
    toc.forEach(function (m) {
      (m.lessons || []).forEach(function (l) {
        var path = m.slug + "/" + l[0];
        lessonId[path] = typeof lessonIds[l[2]] === "string" ? lessonIds[l[2]] : path;
        know(lessonByName, lessonId[path], path);
      });
      var entry = quizIds[m.quiz_slot];
      if (m.quiz) {
        quizId[m.slug] = Array.isArray(entry) ? entry[0] : m.slug;
        quizVersion[m.slug] = Array.isArray(entry) ? entry[1] : 1;
        know(quizByName, quizId[m.slug], m.slug);
      }
    });
    var lessonAtSlot = {}, quizAtSlot = {};
    toc.forEach(function (m) {
      (m.lessons || []).forEach(function (l) { lessonAtSlot[l[2]] = m.slug + "/" + l[0]; });
      if (m.quiz) quizAtSlot[m.quiz_slot] = m.slug;
    });
    Object.keys(isObject(former.lessons) ? former.lessons : {}).forEach(function (name) {
      if (lessonAtSlot[former.lessons[name]]) know(lessonByName, name, lessonAtSlot[former.lessons[name]]);
    });
    Object.keys(isObject(former.quizzes) ? former.quizzes : {}).forEach(function (name) {
      if (quizAtSlot[former.quizzes[name]]) know(quizByName, name, quizAtSlot[former.quizzes[name]]);
    });
    Object.keys(lessonId).forEach(function (path) { know(lessonByName, path, path); });
    Object.keys(quizId).forEach(function (slug) { know(quizByName, slug, slug); });
  }
  learn();

  // Stored data is used only if it is for this course and well formed;
  // anything else is set aside (and replaced at the next save).
  function valid(data) {
    if (!isObject(data) || data.course !== KEY || (data.version !== 1 && data.version !== VERSION)) return false;
    if (!isObject(data.lessons) || !isObject(data.quizzes)) return false;
    return Object.keys(data.quizzes).every(function (name) {
      var q = data.quizzes[name];
      return isObject(q) && typeof q.attempts === "number" && isFinite(q.attempts) &&
        typeof q.best === "number" && isFinite(q.best) && typeof q.passed === "boolean";
    });
  }

  // Stored data as the pages use it (by slug). What is stored under a name
  // this page cannot read is kept aside (`kept`), to be saved again as it is.
  function fromStored(data) {
    var out = empty();
    Object.keys(data).forEach(function (k) {
      if (k !== "lessons" && k !== "quizzes" && k !== "version") out[k] = data[k];
    });
    Object.keys(data.lessons).forEach(function (name) {
      var path = lessonByName[name];
      if (path && data.lessons[name]) out.lessons[path] = 1;
      else if (!path && data.lessons[name]) kept(out).lessons[name] = 1;
    });
    Object.keys(data.quizzes).forEach(function (name) {
      var slug = quizByName[name];
      var q = data.quizzes[name];
      if (!slug) kept(out).quizzes[name] = q;
      else if ((Number(q.version) || 1) === quizVersion[slug] && !out.quizzes[slug]) out.quizzes[slug] = q;
    });
    if (typeof out.name !== "string") out.name = "";
    return out;
  }

  // What `progress` keeps under names this page cannot read (not stored as
  // a key of its own: see toStored).
  var keptOf = typeof WeakMap === "function" ? new WeakMap() : null;
  function kept(progress) {
    var k = keptOf ? keptOf.get(progress) : progress.__kept;
    if (!k) {
      k = { lessons: {}, quizzes: {} };
      if (keptOf) keptOf.set(progress, k);
      else Object.defineProperty(progress, "__kept", { value: k, enumerable: false });
    }
    return k;
  }

  // `keepAll`: also what is kept under names not read, even by a page that
  // knows the whole course.
  function toStored(progress, keepAll) {
    var out = {};
    Object.keys(progress).forEach(function (k) {
      if (k !== "lessons" && k !== "quizzes") out[k] = progress[k];
    });
    out.version = VERSION;
    out.course = KEY;
    out.lessons = {};
    out.quizzes = {};
    if (keepAll || !(T && T.complete())) {
      var k = kept(progress);
      Object.keys(k.lessons).forEach(function (name) { out.lessons[name] = 1; });
      Object.keys(k.quizzes).forEach(function (name) { out.quizzes[name] = k.quizzes[name]; });
    }
    Object.keys(progress.lessons).forEach(function (path) {
      if (progress.lessons[path] && lessonId[path]) out.lessons[lessonId[path]] = 1;
    });
    Object.keys(progress.quizzes).forEach(function (slug) {
      if (!quizId[slug]) return;
      var q = {};
      Object.keys(progress.quizzes[slug]).forEach(function (k) { q[k] = progress.quizzes[slug][k]; });
      q.version = quizVersion[slug];
      out.quizzes[quizId[slug]] = q;
    });
    return out;
  }

  var cache = null;
  var setAside = false;

  function load() {
    if (cache) return cache;
    var raw = store().get(KEY);
    cache = empty();
    if (raw === null || raw === undefined) return cache;
    try {
      var data = JSON.parse(raw);
      if (valid(data)) {
        cache = fromStored(data);
      } else {
        setAside = true;
      }
    } catch (e) {
      setAside = true;
    }
    return cache;
  }

  // Another page of the course (a second tab, or the page before this one
  // when the browser hands its last write over late) may have saved since
  // this page read: what is stored now is merged in, so that a save never
  // drops a lesson or an attempt another page recorded.
  function save() {
    var data = load();
    var raw = store().get(KEY);
    if (raw !== null && raw !== undefined) {
      try {
        var now = JSON.parse(raw);
        if (valid(now)) merge(data, fromStored(now));
      } catch (e) { /* damaged: replaced by this save */ }
    }
    store().set(KEY, JSON.stringify(toStored(data)));
  }

  // Adds what `other` records and `data` lacks: lessons seen, attempts
  // (the higher count, the better score, a pass and its earliest date).
  function merge(data, other) {
    Object.keys(other.lessons).forEach(function (path) { data.lessons[path] = 1; });
    var mine = kept(data), theirs = kept(other);
    Object.keys(theirs.lessons).forEach(function (name) { mine.lessons[name] = 1; });
    Object.keys(theirs.quizzes).forEach(function (name) {
      if (!mine.quizzes[name]) mine.quizzes[name] = theirs.quizzes[name];
    });
    Object.keys(other.quizzes).forEach(function (slug) {
      var mine = data.quizzes[slug], theirs = other.quizzes[slug];
      if (!mine) { data.quizzes[slug] = theirs; return; }
      mine.attempts = Math.max(mine.attempts, theirs.attempts);
      mine.best = Math.max(mine.best, theirs.best);
      if (theirs.passed && (!mine.passed || (theirs.passedAt && !(mine.passedAt <= theirs.passedAt)))) {
        mine.passed = true;
        mine.passedAt = theirs.passedAt;
      }
    });
    // The name this page was given wins; otherwise the one stored.
    if (!nameGiven && typeof other.name === "string") data.name = other.name;
  }

  function reset() {
    store().remove(KEY);
    cache = empty();
  }

  // Calls `callback` once the page knows the whole course (at once when it
  // does): what is stored is then read again with the names it now knows.
  function whenComplete(callback) {
    if (!T || T.complete()) {
      callback();
      return;
    }
    T.loadAll(function () {
      var data = load();
      var stored = toStored(data, true);
      learn();
      var again = fromStored(stored);
      // The same object, so that a script holding it sees the change.
      Object.keys(data).forEach(function (k) { delete data[k]; });
      Object.keys(again).forEach(function (k) { data[k] = again[k]; });
      var k = kept(data), k2 = kept(again);
      k.lessons = k2.lessons;
      k.quizzes = k2.quizzes;
      callback();
    });
  }

  function module(slug) {
    for (var i = 0; i < toc.length; i++) if (toc[i].slug === slug) return toc[i];
    return null;
  }

  function lessonSeen(slug, lesson) {
    return !!load().lessons[slug + "/" + lesson];
  }

  function quiz(slug) {
    return load().quizzes[slug] || null;
  }

  // Module status: lessons seen, its quiz, complete, and what locks it.
  function status(slug) {
    var m = module(slug);
    if (!m) return null;
    var seen = m.lessons.filter(function (l) { return lessonSeen(slug, l[0]); }).length;
    var record = quiz(slug);
    var complete = seen === m.lessons.length && (!m.quiz || !!(record && record.passed));
    return {
      module: m,
      seen: seen,
      total: m.lessons.length,
      quiz: record,
      hasQuiz: !!m.quiz,
      complete: complete,
      started: seen > 0 || !!record,
      lockedBy: lockedBy(slug),
    };
  }

  function complete(slug) {
    var m = module(slug);
    if (!m) return true;
    var s = m.lessons.every(function (l) { return lessonSeen(slug, l[0]); });
    var record = quiz(slug);
    return s && (!m.quiz || !!(record && record.passed));
  }

  // The modules that must be complete before `slug` opens and are not.
  function lockedBy(slug) {
    var m = module(slug);
    if (!m) return [];
    return (m.requires || []).map(module).filter(function (r) { return r && !complete(r.slug); });
  }

  function markLessonSeen(slug, lesson) {
    var data = load();
    if (data.lessons[slug + "/" + lesson]) return;
    data.lessons[slug + "/" + lesson] = 1;
    save();
  }

  function recordAttempt(slug, percent, passed) {
    var data = load();
    var record = data.quizzes[slug] || { attempts: 0, best: 0, passed: false };
    record.attempts += 1;
    record.last = percent;
    record.best = Math.max(record.best, percent);
    if (passed && !record.passed) {
      record.passed = true;
      record.passedAt = new Date().toISOString();
    }
    data.quizzes[slug] = record;
    save();
    return record;
  }

  // A graded attempt, for whoever reports answers beyond this browser: the
  // launch page's BrandcampLms.report (SCORM's scorm.js, a cmi5 launch),
  // else BrandcampReporter.report (xAPI from the plain site), else no one.
  // `info`: { quiz, quizTitle, module, moduleTitle, score (0–100),
  // passMark, passed, attempt, durationMs, records } — records as
  // interactions.js makes them. A reporter that fails never stops the quiz.
  function reportAttempt(info) {
    var reporter = null;
    try {
      var lms = window.parent !== window ? window.parent.BrandcampLms : null;
      if (lms && typeof lms.report === "function") reporter = lms;
    } catch (e) { /* a parent from another origin: no LMS of ours */ }
    if (!reporter && window.BrandcampReporter && typeof window.BrandcampReporter.report === "function") {
      reporter = window.BrandcampReporter;
    }
    if (!reporter) return false;
    try {
      reporter.report(info);
      return true;
    } catch (e) {
      if (window.console) console.warn("brandcamp: the attempt could not be reported", e);
      return false;
    }
  }

  // Where "resume" goes: the first lesson not seen of the first open module
  // not complete, else its quiz; the course home when all is done. Like
  // nextStep, coursePercent and completedAt, it reads the whole course: ask
  // through whenComplete.
  function resumePath() {
    for (var i = 0; i < toc.length; i++) {
      var m = toc[i];
      if (complete(m.slug) || lockedBy(m.slug).length) continue;
      for (var j = 0; j < m.lessons.length; j++) {
        if (!lessonSeen(m.slug, m.lessons[j][0])) return m.lessons[j][1];
      }
      if (m.quiz) return m.quiz;
    }
    return null;
  }

  // The first lesson of a module not seen yet (its quiz when all are seen).
  function continuePath(slug) {
    var m = module(slug);
    if (!m) return null;
    for (var j = 0; j < m.lessons.length; j++) {
      if (!lessonSeen(slug, m.lessons[j][0])) return m.lessons[j][1];
    }
    return m.quiz || (m.lessons[0] && m.lessons[0][1]) || m.href;
  }

  // What to offer once the quiz of `slug` is passed: the certificate when the
  // course is done, else the next module (or where the learner left off, when
  // the next one is locked or done), else the course home.
  // Returns {kind, href (from the site root), title}.
  function nextStep(slug, certificatePath) {
    if (certificatePath && certificateReady()) return { kind: "certificate", href: certificatePath, title: t("get_certificate") };
    for (var i = 0; i < toc.length; i++) {
      if (toc[i].slug !== slug) continue;
      var next = toc[i + 1];
      if (next && !complete(next.slug) && !lockedBy(next.slug).length) {
        return { kind: "module", href: next.href, title: t("next_module", { title: next.title }) };
      }
    }
    var path = resumePath();
    if (path) return { kind: "resume", href: path, title: t("continue_course") };
    return { kind: "home", href: "index.html", title: t("back_to_course") };
  }

  // Lessons seen and quizzes passed, over all the lessons and quizzes.
  function coursePercent() {
    var steps = 0;
    var done = 0;
    toc.forEach(function (m) {
      var s = status(m.slug);
      steps += s.total + (s.hasQuiz ? 1 : 0);
      done += s.seen + (s.quiz && s.quiz.passed ? 1 : 0);
    });
    return steps ? Math.floor((100 * done) / steps) : 0;
  }

  function started() {
    var data = load();
    return Object.keys(data.lessons).length > 0 || Object.keys(data.quizzes).length > 0;
  }

  // The certificate opens once every graded quiz is passed (or, in a course
  // without quizzes, once every module is complete); never said of a course
  // known in part (see whenComplete).
  function certificateReady() {
    if (T && !T.complete()) return false;
    var graded = toc.filter(function (m) { return m.quiz; });
    var list = graded.length ? graded : toc;
    return list.length > 0 && list.every(function (m) {
      return graded.length ? !!(quiz(m.slug) && quiz(m.slug).passed) : complete(m.slug);
    });
  }

  // The date the course was completed: when the last quiz was first passed.
  function completedAt() {
    var latest = null;
    toc.forEach(function (m) {
      var q = quiz(m.slug);
      if (q && q.passedAt) {
        var d = new Date(q.passedAt);
        if (!isNaN(d) && (!latest || d > latest)) latest = d;
      }
    });
    return latest;
  }

  var nameGiven = false;
  function setName(name) {
    nameGiven = true;
    load().name = String(name || "").slice(0, 200);
    save();
  }

  // --- Notices ------------------------------------------------------------

  function notice(kind, parts) {
    var box = document.getElementById("notices");
    if (!box) return null;
    var p = document.createElement("div");
    p.className = "notice notice-" + kind;
    parts.forEach(function (part) {
      if (typeof part === "string") p.appendChild(document.createTextNode(part));
      else p.appendChild(part);
    });
    box.appendChild(p);
    return p;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // A padlock drawn by CSS; the words next to it say "locked".
  function lockIcon() {
    var icon = document.createElement("span");
    icon.className = "lock-icon";
    icon.setAttribute("aria-hidden", "true");
    return icon;
  }

  // The one place a locked page says what unlocks it, with a way back.
  function lockedNotice(blockers, text) {
    var parts = [lockIcon(), text + " "];
    blockers.forEach(function (m, i) {
      if (i) parts.push(", ");
      parts.push(link(root + m.href, m.title));
    });
    parts.push(". ");
    parts.push(link(root + "index.html", t("back_to_course")));
    return notice("locked", parts);
  }

  function percentText(value) {
    return t("percent", { n: Math.floor(value + 1e-9) });
  }

  // --- Pages --------------------------------------------------------------

  function decorateNav() {
    var current = body.getAttribute("data-module");
    if (current) {
      document.querySelectorAll(".nav-lessons li[data-lesson]").forEach(function (li) {
        var m = module(current);
        var lesson = m && m.lessons[Number(li.getAttribute("data-lesson")) - 1];
        if (lesson && lessonSeen(current, lesson[0])) markDone(li.querySelector("a"), t("lesson_seen"));
      });
      var record = quiz(current);
      if (record && record.passed) markDone(document.querySelector(".nav-quiz a"), t("quiz_passed"));
    }
    document.querySelectorAll("#nav-modules li[data-module]").forEach(function (li) {
      var slug = li.getAttribute("data-module");
      var a = li.querySelector("a");
      if (complete(slug)) markDone(a, t("module_complete"));
      else if (lockedBy(slug).length) markState(a, "is-locked", t("locked"));
    });
  }

  // Links into a locked module lead nowhere useful: in its own pages they
  // stop being links; elsewhere (the pager into the next module) they say so.
  function deactivateLinks(selector) {
    document.querySelectorAll(selector).forEach(function (a) {
      a.removeAttribute("href");
      a.removeAttribute("aria-current");
      a.classList.add("is-locked-link");
      markState(a, "is-locked", t("locked"));
    });
  }

  function markLockedPagerLinks() {
    document.querySelectorAll(".pager a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      toc.forEach(function (m) {
        if (root + m.href === href && lockedBy(m.slug).length && !a.querySelector(".lock-icon")) {
          a.querySelector(".pager-title").insertBefore(lockIcon(), a.querySelector(".pager-title").firstChild);
          markState(a, "is-locked", t("locked"));
        }
      });
    });
  }

  function markDone(element, label) {
    markState(element, "is-done", label);
  }

  // A visual mark (CSS) with its words for screen readers.
  function markState(element, className, label) {
    if (!element || element.querySelector(".state-label")) return;
    element.classList.add(className);
    var span = document.createElement("span");
    span.className = "visually-hidden state-label";
    span.textContent = " (" + label + ")";
    element.appendChild(span);
  }

  function statusText(s) {
    var parts = [t("lessons_seen", { n: s.seen, total: s.total })];
    if (s.hasQuiz) {
      if (s.quiz) {
        parts.push(t("quiz_best", {
          score: percentText(s.quiz.best),
          status: s.quiz.passed ? t("quiz_passed") : t("not_passed_yet"),
        }));
      } else {
        parts.push(t("quiz_not_taken"));
      }
    }
    return parts.join(" · ");
  }

  function badge(s) {
    if (s.lockedBy.length) return ["locked", t("locked")];
    if (s.complete) return ["complete", t("module_complete")];
    if (s.started) return ["started", t("in_progress")];
    return ["new", t("not_started")];
  }

  function decorateStatus(container, s) {
    var box = container.querySelector("[data-module-status]");
    if (!box) return;
    box.textContent = "";
    var b = badge(s);
    var tag = document.createElement("span");
    tag.className = "status-badge status-" + b[0];
    if (b[0] === "locked") tag.appendChild(lockIcon());
    tag.appendChild(document.createTextNode(b[1]));
    box.appendChild(tag);
    var text = document.createElement("span");
    text.className = "status-text";
    text.textContent = statusText(s);
    box.appendChild(text);
    var bar = document.createElement("span");
    bar.className = "progress-bar";
    bar.setAttribute("aria-hidden", "true");
    var fill = document.createElement("span");
    var steps = s.total + (s.hasQuiz ? 1 : 0);
    var done = s.seen + (s.quiz && s.quiz.passed ? 1 : 0);
    fill.style.width = (steps ? Math.round((100 * done) / steps) : 0) + "%";
    bar.appendChild(fill);
    box.appendChild(bar);
    container.classList.toggle("is-locked", s.lockedBy.length > 0);
    container.classList.toggle("is-complete", s.complete);
  }

  function decorateHome() {
    document.querySelectorAll(".module-card[data-module]").forEach(function (card) {
      var s = status(card.getAttribute("data-module"));
      if (s) decorateStatus(card, s);
    });
    var done = toc.filter(function (m) { return complete(m.slug); }).length;
    var summary = document.querySelector("[data-progress-summary]");
    if (summary) summary.textContent = t("modules_complete", { n: done, total: toc.length });
    var percent = coursePercent();
    var percentText = document.querySelector("[data-course-percent]");
    if (percentText) percentText.textContent = t("course_progress", { n: percent });
    var bar = document.querySelector("[data-course-bar]");
    if (bar) bar.style.width = percent + "%";
    // The primary action: start, continue, or (the course done) the certificate.
    var resume = document.querySelector("[data-resume-link]");
    var certificateLink = document.querySelector(".course-progress-certificate a");
    if (resume && started()) {
      var path = resumePath();
      if (!path && certificateLink && certificateReady()) {
        resume.textContent = t("get_certificate");
        resume.href = certificateLink.getAttribute("href");
      } else {
        resume.textContent = path ? t("continue_course") : t("review_course");
        resume.href = root + (path || (toc[0] && toc[0].href) || "index.html");
      }
    }
    var cert = document.querySelector("[data-certificate-status]");
    if (cert) cert.textContent = certificateReady() ? t("certificate_ready") : t("certificate_pending");
    // A card's "unlocks after" line is its condition: a ✓ once it is met.
    document.querySelectorAll(".module-card[data-module]").forEach(function (card) {
      markRequirement(card.querySelector(".requires"), lockedBy(card.getAttribute("data-module")).length === 0);
    });
    var resetButton = document.querySelector("[data-reset-progress]");
    if (resetButton) resetButton.hidden = !started();
  }

  // The "unlocks after" line, written in the page with a padlock, becomes
  // a ✓ when the condition is met (same words, same place: nothing moves).
  function markRequirement(line, met) {
    if (!line) return;
    line.classList.toggle("is-met", met);
    var label = line.querySelector(".state-label");
    if (label) label.remove();
    var span = document.createElement("span");
    span.className = "visually-hidden state-label";
    span.textContent = " (" + (met ? t("module_complete") : t("locked")) + ")";
    var back = line.querySelector(".requires-back");
    line.insertBefore(span, back);
  }

  function decorateModule() {
    var slug = body.getAttribute("data-module");
    var s = status(slug);
    if (!s) return;
    decorateStatus(document.querySelector(".content"), s);
    document.querySelectorAll(".lesson-list li[data-lesson]").forEach(function (li) {
      if (lessonSeen(slug, li.getAttribute("data-lesson"))) markDone(li.querySelector("a"), t("lesson_seen"));
    });
    var quizItem = document.querySelector(".lesson-list-quiz a");
    if (quizItem && s.quiz && s.quiz.passed) markDone(quizItem, t("passed"));
    var startButton = document.querySelector("[data-module-start]");
    var requires = document.querySelector("[data-requires]");
    markRequirement(requires, !s.lockedBy.length);
    if (s.lockedBy.length) {
      // Locked: the "unlocks after" line says what opens it (the notice when
      // the page has none); nothing here leads further.
      if (!requires) lockedNotice(s.lockedBy, t("locked_notice"));
      // Withheld, its room kept: what follows does not move.
      if (startButton) startButton.parentNode.classList.add("is-withheld");
      deactivateLinks(".lesson-list a, .nav-lessons a, .nav-quiz a");
      document.querySelectorAll(".pager-next").forEach(function (a) { a.hidden = true; });
      return;
    }
    if (startButton && s.started) {
      startButton.textContent = s.complete ? t("review_module") : t("continue_module");
      startButton.href = root + (s.complete ? (s.module.lessons[0] ? s.module.lessons[0][1] : s.module.href) : continuePath(slug));
    }
  }

  // A locked lesson or quiz keeps its title; its content and the pager go
  // (the pager would lead on to the next locked page), the notice leads back.
  function decorateLockedPage(selector) {
    var slug = body.getAttribute("data-module");
    var blockers = lockedBy(slug);
    if (!blockers.length) return false;
    body.classList.add("is-locked");
    var box = lockedNotice(blockers, t("locked_page_notice"));
    // Under the page's title, which stays: what this page is, then why it is shut.
    var title = document.querySelector(".content h1");
    if (box && title) title.parentNode.insertBefore(box, title.nextSibling);
    document.querySelectorAll(selector + ", .pager").forEach(function (el) { el.hidden = true; });
    deactivateLinks(".nav-lessons a, .nav-quiz a");
    return true;
  }

  // "Reset progress": asks first, in a modal <dialog> (focus moves into it
  // and comes back; Escape cancels).
  function setUpReset() {
    var button = document.querySelector("[data-reset-progress]");
    var dialog = document.getElementById("reset-dialog");
    if (!button || !dialog || typeof dialog.showModal !== "function") return;
    button.addEventListener("click", function () { dialog.showModal(); });
    dialog.querySelector("[data-dialog-cancel]").addEventListener("click", function () { dialog.close("cancel"); });
    dialog.querySelector("[data-dialog-confirm]").addEventListener("click", function () { dialog.close("reset"); });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "reset") {
        reset();
        document.querySelectorAll(".state-label").forEach(function (s) { s.remove(); });
        document.querySelectorAll(".is-done, .is-locked").forEach(function (e) {
          e.classList.remove("is-done", "is-locked");
        });
        var resume = document.querySelector("[data-resume-link]");
        if (resume) {
          resume.textContent = t("start");
          var first = toc[0] && toc[0].lessons[0];
          if (first) resume.href = root + first[1];
        }
        decorateHome();
        decorateNav();
        notice("info", [t("progress_reset_done")]);
      }
      var focusTarget = button.hidden ? document.querySelector("[data-resume-link]") : button;
      if (focusTarget) focusTarget.focus();
    });
  }

  window.BrandcampProgress = {
    load: load,
    save: save,
    reset: reset,
    status: status,
    isComplete: complete,
    lockedBy: lockedBy,
    lessonSeen: lessonSeen,
    markLessonSeen: markLessonSeen,
    quiz: quiz,
    recordAttempt: recordAttempt,
    reportAttempt: reportAttempt,
    resumePath: resumePath,
    continuePath: continuePath,
    nextStep: nextStep,
    certificateReady: certificateReady,
    completedAt: completedAt,
    setName: setName,
    notice: notice,
    whenComplete: whenComplete,
    // The modules this page knows (every one once whenComplete has called back).
    modules: function () { return toc; },
  };

  load();
  if (setAside) notice("warning", [t("progress_unreadable")]);
  var kind = body.getAttribute("data-kind");
  function decoratePage() {
    if (kind === "lesson") {
      if (!decorateLockedPage(".lesson .prose, .lesson .page-toc, .lesson .objectives, .page-toc-aside")) {
        markLessonSeen(body.getAttribute("data-module"), body.getAttribute("data-lesson"));
      }
    } else if (kind === "quiz") {
      decorateLockedPage(".quiz");
    } else if (kind === "module") {
      decorateModule();
    } else if (kind === "home") {
      decorateHome();
      setUpReset();
    }
    decorateNav();
    markLockedPagerLinks();
  }
  // The home page shows the whole course; a module's pages, what it
  // depends on (the build gives them the groups of the table of contents
  // that hold it), at once: the quiz script that follows sees the page as
  // progress.js left it. A page that does not know its own module (a
  // template of the course's own, made before the groups) waits for all.
  var current = body.getAttribute("data-module");
  if (kind === "home" || (current && !module(current))) whenComplete(decoratePage);
  else decoratePage();
})();
