// brandcamp default theme: the module list in the sidebar (from the table
// of contents, see toc-loader.js), the phone menu and the dark-mode toggle.
// No dependencies; works from file:// as well as from a web server.
(function () {
  "use strict";
  var body = document.body;

  // Interface strings with {name} placeholders, for every script of the
  // theme. With a count `n`, the `_one` form of the key is used where the
  // page's language says the count is singular (Intl.PluralRules: 1 in
  // English; 0 and 1 in French).
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  window.BrandcampText = {
    format: function (strings, key, args) {
      var n = args && args.n;
      var one = typeof n === "number" && (plurals ? plurals.select(n) === "one" : n === 1);
      var text = (one && strings[key + "_one"]) || strings[key] || key;
      Object.keys(args || {}).forEach(function (name) {
        text = text.split("{" + name + "}").join(String(args[name]));
      });
      return text;
    },
  };
  var root = body.getAttribute("data-root") || "";

  // The list of the modules: those of the groups of the table of contents
  // this page loaded (all of them in a course of up to 1,000 lessons), an
  // ellipsis for those left out (the course home lists them all).
  var list = document.getElementById("nav-modules");
  var toc = window.BrandcampToc;
  if (list && toc) {
    var current = body.getAttribute("data-module");
    var fragment = document.createDocumentFragment();
    var more = function () {
      var item = document.createElement("li");
      item.className = "nav-more";
      item.setAttribute("aria-hidden", "true");
      item.textContent = "…";
      fragment.appendChild(item);
    };
    var expected = 0;
    toc.modules().forEach(function (module) {
      if (module.index > expected) more();
      expected = module.index + 1;
      var item = document.createElement("li");
      item.setAttribute("data-module", module.slug);
      var link = document.createElement("a");
      link.href = root + module.href;
      link.textContent = module.title;
      if (module.slug === current) link.className = "nav-module-current";
      item.appendChild(link);
      fragment.appendChild(item);
    });
    if (expected > 0 && expected < toc.count()) more();
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
  // The label names the mode the button switches to.
  var toggleLabel = themeToggle && themeToggle.querySelector(".theme-toggle-label");
  var themeStrings = window.BRANDCAMP_STRINGS || {};
  function show() {
    if (toggleLabel) {
      toggleLabel.textContent = isDark()
        ? themeStrings.toggle_theme_light || "Light mode"
        : themeStrings.toggle_theme || "Dark mode";
    }
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

  // A copy button on each code block (the code is highlighted at build time).
  var strings = window.BRANDCAMP_STRINGS || {};
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // file:// and plain-HTTP intranets: the older way.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(area);
      if (done) resolve();
      else reject(new Error("copy refused"));
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".code-block"), function (block) {
    var code = block.querySelector("code");
    if (!code) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    var label = strings.code_copy || "Copy";
    button.textContent = label;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var timer = null;
    button.addEventListener("click", function () {
      copyText(code.textContent).then(function () {
        button.textContent = strings.code_copied || "Copied";
        status.textContent = strings.code_copied || "Copied";
      }, function () {
        button.textContent = strings.code_copy_failed || "Select the code to copy it";
        status.textContent = button.textContent;
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = label;
        status.textContent = "";
      }, 2000);
    });
    block.appendChild(button);
    block.appendChild(status);
  });
})();
