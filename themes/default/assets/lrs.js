// brandcamp's plain site reporting to an LRS (xAPI), for a course whose
// course.yaml has `xapi:`; a course without it has neither this script nor
// xapi.js in its pages, and no script of the site reaches the network.
// No dependencies.
//
// It offers window.BrandcampReporter, which progress.js's reportAttempt
// calls after each graded attempt (inside an LMS package the launch page's
// BrandcampLms is used instead, and this script does nothing). Each attempt
// gives: an `answered` statement per question (as in the cmi5 package), a
// `passed` or `failed` statement about the quiz, and, the first time the
// course is done, `completed` about the course. They go through xapi.js's
// queue (localStorage), so that nothing is lost while the LRS cannot be
// reached or the learner closes the page.
//
// The learner, as course.yaml's `xapi.learner` says: `anonymous`, a random
// id made in this browser and kept there; `link`, the id and name of the
// link the learner opened the course with (`?learner=ID&name=NAME`), kept
// in this browser afterwards (anonymous until such a link is opened). The
// id is an account on the course's IRI.
//
// The settings (window.BRANDCAMP_XAPI, assets/xapi-settings.js) are public
// like everything in a static site: a key in them is readable by anyone
// who can open the site (docs/lms.md says which set-ups are safe).
(function () {
  "use strict";
  var X = window.BrandcampXapi;
  var settings = window.BRANDCAMP_XAPI;
  if (!X || !settings || !settings.endpoint || !settings.course) return;
  try {
    if (window.parent !== window && window.parent.BrandcampLms) return;
  } catch (e) { /* a parent from another origin: not our launch page */ }
  var KEY = document.body.getAttribute("data-course") || "brandcamp";
  var LANGUAGE = document.documentElement.lang || "en";
  var COURSE = settings.course.replace(/\/$/, "");
  var learnerKey = "brandcamp-xapi-learner:" + KEY;
  var completedKey = "brandcamp-xapi-completed:" + KEY;

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage off */ }
  }
  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  // Who the statements are about (see above).
  function learner() {
    var known = null;
    try { known = JSON.parse(recall(learnerKey)); } catch (e) { known = null; }
    if (settings.learner === "link") {
      var query = new URLSearchParams(window.location.search);
      var id = (query.get("learner") || "").trim();
      if (id) {
        known = { id: id.slice(0, 200), name: (query.get("name") || "").trim().slice(0, 200), linked: true };
        remember(learnerKey, JSON.stringify(known));
      }
    }
    if (!known || !known.id) {
      known = { id: X.uuid(), name: "" };
      remember(learnerKey, JSON.stringify(known));
    }
    var actor = { objectType: "Agent", account: { homePage: settings.course, name: known.id } };
    if (known.name) actor.name = known.name;
    return actor;
  }

  var actor = learner();
  var lrs = X.client(settings.endpoint, settings.authorization || "");
  var queue = X.queue("site:" + KEY, lrs);
  // What earlier pages left waiting.
  queue.flush();

  function named(text) {
    var name = {};
    name[LANGUAGE] = String(text || "").slice(0, 500);
    return name;
  }

  function courseActivity() {
    return { objectType: "Activity", id: COURSE, definition: { type: "http://adlnet.gov/expapi/activities/course", name: named(settings.title) } };
  }

  function statement(verbName, object, result, context) {
    var s = { id: X.uuid(), actor: actor, verb: X.verb(verbName), object: object, context: context, timestamp: new Date().toISOString() };
    if (result) s.result = result;
    return s;
  }

  function report(info) {
    if (!info) return;
    var quizId = COURSE + "/quiz/" + encodeURIComponent(String(info.module || info.quiz || ""));
    var quiz = { objectType: "Activity", id: quizId, definition: { type: "http://adlnet.gov/expapi/activities/assessment", name: named(info.quizTitle || info.moduleTitle || info.module) } };
    var inCourse = { language: LANGUAGE, contextActivities: { grouping: [{ objectType: "Activity", id: COURSE }] } };
    (info.records || []).forEach(function (record) {
      var context = JSON.parse(JSON.stringify(inCourse));
      context.contextActivities.parent = [{ objectType: "Activity", id: quizId }];
      queue.push({ kind: "statement", body: X.answered(actor, quizId, record, context, LANGUAGE) });
    });
    var score = Math.max(0, Math.min(100, Number(info.score) || 0));
    var result = {
      success: !!info.passed,
      score: { scaled: Math.round(score * 100) / 10000, raw: score, min: 0, max: 100 },
    };
    if (typeof info.durationMs === "number" && isFinite(info.durationMs)) result.duration = X.duration(info.durationMs);
    var context = JSON.parse(JSON.stringify(inCourse));
    queue.push({ kind: "statement", body: statement(info.passed ? "passed" : "failed", quiz, result, context) });
    var progress = window.BrandcampProgress;
    if (!progress || !progress.whenComplete) return;
    // Whether the course is complete needs the whole course (progress.js).
    progress.whenComplete(function () {
      if (progress.certificateReady() && recall(completedKey) !== "1") {
        remember(completedKey, "1");
        queue.push({ kind: "statement", body: statement("completed", courseActivity(), { completion: true }, { language: LANGUAGE }) });
      }
    });
  }

  window.BrandcampReporter = { report: report };
})();
