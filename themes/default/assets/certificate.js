// brandcamp certificate page: once every graded quiz is passed, the learner
// types their name and gets a certificate to print (one A4 landscape page,
// see certificate-print.css). Text goes in with textContent only.
(function () {
  "use strict";
  var P = window.BrandcampProgress;
  var page = document.querySelector("[data-certificate-page]");
  if (!P || !page) return;
  var strings = window.BRANDCAMP_STRINGS || {};

  function t(key, args) {
    if (window.BrandcampText) return window.BrandcampText.format(strings, key, args);
    return strings[key] || key;
  }
  function percent(value) {
    return t("percent", { n: Math.floor(value + 1e-9) });
  }

  var locked = page.querySelector("[data-certificate-locked]");
  var form = page.querySelector("[data-certificate-form]");
  var certificate = page.querySelector("[data-certificate]");
  var input = form.querySelector("input");

  // The modules with a quiz, and where the learner stands in each.
  page.querySelectorAll("[data-module-score]").forEach(function (item) {
    var record = P.quiz(item.getAttribute("data-module-score"));
    var out = item.querySelector("[data-score]");
    if (!out) return;
    if (record && record.passed) out.textContent = percent(record.best);
    else if (record) out.textContent = t("best_score", { score: percent(record.best) }) + " · " + t("not_passed_yet");
    else out.textContent = t("quiz_not_taken");
    item.classList.toggle("is-done", !!(record && record.passed));
  });

  function formatDate(date) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(date);
    } catch (e) {
      return date.toDateString();
    }
  }

  function show(name) {
    certificate.querySelector("[data-certificate-name]").textContent = name;
    certificate.querySelector("[data-certificate-date]").textContent = formatDate(P.completedAt() || new Date());
    certificate.hidden = false;
  }

  if (!P.certificateReady()) {
    locked.hidden = false;
    return;
  }
  form.hidden = false;
  var saved = P.load().name;
  if (saved) {
    input.value = saved;
    show(saved);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = input.value.trim();
    var error = form.querySelector("[data-name-error]");
    if (!name) {
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    P.setName(name);
    show(name);
    certificate.focus();
  });
  var print = page.querySelector("[data-print]");
  if (print) print.addEventListener("click", function () { window.print(); });
})();
