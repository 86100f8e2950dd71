// brandcamp in an LMS, the runtime of the SCORM package's launch page
// (scorm.html, the package's one SCO). No dependencies.
//
// It finds the LMS's API (SCORM 1.2 `API` or 2004 `API_1484_11`), opens one
// session per launch, and shows the course pages in its frame, so moving
// between lessons never starts a new session. The pages find
// window.BrandcampLms through window.parent (progress.js) and keep their
// progress in its store instead of localStorage; each change is saved to
// cmi.suspend_data, reported (completion, success, score, progress) and
// committed, and so is the page the learner is on (the location, where the
// next launch resumes); so is each module's objective. Each graded attempt
// (progress.js's reportAttempt calls BrandcampLms.report) adds its answers
// to cmi.interactions. Leaving commits the session time and the exit, then
// ends the session. What is saved and reported is in scorm-data.js. The
// learner's name the LMS gives fills the certificate's name until the
// learner types another.
//
// With no LMS around (the launch page opened on its own) the frame shows the
// course as usual, its progress in localStorage.
(function () {
  "use strict";
  var D = window.BrandcampScormData;
  var body = document.body;
  var frame = document.getElementById("course-frame");
  if (!D || !frame) return;
  var VERSION = body.getAttribute("data-scorm") === "2004" ? "2004" : "1.2";
  var KEY = body.getAttribute("data-course") || "brandcamp";
  var LIMIT = Number(body.getAttribute("data-suspend-limit")) || 4096;
  // The whole course, as the launch page loads it (every group of the
  // table of contents, see toc-loader.js).
  var T = window.BrandcampToc;
  var toc = T ? T.modules() : [];
  var LOCK = T ? T.lock() : null;
  var LANG = document.documentElement.lang || "";
  var HOME = "index.html";

  // The API's functions and the data model's names, in each version.
  var SCORM = VERSION === "2004" ? {
    api: "API_1484_11",
    initialize: "Initialize", terminate: "Terminate", getValue: "GetValue",
    setValue: "SetValue", commit: "Commit", lastError: "GetLastError",
    mode: "cmi.mode", location: "cmi.location", locationMax: 1000,
    exit: "cmi.exit", sessionTime: "cmi.session_time", learnerName: "cmi.learner_name",
    learnerId: "cmi.learner_id",
  } : {
    api: "API",
    initialize: "LMSInitialize", terminate: "LMSFinish", getValue: "LMSGetValue",
    setValue: "LMSSetValue", commit: "LMSCommit", lastError: "LMSGetLastError",
    mode: "cmi.core.lesson_mode", location: "cmi.core.lesson_location", locationMax: 255,
    exit: "cmi.core.exit", sessionTime: "cmi.core.session_time", learnerName: "cmi.core.student_name",
    learnerId: "cmi.core.student_id",
  };

  function warn(message) {
    if (window.console) console.warn("brandcamp (SCORM " + VERSION + "): " + message);
  }

  // --- Finding the LMS --------------------------------------------------------

  // The API object in `win`, if there is one we can reach: a window of
  // another origin throws when touched.
  function apiIn(win) {
    try {
      var api = win[SCORM.api];
      return api && typeof api[SCORM.initialize] === "function" ? api : null;
    } catch (e) {
      return null;
    }
  }

  // `win` and its parents, up to the top (at most 500, as ADL's algorithm).
  function searchUp(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      var api = apiIn(win);
      if (api) return api;
      var parent = null;
      try { parent = win.parent; } catch (e) { return null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  // The standard discovery: this window and its parents, then the window
  // that opened this one (or its top) and their parents.
  function findApi() {
    var api = searchUp(window);
    if (api) return api;
    var openers = [];
    try { if (window.opener) openers.push(window.opener); } catch (e) { /* another origin */ }
    try { if (window.top && window.top.opener) openers.push(window.top.opener); } catch (e) { /* another origin */ }
    for (var i = 0; i < openers.length; i++) {
      api = searchUp(openers[i]);
      if (api) return api;
    }
    return null;
  }

  // --- The session ----------------------------------------------------------

  var api = findApi();
  var live = false;      // a session is open
  var readOnly = false;  // the LMS opened the course for review: report nothing
  var started = Date.now();
  var progress = null;   // the learner's progress, as progress.js stores it
  var learnerName = "";  // the learner's name, as the LMS knows it
  var location = "";     // the page the learner is on
  var sent = {};         // the values the LMS accepted, not sent again
  var objectiveAt = {};  // where each objective is in cmi.objectives, by id
  var objectiveCount = 0;
  var objectivesFull = false;    // the LMS took no more objectives
  var interactionsFull = false;  // the LMS took no more interactions

  function call(name, a, b) {
    try {
      return api[name](a, b);
    } catch (e) {
      warn(name + " failed: " + e);
      return "";
    }
  }

  function succeeded(result) {
    return result === true || result === "true";
  }

  function getValue(element) {
    var value = call(SCORM.getValue, element);
    return value === null || value === undefined ? "" : String(value);
  }

  function setValue(element, value) {
    if (readOnly || sent[element] === value) return true;
    if (succeeded(call(SCORM.setValue, element, value))) {
      sent[element] = value;
      return true;
    }
    warn("the LMS refused " + element + " = \"" + value + "\" (error " + call(SCORM.lastError) + ")");
    return false;
  }

  function commit() {
    if (readOnly) return;
    setValue(SCORM.sessionTime, D.sessionTime(VERSION, Date.now() - started));
    if (!succeeded(call(SCORM.commit, ""))) warn("the LMS did not commit (error " + call(SCORM.lastError) + ")");
  }

  // Completion, success, score, progress, how to exit and the modules'
  // objectives, from `progress`.
  function report() {
    var standing = D.standing(progress, toc, LOCK);
    D.cmiValues(VERSION, standing).forEach(function (pair) { setValue(pair[0], pair[1]); });
    setValue(SCORM.exit, D.exitValue(VERSION, standing.finished));
    reportObjectives();
  }

  // The objectives the LMS already has (from an earlier session, or another
  // SCO's), by id, so that each module keeps its one entry.
  function readObjectives() {
    objectiveCount = Number(getValue("cmi.objectives._count")) || 0;
    for (var n = 0; n < objectiveCount; n++) {
      var id = getValue("cmi.objectives." + n + ".id");
      if (id && !(id in objectiveAt)) objectiveAt[id] = n;
    }
  }

  // Each module's objective, found by its id or added at the end. An LMS
  // that takes no more keeps the ones it has; the rest are not reported.
  function reportObjectives() {
    D.objectives(VERSION, progress, toc, LOCK).forEach(function (objective) {
      var n = objectiveAt[objective.id];
      if (n === undefined) {
        if (objectivesFull) return;
        n = objectiveCount;
        if (!setValue("cmi.objectives." + n + ".id", objective.id)) {
          objectivesFull = true;
          warn("the LMS keeps no more objectives: module " + objective.id + " and those after it are not reported");
          return;
        }
        objectiveAt[objective.id] = n;
        objectiveCount += 1;
      }
      objective.values.forEach(function (pair) {
        if (pair[0] !== "id") setValue("cmi.objectives." + n + "." + pair[0], pair[1]);
      });
    });
  }

  // A graded attempt's answers, each a new entry at the end of
  // cmi.interactions (whose entries 1.2 lets a SCO write but not read).
  // When the LMS takes no more, the answers after that are not reported;
  // the score and status still are.
  function reportAnswers(info) {
    if (!live || readOnly || interactionsFull || !info || !Array.isArray(info.records)) return;
    var n = Number(getValue("cmi.interactions._count")) || 0;
    for (var i = 0; i < info.records.length; i++, n++) {
      var values = D.interactionValues(VERSION, info, info.records[i], LANG);
      if (!setValue("cmi.interactions." + n + ".id", values[0][1])) {
        interactionsFull = true;
        warn("the LMS keeps no more interactions: answers from now on are not reported");
        break;
      }
      for (var j = 1; j < values.length; j++) setValue("cmi.interactions." + n + "." + values[j][0], values[j][1]);
    }
    commit();
  }

  function save() {
    if (!live) return false;
    var text = progress ? D.encode(progress, toc, LOCK) : "";
    if (text.length > LIMIT) {
      // The build makes sure this cannot happen; never send what the LMS may cut.
      warn("the progress to save is " + text.length + " characters, over the limit of " + LIMIT);
      return false;
    }
    setValue("cmi.suspend_data", text);
    report();
    commit();
    return true;
  }

  // What the pages use instead of localStorage (see progress.js): one
  // string per course key, the JSON of the learner's progress. A learner
  // who has typed no name on the certificate gets the LMS's.
  var store = {
    get: function (key) {
      if (key !== KEY || (!progress && !learnerName)) return null;
      var shown = progress ? JSON.parse(JSON.stringify(progress)) : D.emptyProgress(KEY);
      if (!shown.name) shown.name = learnerName;
      return JSON.stringify(shown);
    },
    set: function (key, value) {
      if (key !== KEY || !live) return false;
      var data;
      try { data = JSON.parse(value); } catch (e) { return false; }
      // Kept as the next launch will read it back from the LMS.
      progress = D.decode(D.encode(data, toc, LOCK), KEY, toc, LOCK);
      return save();
    },
    remove: function (key) {
      if (key !== KEY || !live) return;
      progress = null;
      save();
    },
  };

  function finish() {
    if (!live) return;
    report();
    commit();
    live = false;
    call(SCORM.terminate, "");
  }

  // --- Pages in the frame -----------------------------------------------------

  var pages = Object.create(null);
  pages[HOME] = true;
  pages["certificate.html"] = true;
  toc.forEach(function (m) {
    pages[m.href] = true;
    (m.lessons || []).forEach(function (l) { pages[l[1]] = true; });
    if (m.quiz) pages[m.quiz] = true;
  });

  function isCoursePage(page) {
    return typeof page === "string" && pages[page] === true;
  }

  var base = window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");

  // The course page the frame shows, as a site path (`why/intro.html`).
  function pageInFrame() {
    var href;
    try { href = frame.contentWindow.location.href.replace(/[?#].*$/, ""); } catch (e) { return null; }
    if (href.indexOf(base) !== 0) return null;
    var page;
    try { page = decodeURIComponent(href.slice(base.length)); } catch (e) { return null; }
    return isCoursePage(page) ? page : null;
  }

  frame.addEventListener("load", function () {
    try {
      if (frame.contentDocument && frame.contentDocument.title) document.title = frame.contentDocument.title;
    } catch (e) { /* not a page of the course */ }
    var page = pageInFrame();
    if (!live || !page || page === location || page.length > SCORM.locationMax) return;
    location = page;
    setValue(SCORM.location, page);
    commit();
  });

  // --- Launch -----------------------------------------------------------------

  if (api && !(T && T.complete())) {
    // Saved from part of the course, the LMS's copy would lose the rest.
    warn("the package's table of contents (assets/toc/) is incomplete; no session is opened, progress stays in this browser");
  } else if (api && succeeded(call(SCORM.initialize, ""))) {
    live = true;
    readOnly = getValue(SCORM.mode) === "review";
    var saved = getValue("cmi.suspend_data");
    progress = D.decode(saved, KEY, toc, LOCK);
    if (saved && !progress) warn("the saved progress is damaged or from another course; starting afresh");
    learnerName = D.learnerName(getValue(SCORM.learnerName));
    var last = getValue(SCORM.location);
    if (isCoursePage(last)) location = last;
    readObjectives();
    // The LMS's id of the learner, under the name on the certificate.
    var learnerId = String(getValue(SCORM.learnerId) || "").trim().slice(0, 200);
    window.BrandcampLms = {
      store: store, version: VERSION, finish: finish, report: reportAnswers,
      learner: { name: learnerName, id: learnerId },
    };
    report();
    commit();
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  } else if (api) {
    warn("the LMS did not open a session (error " + call(SCORM.lastError) + "); progress stays in this browser");
  }
  frame.src = encodeURI(location || HOME);
})();
