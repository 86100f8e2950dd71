// brandcamp certificate page: once every graded quiz is passed, the learner
// types their name and gets a certificate to print (one A4 landscape page,
// see certificate-print.css). Text goes in with textContent only.
(function () {
  "use strict";
  var P = window.BrandcampProgress;
  var page = document.querySelector("[data-certificate-page]");
  if (!P || !page) return;
  // Whether the certificate is earned reads the whole course.
  if (P.whenComplete) P.whenComplete(certificatePage);
  else certificatePage();

  function certificatePage() {
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
      var mark = item.querySelector("[data-passed]");
      if (mark && record && record.passed) {
        mark.textContent = "✓";
        var words = document.createElement("span");
        words.className = "visually-hidden";
        words.textContent = t("passed");
        mark.appendChild(words);
      }
      if (record && record.passed) out.textContent = percent(record.best);
      else if (record) out.textContent = t("best_score", { score: percent(record.best) }) + " · " + t("not_passed_yet");
      else out.textContent = t("quiz_not_taken");
      // The table has its own ✓ column; the list before it is marked itself.
      if (!mark) item.classList.toggle("is-done", !!(record && record.passed));
    });

    function formatDate(date) {
      try {
        return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(date);
      } catch (e) {
        return date.toDateString();
      }
    }

    // The learner's id in the LMS that launched the course (SCORM:
    // cmi.learner_id or cmi.core.student_id; cmi5: the actor's account name or
    // e-mail), under the name.
    function learnerId() {
      try {
        var lms = window.parent !== window ? window.parent.BrandcampLms : null;
        return lms && lms.learner && typeof lms.learner.id === "string" ? lms.learner.id : "";
      } catch (e) {
        return "";
      }
    }

    function show(name) {
      certificate.querySelector("[data-certificate-name]").textContent = name;
      var learner = certificate.querySelector("[data-certificate-learner]");
      var id = learnerId();
      if (learner && id) {
        learner.textContent = t("certificate_learner", { id: id });
        learner.hidden = false;
      }
      var date = formatDate(P.completedAt() || new Date());
      certificate.querySelector("[data-certificate-date]").textContent = date;
      // Course title, build identifier and date: enough to check a copy.
      var verify = certificate.querySelector("[data-certificate-verify]");
      if (verify) {
        verify.textContent = t("certificate_verify", {
          course: verify.getAttribute("data-course-title"),
          id: verify.getAttribute("data-build-id"),
          date: date,
        });
      }
      certificate.hidden = false;
    }

    if (!P.certificateReady()) {
      locked.hidden = false;
      return;
    }
    // Ready: the certificate's own table gives the scores; the list that
    // tracked them while the course was under way goes.
    page.querySelectorAll(".certificate-scores-title, .certificate-status").forEach(function (el) { el.hidden = true; });
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
  }
})();
