// brandcamp learner progress: lessons seen, quiz attempts and best scores,
// modules complete and locked, "resume", "reset progress", and the notices
// that say so. No dependencies; works from file://.
//
// Storage goes through one small object, window.BrandcampStore, with
// get(key) -> string|null, set(key, string) and remove(key). It is
// localStorage by default; an LMS adapter (SCORM) may set its own
// window.BrandcampStore at any time before a page reads or writes progress.
//
// Everything the learner sees is inserted with textContent or built as DOM.
(function () {
  "use strict";
  var VERSION = 1;
  var body = document.body;
  var KEY = body.getAttribute("data-course") || "brandcamp";
  var root = body.getAttribute("data-root") || "";
  var strings = window.BRANDCAMP_STRINGS || {};
  var toc = Array.isArray(window.BRANDCAMP_TOC) ? window.BRANDCAMP_TOC : [];

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

  // Stored data is used only if it is this schema, for this course, and
  // well formed; anything else is set aside (and replaced at the next save).
  function valid(data) {
    if (!isObject(data) || data.version !== VERSION || data.course !== KEY) return false;
    if (!isObject(data.lessons) || !isObject(data.quizzes)) return false;
    return Object.keys(data.quizzes).every(function (slug) {
      var q = data.quizzes[slug];
      return isObject(q) && typeof q.attempts === "number" && isFinite(q.attempts) &&
        typeof q.best === "number" && isFinite(q.best) && typeof q.passed === "boolean";
    });
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
        cache = data;
        if (typeof cache.name !== "string") cache.name = "";
      } else {
        setAside = true;
      }
    } catch (e) {
      setAside = true;
    }
    return cache;
  }

  function save() {
    store().set(KEY, JSON.stringify(load()));
  }

  function reset() {
    store().remove(KEY);
    cache = empty();
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

  // Where "resume" goes: the first lesson not seen of the first open module
  // not complete, else its quiz; the course home when all is done.
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

  function started() {
    var data = load();
    return Object.keys(data.lessons).length > 0 || Object.keys(data.quizzes).length > 0;
  }

  // The certificate opens once every graded quiz is passed (or, in a course
  // without quizzes, once every module is complete).
  function certificateReady() {
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

  function setName(name) {
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

  function lockedNotice(blockers) {
    var parts = [t("locked_notice") + " "];
    blockers.forEach(function (m, i) {
      if (i) parts.push(", ");
      parts.push(link(root + m.href, m.title));
    });
    parts.push(". ");
    parts.push(link(root + "index.html", t("back_to_course")));
    notice("locked", parts);
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
    }
    document.querySelectorAll("#nav-modules li[data-module]").forEach(function (li) {
      var slug = li.getAttribute("data-module");
      var a = li.querySelector("a");
      if (complete(slug)) markDone(a, t("module_complete"));
      else if (lockedBy(slug).length) markState(a, "is-locked", t("locked"));
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
    tag.textContent = b[1];
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
    var resume = document.querySelector("[data-resume-link]");
    if (resume && started()) {
      var path = resumePath();
      resume.textContent = path ? t("resume") : t("review_course");
      resume.href = root + (path || (toc[0] && toc[0].href) || "index.html");
    }
    var cert = document.querySelector("[data-certificate-status]");
    if (cert) cert.textContent = certificateReady() ? t("certificate_ready") : t("certificate_pending");
    var resetButton = document.querySelector("[data-reset-progress]");
    if (resetButton) resetButton.hidden = !started();
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
    if (s.lockedBy.length) lockedNotice(s.lockedBy);
  }

  function decorateLockedPage(selector) {
    var slug = body.getAttribute("data-module");
    var blockers = lockedBy(slug);
    if (!blockers.length) return false;
    body.classList.add("is-locked");
    lockedNotice(blockers);
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = true; });
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
    resumePath: resumePath,
    certificateReady: certificateReady,
    completedAt: completedAt,
    setName: setName,
    notice: notice,
    modules: function () { return toc; },
  };

  load();
  if (setAside) notice("warning", [t("progress_unreadable")]);
  var kind = body.getAttribute("data-kind");
  if (kind === "lesson") {
    if (!decorateLockedPage(".lesson")) {
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
})();
