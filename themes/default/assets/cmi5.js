// brandcamp in a cmi5 LMS, the runtime of the cmi5 package's launch page
// (cmi5.html, the package's one AU). No dependencies; xapi.js does the
// requests and keeps the queue of what is to be sent.
//
// The launch, as cmi5 has it: the LMS opens cmi5.html with `endpoint`,
// `fetch`, `actor`, `registration` and `activityId` in the query. The page
// POSTs once to `fetch` for the session's token (kept in sessionStorage, so
// that a reload of the page uses it again: the LMS answers a second POST
// with an error), reads LMS.LaunchData (context template, launch mode,
// masteryScore, returnURL) and the learner's cmi5LearnerPreferences, reads
// the learner's progress, then shows the course pages in its frame.
//
// The learner's progress is an xAPI state document of the AU's own,
// `brandcamp.progress` (for the actor and registration): the progress the
// pages keep (progress.js), and whether `completed` and `passed` were sent
// in this registration. The pages reach it through window.BrandcampLms
// (progress.js reads window.parent.BrandcampLms.store); each change is
// queued for the LRS.
//
// Statements (all with the LMS's context template, session id and
// registration): `initialized` first; `completed` once every module is
// complete; `passed` once every quiz is passed (with the masteryScore when
// the LMS gives one, the average of the quizzes' best scores must reach
// it); `failed` when every quiz has been taken and that is not so, at most
// once a session and never after `passed`; `terminated` last, when the
// learner leaves with the Exit button (then the page goes to the LMS's
// returnURL) or closes the page. In Browse and Review launch modes only
// `initialized` and `terminated` are sent and progress is not saved. Each
// graded answer is an `answered` statement (cmi5 "allowed": no cmi5
// category), sent in Normal mode. The learner's name from the LMS (the
// actor's) fills the certificate's name until the learner types another;
// the certificate shows the learner's id in the LMS (the actor's account
// name or e-mail address) under it.
//
// Once `terminated` has gone out the session is over: a reload shows the
// course as it stands, says so, and sends nothing new (what was still
// queued is sent). Opened without a launch (no query), the frame shows the
// course with its progress in localStorage.
(function () {
  "use strict";
  var X = window.BrandcampXapi;
  var D = window.BrandcampScormData;
  var body = document.body;
  var frame = document.getElementById("course-frame");
  var status = document.getElementById("launch-status");
  var exitButton = document.getElementById("launch-exit");
  if (!X || !D || !frame) return;
  var KEY = body.getAttribute("data-course") || "brandcamp";
  var COURSE_IRI = body.getAttribute("data-course-iri") || "";
  var BUILT_MASTERY = body.hasAttribute("data-mastery") ? Number(body.getAttribute("data-mastery")) / 100 : null;
  // The whole course, as the launch page loads it (every group of the
  // table of contents, see toc-loader.js).
  var T = window.BrandcampToc;
  var toc = T ? T.modules() : [];
  var LOCK = T ? T.lock() : null;
  var LANGUAGE = document.documentElement.lang || "en";
  var HOME = "index.html";
  var STATE_ID = "brandcamp.progress";
  var CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

  function warn(message) {
    if (window.console) console.warn("brandcamp (cmi5): " + message);
  }

  function say(kind) {
    if (!status) return;
    status.textContent = kind ? status.getAttribute("data-" + kind) || "" : "";
  }

  function show(page) {
    frame.src = encodeURI(page || HOME);
  }

  var query = new URLSearchParams(window.location.search);
  var launch = {
    endpoint: query.get("endpoint"),
    fetch: query.get("fetch"),
    actor: query.get("actor"),
    registration: query.get("registration"),
    activityId: query.get("activityId"),
  };
  if (!launch.endpoint || !launch.fetch || !launch.actor || !launch.registration || !launch.activityId) {
    // Not launched by an LMS: the course on its own.
    show(HOME);
    return;
  }
  if (!(T && T.complete())) {
    // Judged from part of the course, completion could be sent too early.
    warn("the package's table of contents (assets/toc/) is incomplete; progress stays in this browser");
    show(HOME);
    return;
  }
  var actor;
  try { actor = JSON.parse(launch.actor); } catch (e) { actor = null; }
  if (!actor || typeof actor !== "object") {
    warn("the launch's actor is not JSON; progress stays in this browser");
    show(HOME);
    return;
  }
  var endpoint = launch.endpoint.replace(/\/?$/, "/");
  var agent = JSON.stringify(actor);
  var stateParams = { activityId: launch.activityId, agent: agent, registration: launch.registration, stateId: STATE_ID };
  var sessionKey = "brandcamp-cmi5:" + launch.registration + ":" + launch.fetch;

  // --- What this tab remembers of the session (sessionStorage) -----------------

  function readSession() {
    try { return JSON.parse(window.sessionStorage.getItem(sessionKey)) || {}; } catch (e) { return {}; }
  }
  var session = readSession();
  function keepSession() {
    try { window.sessionStorage.setItem(sessionKey, JSON.stringify(session)); } catch (e) { /* storage off */ }
  }

  // The session's token: asked for once, kept for reloads.
  function token() {
    if (session.token) return Promise.resolve(session.token);
    return fetch(launch.fetch, { method: "POST" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer || typeof answer["auth-token"] !== "string") {
        throw new Error("the LMS gave no token" + (answer && answer["error-text"] ? ": " + answer["error-text"] : ""));
      }
      session.token = answer["auth-token"];
      keepSession();
      return session.token;
    });
  }

  // --- The session ----------------------------------------------------------

  var lrs = null;
  var queue = null;
  var launchData = null;
  var normal = false;     // Normal launch mode: progress saved, results sent
  var ended = false;      // terminated: nothing more is sent
  var mastery = null;     // the masteryScore the LMS gives, else the package's
  var masteryFromLms = false;
  var doc = { progress: null, completed: false, passed: false };
  var learnerName = D.learnerName(actor.name || "");
  // The learner's id as the LMS knows it, for the certificate.
  var learnerId = String((actor.account && actor.account.name) || String(actor.mbox || "").replace(/^mailto:/, "") || "").slice(0, 200);

  function context(categories, extensions) {
    var c = JSON.parse(JSON.stringify((launchData && launchData.contextTemplate) || {}));
    c.registration = launch.registration;
    c.contextActivities = c.contextActivities || {};
    var list = Array.isArray(c.contextActivities.category) ? c.contextActivities.category : [];
    categories.forEach(function (id) {
      if (!list.some(function (a) { return a && a.id === id; })) list.push({ id: id, objectType: "Activity" });
    });
    if (list.length) c.contextActivities.category = list;
    if (extensions) {
      c.extensions = c.extensions || {};
      Object.keys(extensions).forEach(function (k) {
        if (!(k in c.extensions)) c.extensions[k] = extensions[k];
      });
    }
    return c;
  }

  function elapsed() {
    return Date.now() - (session.started || Date.now());
  }

  // A cmi5 defined statement about the AU.
  function send(verbName, result, moveOn, extensions) {
    if (ended) return;
    var categories = moveOn ? [CATEGORY_CMI5, CATEGORY_MOVEON] : [CATEGORY_CMI5];
    var statement = {
      id: X.uuid(),
      actor: actor,
      verb: X.verb(verbName),
      object: { objectType: "Activity", id: launch.activityId },
      context: context(categories, extensions),
      timestamp: new Date().toISOString(),
    };
    if (result) statement.result = result;
    queue.push({ kind: "statement", body: statement });
  }

  function saveDoc() {
    if (!normal || ended) return;
    queue.push({ kind: "state", params: stateParams, body: doc });
  }

  // What the learner's progress now calls for: completed, passed, failed.
  function judge() {
    if (!normal || ended) return;
    var standing = D.standing(doc.progress, toc, LOCK);
    var changed = false;
    if (standing.finished && !doc.completed) {
      doc.completed = true;
      changed = true;
      send("completed", { completion: true, duration: X.duration(elapsed()) }, true);
    }
    var allTaken = standing.graded > 0 && (standing.passed || standing.failed);
    if (allTaken && !doc.passed) {
      var scaled = Math.round(100 * (standing.score || 0)) / 10000;
      var reached = mastery === null || scaled >= mastery;
      var result = { duration: X.duration(elapsed()) };
      var score = { scaled: scaled, raw: standing.score || 0, min: 0, max: 100 };
      var extensions = null;
      if (masteryFromLms) {
        extensions = {};
        extensions[MASTERY_EXTENSION] = mastery;
      }
      if (standing.passed && reached) {
        doc.passed = true;
        changed = true;
        result.success = true;
        result.score = score;
        send("passed", result, true, extensions);
      } else if (!session.failed) {
        session.failed = true;
        keepSession();
        result.success = false;
        // The score goes with `failed` only when it is under the mastery
        // score (a quiz under its own pass mark can fail a learner whose
        // average is over it).
        if (mastery === null || scaled < mastery) result.score = score;
        send("failed", result, true, extensions);
      }
    }
    if (changed) saveDoc();
  }

  // Graded answers, from progress.js's reportAttempt (see quiz.js).
  function report(info) {
    if (!normal || ended || !info) return;
    var quizId = COURSE_IRI.replace(/\/$/, "") + "/quiz/" + encodeURIComponent(String(info.module || info.quiz || ""));
    var c = context([]);
    c.contextActivities.parent = [{ id: quizId, objectType: "Activity" }];
    c.contextActivities.grouping = (c.contextActivities.grouping || []).concat([{ id: launch.activityId, objectType: "Activity" }]);
    (info.records || []).forEach(function (record) {
      queue.push({ kind: "statement", body: X.answered(actor, quizId, record, JSON.parse(JSON.stringify(c)), LANGUAGE) });
    });
  }

  // The pages' store (see progress.js): one string per course key, the JSON
  // of the learner's progress. Outside Normal mode changes last as long as
  // the page.
  var store = {
    get: function (key) {
      if (key !== KEY || (!doc.progress && !learnerName)) return null;
      var shown = doc.progress ? JSON.parse(JSON.stringify(doc.progress)) : D.emptyProgress(KEY);
      if (!shown.name) shown.name = learnerName;
      return JSON.stringify(shown);
    },
    set: function (key, value) {
      if (key !== KEY) return false;
      try { doc.progress = JSON.parse(value); } catch (e) { return false; }
      if (!normal || ended) return true;
      saveDoc();
      // After this page's own handler is done, so that the answers it
      // reports are queued before the results they lead to.
      setTimeout(judge, 0);
      return true;
    },
    remove: function (key) {
      if (key !== KEY) return;
      doc.progress = null;
      saveDoc();
    },
  };

  function finish(keepalive) {
    if (ended || !queue) return Promise.resolve(true);
    send("terminated", { duration: X.duration(elapsed()) });
    ended = true;
    session.terminated = true;
    keepSession();
    return queue.drain(keepalive);
  }

  function leave() {
    exitButton.disabled = true;
    finish(false).then(function () {
      var back = launchData && launchData.returnURL;
      if (back) window.location.assign(back);
      else say("ended");
    });
  }

  // --- Launch -----------------------------------------------------------------

  say("connecting");
  token().then(function (t) {
    lrs = X.client(endpoint, "Basic " + t);
    queue = X.queue("cmi5:" + launch.registration, lrs, function (pending) {
      if (!ended) say(pending > 3 ? "unreachable" : "");
    });
    var base = { activityId: launch.activityId, agent: agent, registration: launch.registration };
    return Promise.all([
      lrs.getDocument("activities/state", Object.assign({ stateId: "LMS.LaunchData" }, base)),
      lrs.getDocument("agents/profile", { agent: agent, profileId: "cmi5LearnerPreferences" }),
      lrs.getDocument("activities/state", stateParams),
    ]);
  }).then(function (documents) {
    launchData = documents[0];
    if (!launchData || typeof launchData !== "object") throw new Error("LMS.LaunchData could not be read");
    // The learner's preferences are read as cmi5 asks; the course has one
    // language and no audio, so nothing depends on them.
    var saved = queue.pendingState(stateParams) || documents[2];
    if (saved && typeof saved === "object") {
      doc.progress = saved.progress && typeof saved.progress === "object" ? saved.progress : null;
      doc.completed = saved.completed === true;
      doc.passed = saved.passed === true;
    }
    normal = (launchData.launchMode || "Normal") === "Normal";
    if (typeof launchData.masteryScore === "number") {
      mastery = launchData.masteryScore;
      masteryFromLms = true;
    } else {
      mastery = BUILT_MASTERY;
    }
    window.BrandcampLms = {
      store: store,
      report: report,
      finish: finish,
      version: "cmi5",
      learner: { name: learnerName, id: learnerId },
    };
    if (session.terminated) {
      ended = true;
      say("ended");
      queue.flush();
    } else {
      if (!session.initialized) {
        session.initialized = true;
        session.started = Date.now();
        keepSession();
        send("initialized");
      } else {
        queue.flush();
      }
      say("");
      exitButton.hidden = false;
      exitButton.addEventListener("click", leave);
      window.addEventListener("pagehide", function () { finish(true); });
    }
    show(HOME);
  }).catch(function (e) {
    warn(String(e && e.message ? e.message : e) + "; progress stays in this browser");
    say("unreachable");
    show(HOME);
  });
})();
