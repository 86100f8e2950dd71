// brandcamp default theme: the search box in the header (a combobox whose
// live results are a listbox) and the search page. The index
// (assets/search-index.js) is a script, so it loads from file:// too, and it
// is only loaded when the learner first focuses a search box. Results are
// built with textContent and <mark> elements, never innerHTML.
(function () {
  "use strict";
  var core = window.BrandcampSearch;
  var box = document.querySelector("[data-search]");
  if (!core || !box) return;

  var root = box.getAttribute("data-root") || "";
  var input = box.querySelector(".search-input");
  var popup = box.querySelector(".search-popup");
  var listbox = box.querySelector("[role=listbox]");
  var allLink = box.querySelector(".search-all");
  var status = box.querySelector("[data-search-status]");
  var LIVE_RESULTS = 8;
  var PAGE_RESULTS = 50;

  // Loading the index once, for the header box and the search page alike.
  var searcher = null;
  var failed = false;
  var loading = false;
  var waiting = [];
  function withIndex(callback) {
    if (searcher || failed) return callback(searcher);
    waiting.push(callback);
    if (window.BRANDCAMP_SEARCH) return loaded();
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = box.getAttribute("data-index");
    script.onload = loaded;
    script.onerror = function () {
      failed = true;
      flush();
    };
    document.head.appendChild(script);
  }
  function loaded() {
    if (window.BRANDCAMP_SEARCH) searcher = new core.Searcher(window.BRANDCAMP_SEARCH);
    else failed = true;
    flush();
  }
  function flush() {
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (callback) { callback(searcher); });
  }

  // The sections' texts come in chunks (assets/search-text-K.js), loaded
  // for the results shown; each snippet is filled in once its chunk is here.
  var chunkState = {};
  function withText(result, callback) {
    var place = searcher.chunkOf(result.section);
    var texts = window.BRANDCAMP_SEARCH_TEXT || {};
    if (texts[place.chunk]) return callback(texts[place.chunk][place.offset] || "");
    var state = chunkState[place.chunk];
    if (state === "failed") return;
    if (!state) {
      state = chunkState[place.chunk] = [];
      var script = document.createElement("script");
      script.src = box.getAttribute("data-index").replace(/search-index\.js$/, "search-text-" + place.chunk + ".js");
      script.onload = function () {
        var loaded = (window.BRANDCAMP_SEARCH_TEXT || {})[place.chunk];
        chunkState[place.chunk] = loaded ? "loaded" : "failed";
        state.forEach(function (waiting) { if (loaded) waiting(loaded); });
      };
      script.onerror = function () { chunkState[place.chunk] = "failed"; };
      document.head.appendChild(script);
    }
    state.push(function (loaded) { callback(loaded[place.offset] || ""); });
  }

  // Fills `element` with the result's snippet, around the first match.
  function fillSnippet(element, result, words) {
    withText(result, function (text) {
      if (!element.isConnected) return;
      element.textContent = "";
      appendMarked(element, core.excerpt(text, words), words);
    });
  }

  function countText(n) {
    if (n === 0) return box.getAttribute("data-none");
    if (n === 1) return box.getAttribute("data-one");
    return box.getAttribute("data-many").replace("{n}", String(n));
  }

  function appendMarked(parent, text, words) {
    core.highlight(text, words).forEach(function (part) {
      if (part.mark) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part.text));
      }
    });
  }

  // "Module › Heading", the heading marked too: the match is often there.
  function appendWhere(parent, result, words) {
    parent.appendChild(document.createTextNode(result.module));
    if (result.heading) {
      parent.appendChild(document.createTextNode(" › "));
      appendMarked(parent, result.heading, words);
    }
  }

  function span(className) {
    var element = document.createElement("span");
    element.className = className;
    return element;
  }

  // The header box: a combobox (ARIA 1.2) with a listbox of live results.
  var results = [];
  var active = -1;

  function isOpen() {
    return !popup.hidden;
  }
  function open() {
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function close() {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }
  function setActive(index) {
    var options = listbox.children;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function go(href) {
    window.location.href = root + href;
  }

  function showLive() {
    var query = input.value;
    allLink.href = root + "search.html?q=" + encodeURIComponent(query);
    if (core.fold(query).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
      results = [];
      listbox.textContent = "";
      status.textContent = "";
      close();
      return;
    }
    withIndex(function (found) {
      if (query !== input.value) return; // typed on meanwhile
      if (!found) {
        status.textContent = box.getAttribute("data-unavailable");
        return;
      }
      var answer = found.search(query, LIVE_RESULTS);
      results = answer.results;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = "search-option-" + i;
        option.className = "search-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = span("search-option-title");
        appendMarked(title, result.title, answer.words);
        var where = span("search-option-where");
        appendWhere(where, result, answer.words);
        var snippet = span("search-option-snippet");
        fillSnippet(snippet, result, answer.words);
        option.appendChild(title);
        option.appendChild(where);
        option.appendChild(snippet);
        option.addEventListener("click", function () { go(result.href); });
        option.addEventListener("mousemove", function () {
          if (active !== i) setActive(i);
        });
        listbox.appendChild(option);
      });
      status.textContent = countText(answer.total);
      allLink.hidden = answer.total <= results.length;
      if (results.length) open();
      else close();
    });
  }

  input.addEventListener("focus", function () {
    withIndex(function () {});
  });
  input.addEventListener("input", showLive);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!results.length) return;
      event.preventDefault();
      if (!isOpen()) open();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active + step;
      if (next >= results.length) next = 0;
      if (next < 0) next = results.length - 1;
      setActive(next);
    } else if (event.key === "Enter") {
      if (isOpen() && active >= 0 && results[active]) {
        event.preventDefault();
        go(results[active].href);
      }
    } else if (event.key === "Escape") {
      if (isOpen()) {
        event.preventDefault();
        event.stopPropagation();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        showLive();
      }
    }
  });
  box.addEventListener("focusout", function (event) {
    if (!box.contains(event.relatedTarget)) close();
  });
  // Keeps the focus in the box while an option is clicked.
  popup.addEventListener("mousedown", function (event) {
    if (event.target !== allLink) event.preventDefault();
  });

  // "/" or Ctrl-K (⌘K) from anywhere on the page.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    var ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K");
    if (!slash && !ctrlK) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  // The search page: results for ?q=, updated as the learner types.
  var pageForm = document.querySelector("[data-search-page]");
  if (!pageForm) return;
  var pageInput = pageForm.querySelector("input[name=q]");
  var pageStatus = document.querySelector("[data-search-page-status]");
  var pageList = document.querySelector("[data-search-page-results]");
  var params = new URLSearchParams(window.location.search);
  pageInput.value = params.get("q") || "";

  function showPage() {
    var query = pageInput.value;
    withIndex(function (found) {
      if (query !== pageInput.value) return;
      pageList.textContent = "";
      if (!found) {
        pageStatus.textContent = box.getAttribute("data-unavailable");
        return;
      }
      if (!query.trim()) {
        pageStatus.textContent = "";
        return;
      }
      var answer = found.search(query, PAGE_RESULTS);
      answer.results.forEach(function (result) {
        var item = document.createElement("li");
        item.className = "search-result";
        var heading = document.createElement("h2");
        heading.className = "search-result-title";
        var link = document.createElement("a");
        link.href = root + result.href;
        appendMarked(link, result.title, answer.words);
        heading.appendChild(link);
        var where = document.createElement("p");
        where.className = "search-result-where";
        appendWhere(where, result, answer.words);
        var snippet = document.createElement("p");
        snippet.className = "search-result-snippet";
        fillSnippet(snippet, result, answer.words);
        item.appendChild(heading);
        item.appendChild(where);
        item.appendChild(snippet);
        pageList.appendChild(item);
      });
      pageStatus.textContent = countText(answer.total);
    });
  }
  pageInput.addEventListener("input", showPage);
  showPage();
})();
