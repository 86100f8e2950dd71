// brandcamp default theme: the module list in the sidebar (from toc.js,
// written once for the whole site), the phone menu and the dark-mode toggle.
// No dependencies; works from file:// as well as from a web server.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";

  // The list of all modules.
  var list = document.getElementById("nav-modules");
  var toc = window.BRANDCAMP_TOC;
  if (list && Array.isArray(toc)) {
    var current = body.getAttribute("data-module");
    var fragment = document.createDocumentFragment();
    toc.forEach(function (module) {
      var item = document.createElement("li");
      item.setAttribute("data-module", module.slug);
      var link = document.createElement("a");
      link.href = root + module.href;
      link.textContent = module.title;
      if (module.slug === current) link.className = "nav-module-current";
      item.appendChild(link);
      fragment.appendChild(item);
    });
    list.appendChild(fragment);
  }

  // The phone menu.
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = document.querySelector("#sidebar a");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && body.classList.contains("nav-open")) {
        body.classList.remove("nav-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  // The search box: in the header on wide screens; on phones behind a
  // button, so that the header stays one row. It opens below the header.
  var searchToggle = document.querySelector(".search-toggle");
  var searchBox = document.getElementById("site-search");
  if (searchToggle && searchBox) {
    var setSearchOpen = function (open) {
      body.classList.toggle("search-open", open);
      searchToggle.setAttribute("aria-expanded", open ? "true" : "false");
      var input = searchBox.querySelector("input");
      if (open && input) input.focus();
    };
    searchToggle.addEventListener("click", function () {
      setSearchOpen(!body.classList.contains("search-open"));
    });
    searchBox.addEventListener("keydown", function (event) {
      // search.js handles Escape first (closing its results, clearing the box).
      if (event.key === "Escape" && !event.defaultPrevented && body.classList.contains("search-open")) {
        setSearchOpen(false);
        searchToggle.focus();
      }
    });
    searchBox.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (to && !searchBox.contains(to) && to !== searchToggle) setSearchOpen(false);
    });
  }

  // Dark mode: follows the system until the learner chooses.
  var themeToggle = document.querySelector(".theme-toggle");
  var html = document.documentElement;
  function isDark() {
    var chosen = html.getAttribute("data-theme");
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function show() {
    if (themeToggle) themeToggle.setAttribute("aria-pressed", isDark() ? "true" : "false");
  }
  if (themeToggle) {
    show();
    themeToggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      html.setAttribute("data-theme", next);
      try { localStorage.setItem("brandcamp-theme", next); } catch (e) { /* storage may be off */ }
      show();
    });
  }
})();
