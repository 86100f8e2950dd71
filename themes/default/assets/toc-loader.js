// brandcamp's table of contents, as the other scripts read it
// (window.BrandcampToc). No dependencies; works from file://.
//
// The build cuts the course's modules into groups (src/toc.rs). Each
// group's script, assets/toc/<n>.js, adds the group to
// window.BRANDCAMP_TOC_GROUPS: its modules with their lessons and quizzes,
// and their ids in the lock; and says how many groups and modules there
// are and what the lock's tag is (window.BRANDCAMP_TOC, the same in every
// group). A page loads, as plain <script> tags, the groups it needs (its
// module's, and those of the modules it requires and its pager leads to;
// every group on the pages that show the whole course). Whatever else is needed is fetched on demand with
// <script> elements too (a JSON request would not work from file://):
// BrandcampToc.loadAll(callback).
//
// A module, as every script sees it:
//   { index, slug, title, href, lessons: [[slug, href, slot]], quiz (the
//     quiz page, or null), quiz_slot, requires: [module slugs] }
// and the lock, for reading saved progress:
//   { tag, lessons: [id or null, by slot], quizzes: [[id, version] or
//     null, by slot], was: { lessons: {former id: slot}, quizzes: {…} } }
// Pages are at <module>/index.html, <module>/<lesson>.html and
// <module>/quiz.html (src/urls.rs).
(function () {
  "use strict";
  var index = null;    // window.BRANDCAMP_TOC, once a group has come
  var groupCount = 0;
  var taken = {};      // groups read from BRANDCAMP_TOC_GROUPS, by number
  var byIndex = [];    // modules read, by their place in the course
  var bySlug = {};
  var lock = { tag: "", lessons: [], quizzes: [], was: { lessons: {}, quizzes: {} } };
  var waiting = [];    // [groups, callback] until those groups have come (or failed)
  var failed = {};

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // Reads the groups that have arrived since last time.
  function take() {
    if (!index && isObject(window.BRANDCAMP_TOC)) {
      index = window.BRANDCAMP_TOC;
      groupCount = Number(index.groups) || 0;
      lock.tag = typeof index.tag === "string" ? index.tag : "";
      for (var s = 0; s < (Number(index.lesson_slots) || 0); s++) lock.lessons.push(null);
    }
    var groups = window.BRANDCAMP_TOC_GROUPS;
    if (!isObject(groups)) return;
    Object.keys(groups).forEach(function (key) {
      var n = Number(key);
      var group = groups[key];
      if (taken[n] || !isObject(group) || !Array.isArray(group.modules)) return;
      taken[n] = true;
      group.modules.forEach(function (m, k) { add(Number(group.first) + k, m); });
      var was = isObject(group.was) ? group.was : {};
      ["lessons", "quizzes"].forEach(function (kind) {
        var names = isObject(was[kind]) ? was[kind] : {};
        Object.keys(names).forEach(function (name) { lock.was[kind][name] = names[name]; });
      });
    });
  }

  function add(at, m) {
    var lessons = (Array.isArray(m.lessons) ? m.lessons : []).map(function (l) {
      var path = m.slug + "/" + l[0];
      lock.lessons[l[1]] = typeof l[2] === "string" ? l[2] : path;
      return [l[0], path + ".html", l[1]];
    });
    var quiz = Array.isArray(m.quiz) ? m.quiz : null;
    if (quiz) lock.quizzes[quiz[0]] = [quiz[1], quiz[2]];
    var module = {
      index: at,
      slug: m.slug,
      title: m.title,
      href: m.slug + "/index.html",
      lessons: lessons,
      quiz: quiz ? m.slug + "/quiz.html" : null,
      requires: Array.isArray(m.requires) ? m.requires : [],
    };
    if (quiz) module.quiz_slot = quiz[0];
    byIndex[at] = module;
    bySlug[m.slug] = module;
  }

  function has(n) {
    take();
    return !!taken[n];
  }

  function complete() {
    take();
    if (!index) return false;
    for (var n = 0; n < groupCount; n++) if (!has(n)) return false;
    return true;
  }

  // The modules read so far, in course order.
  function modules() {
    take();
    return byIndex.filter(Boolean);
  }

  // Calls back the waiters whose groups have all come or failed.
  function settle() {
    take();
    waiting = waiting.filter(function (w) {
      var done = w[0].every(function (n) { return taken[n] || failed[n]; });
      if (done) w[1](w[0].every(function (n) { return taken[n]; }));
      return !done;
    });
  }

  var requested = {};
  // Loads the groups `numbers` not loaded yet, then calls `callback(ok)`
  // (ok: every one of them came); at once when they are all here.
  function load(numbers, callback) {
    var missing = numbers.filter(function (n) { return !has(n) && !failed[n]; });
    if (!missing.length) {
      callback(numbers.every(function (n) { return taken[n]; }));
      return;
    }
    waiting.push([numbers, callback]);
    var root = (document.body && document.body.getAttribute("data-root")) || "";
    missing.forEach(function (n) {
      if (requested[n]) return;
      requested[n] = true;
      var script = document.createElement("script");
      script.src = root + "assets/toc/" + n + ".js";
      script.onload = settle;
      script.onerror = function () {
        failed[n] = true;
        if (window.console) console.warn("brandcamp: " + script.src + " could not be loaded");
        settle();
      };
      document.head.appendChild(script);
    });
  }

  // Every group (group 0 first, which says how many there are).
  function loadAll(callback) {
    take();
    if (!index) {
      load([0], function (ok) {
        if (ok) loadAll(callback);
        else callback(false);
      });
      return;
    }
    var all = [];
    for (var n = 0; n < groupCount; n++) all.push(n);
    load(all, callback);
  }

  window.BrandcampToc = {
    modules: modules,
    module: function (slug) {
      take();
      return Object.prototype.hasOwnProperty.call(bySlug, slug) ? bySlug[slug] : null;
    },
    // The module at `at` in the course, if read.
    at: function (at) { take(); return byIndex[at] || null; },
    // How many modules the course has, read or not.
    count: function () { take(); return index ? Number(index.modules) || 0 : 0; },
    lock: function () { take(); return lock; },
    complete: complete,
    loadAll: loadAll,
  };
})();
