// brandcamp quizzes in the browser: the graded quiz of a module page
// (quiz.html) and the knowledge checks of lessons, both built from the JSON
// the page embeds (<script type="application/json" class="quiz-data">).
// Grading rules are in grading.js; progress goes through progress.js, and
// so does each graded attempt, answer by answer (interactions.js), for an
// LMS or LRS to hear of it.
//
// Text is inserted with textContent. The only HTML inserted as such is the
// build's rendering of the author's Markdown (prompts, choices, hints,
// feedback, explanations): trusted build output, escaped at build time like
// any lesson, and marked at each use with trustedHtml().
(function () {
  "use strict";
  var G = window.BrandcampGrading;
  var P = window.BrandcampProgress;
  if (!G) return;
  var strings = window.BRANDCAMP_STRINGS || {};
  var uid = 0;

  function t(key, args) {
    if (window.BrandcampText) return window.BrandcampText.format(strings, key, args);
    return strings[key] || key;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // Trusted build output only: HTML that brandcamp rendered from the
  // author's Markdown. Never learner input or stored data.
  function trustedHtml(tag, className, html) {
    var e = el(tag, className);
    e.innerHTML = html;
    return e;
  }

  // The text of build-rendered HTML (for labels and <option>s).
  function plainText(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent.trim();
  }

  function percent(value) {
    return t("percent", { n: G.displayPercent(value) });
  }

  function readPayload(container) {
    var script = container.querySelector("script.quiz-data");
    try {
      return JSON.parse(script.textContent);
    } catch (e) {
      return null;
    }
  }

  function announce(live, text) {
    // Cleared first so that the same words are announced again.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // --- One question ---------------------------------------------------------

  // Builds a question's fieldset. Returns {element, response, showResult,
  // reset}. `opts`: prefix (unique id), number, total, shuffle, live.
  function questionView(q, secret, opts) {
    var prefix = opts.prefix;
    var fieldset = el("fieldset", "question question-" + q.type);
    fieldset.setAttribute("data-question-id", q.id);
    var legend = el("legend");
    var numberText = opts.total > 1 ? t("question_n_of", { n: opts.number, total: opts.total }) : t("question");
    if (q.points > 1) numberText += " · " + t("points", { n: q.points });
    legend.appendChild(el("span", "question-number", numberText));
    if (q.promptBlock) {
      fieldset.appendChild(legend);
      var block = trustedHtml("div", "question-prompt question-prompt-block", q.prompt);
      block.id = prefix + "-prompt";
      fieldset.setAttribute("aria-describedby", block.id);
      fieldset.appendChild(block);
    } else {
      legend.appendChild(trustedHtml("span", "question-prompt", q.prompt));
      fieldset.appendChild(legend);
    }
    if (q.hint) {
      var details = el("details", "question-hint");
      details.appendChild(el("summary", null, t("hint")));
      details.appendChild(trustedHtml("div", null, q.hint));
      fieldset.appendChild(details);
    }
    var area = el("div", "question-answer");
    fieldset.appendChild(area);
    var result = el("div", "question-result");
    result.hidden = true;
    fieldset.appendChild(result);

    var view = { element: fieldset, response: null, show: null };
    switch (q.type) {
      case "single":
      case "multiple":
      case "true_false":
        choicesView(q, secret, opts, area, view);
        break;
      case "text":
      case "numeric":
      case "post":
        textView(q, secret, opts, area, view);
        break;
      case "order":
        orderView(q, opts, area, view);
        break;
      case "match":
        matchView(q, opts, area, view);
        break;
    }

    // `reveal`: whether the right answers and the explanation may be shown
    // (the quiz's `review` setting); the verdict and the feedback on the
    // learner's own answers are shown either way.
    view.showResult = function (grade, reveal) {
      fieldset.classList.add("is-checked");
      fieldset.classList.toggle("is-correct", grade.correct);
      result.textContent = "";
      result.hidden = false;
      var verdict;
      if (!grade.answered) verdict = ["unanswered", t("not_answered")];
      else if (grade.correct) verdict = ["correct", q.type === "post" ? t("post_received") : t("correct")];
      else if (grade.score > 0) verdict = ["partial", t("partly_correct", { score: percent(100 * grade.score) })];
      else verdict = ["wrong", t("incorrect")];
      result.appendChild(el("p", "question-verdict verdict-" + verdict[0], verdict[1]));
      if (view.show) view.show(result, grade, reveal);
      if (reveal && secret.explanation) result.appendChild(trustedHtml("div", "question-explanation", secret.explanation));
      setDisabled(fieldset, true);
      // The self-assessment stays usable once the answer is locked.
      result.querySelectorAll(".post-rubric input").forEach(function (c) { c.disabled = false; });
      return verdict[1];
    };
    view.clear = function () {
      fieldset.classList.remove("is-checked", "is-correct");
      result.hidden = true;
      result.textContent = "";
      setDisabled(fieldset, false);
      if (view.reset) view.reset();
    };
    return view;
  }

  function setDisabled(fieldset, disabled) {
    fieldset.querySelectorAll("input, select, textarea, .order-item button").forEach(function (c) {
      c.disabled = disabled;
    });
    if (!disabled) fieldset.querySelectorAll(".order-list").forEach(updateOrderButtons);
  }

  function choicesView(q, secret, opts, area, view) {
    var multiple = q.type === "multiple";
    var labels = q.type === "true_false" ? null : q.choices;
    var count = labels ? labels.length : 2;
    var indexes = [];
    for (var i = 0; i < count; i++) indexes.push(i);
    if (opts.shuffle && labels) indexes = G.shuffled(indexes);
    var list = el("div", "choices");
    if (multiple) list.appendChild(el("p", "choices-help", t("choose_all")));
    var rows = [];
    indexes.forEach(function (index) {
      var row = el("div", "choice");
      var input = el("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = opts.prefix;
      input.id = opts.prefix + "-c" + index;
      input.value = String(index);
      var label = labels ? trustedHtml("label", null, labels[index]) : el("label", null, index === 0 ? t("answer_true") : t("answer_false"));
      label.htmlFor = input.id;
      row.appendChild(input);
      row.appendChild(label);
      list.appendChild(row);
      rows.push({ index: index, row: row, input: input });
    });
    area.appendChild(list);

    view.response = function () {
      var selected = rows.filter(function (r) { return r.input.checked; }).map(function (r) { return r.index; });
      if (q.type === "true_false") return { value: selected.length ? selected[0] === 0 : null };
      return { selected: selected };
    };
    view.show = function (result, grade, reveal) {
      rows.forEach(function (r) {
        var right = q.type === "true_false" ? (r.index === 0) === secret.answer : !!secret.correct[r.index];
        var picked = r.input.checked;
        r.row.classList.toggle("choice-right", reveal && right);
        r.row.classList.toggle("choice-picked", picked);
        r.row.classList.toggle("choice-wrong", !reveal && picked && !right);
        var tags = [];
        if (picked) tags.push(reveal || right ? t("your_answer") : t("your_answer_wrong"));
        if (reveal && right) tags.push(multiple ? t("a_right_answer") : t("the_right_answer"));
        if (tags.length) {
          var tag = el("span", "choice-tag", tags.join(" · "));
          tag.id = r.input.id + "-tag";
          r.row.appendChild(tag);
        }
        var feedback = secret.feedback && secret.feedback[r.index];
        if (picked && feedback) {
          var box = trustedHtml("div", "choice-feedback", feedback);
          box.id = r.input.id + "-feedback";
          r.row.appendChild(box);
        }
        var described = [tag && tag.id, picked && feedback && r.input.id + "-feedback"].filter(Boolean);
        if (described.length) r.input.setAttribute("aria-describedby", described.join(" "));
      });
    };
    view.reset = function () {
      rows.forEach(function (r) {
        r.input.checked = false;
        r.input.removeAttribute("aria-describedby");
        r.row.classList.remove("choice-right", "choice-picked", "choice-wrong");
        r.row.querySelectorAll(".choice-tag, .choice-feedback").forEach(function (n) { n.remove(); });
      });
    };
  }

  // The platform as the brand writes it ("LinkedIn", not "linkedin").
  function platformLabel(name) {
    var brand = window.BrandcampBrand;
    var known = brand && brand.platform ? brand.platform(name) : null;
    return known ? known.label : name;
  }

  // After a post is checked: what to fix when the automatic checks fail;
  // once they pass, the rubric as a self-assessment checklist (not graded)
  // and the model answer.
  function showPostReview(result, grade, secret, opts) {
    var brand = window.BrandcampBrand;
    if (!grade.correct && grade.problems && grade.problems.length && brand) {
      result.appendChild(el("p", "post-review-title", t("post_to_fix")));
      var list = el("ul", "post-review-problems");
      grade.problems.forEach(function (finding) {
        var d = brand.describe(finding);
        var item = el("li", null, d.message);
        if (d.why) item.appendChild(el("span", "brand-checker-why", " " + d.why));
        list.appendChild(item);
      });
      result.appendChild(list);
      return;
    }
    if (!grade.correct) return;
    if (secret.rubric && secret.rubric.length) {
      var rubric = el("fieldset", "post-rubric");
      rubric.appendChild(el("legend", null, t("post_rubric")));
      rubric.appendChild(el("p", "post-rubric-intro", t("post_rubric_intro")));
      secret.rubric.forEach(function (item, i) {
        var row = el("div", "post-rubric-item");
        var box = el("input");
        box.type = "checkbox";
        box.id = opts.prefix + "-rubric-" + i;
        var label = trustedHtml("label", null, item);
        label.htmlFor = box.id;
        row.appendChild(box);
        row.appendChild(label);
        rubric.appendChild(row);
      });
      result.appendChild(rubric);
    }
    if (secret.modelAnswer) {
      var model = el("div", "post-model-answer");
      model.appendChild(el("p", "post-model-answer-title", t("post_model_answer")));
      model.appendChild(el("p", "post-model-answer-text", secret.modelAnswer));
      result.appendChild(model);
    }
  }

  function textView(q, secret, opts, area, view) {
    var id = opts.prefix + "-input";
    var label = el("label", "answer-label", q.type === "post" ? t("your_post", { platform: q.post ? platformLabel(q.post.platform) : "" }) : t("your_answer"));
    label.htmlFor = id;
    var input;
    if (q.type === "post") {
      input = el("textarea", "answer-post");
      input.rows = 6;
    } else {
      input = el("input", "answer-text");
      input.type = "text";
      input.autocomplete = "off";
      input.spellcheck = false;
      if (q.type === "numeric") {
        input.inputMode = "decimal";
        input.classList.add("answer-number");
      }
    }
    input.id = id;
    area.appendChild(label);
    area.appendChild(input);
    // A post is checked against the brand rules as the learner types.
    if (q.type === "post" && q.post && window.BrandcampBrand) {
      var checker = el("div", "post-question-checker");
      area.appendChild(checker);
      window.BrandcampBrand.attachChecker(input, q.post.platform, checker, { extra: q.post });
    }
    view.response = function () { return { text: input.value }; };
    view.show = function (result, grade, reveal) {
      if (grade.feedback) result.appendChild(trustedHtml("div", "answer-feedback", grade.feedback));
      if (q.type === "post") return showPostReview(result, grade, secret, opts);
      if (grade.correct || !reveal) return;
      var expected = null;
      if (q.type === "numeric") {
        expected = secret.tolerance
          ? t("expected_number_tolerance", { answer: formatNumber(secret.answer), tolerance: formatNumber(secret.tolerance) })
          : t("expected_answer", { answer: formatNumber(secret.answer) });
      } else if (q.type === "text" && secret.accept && secret.accept.length) {
        expected = t("expected_answer", { answer: secret.accept[0] });
      }
      if (expected) result.appendChild(el("p", "question-expected", expected));
    };
    view.reset = function () { input.value = ""; };
  }

  function formatNumber(n) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 10 }).format(n);
    } catch (e) {
      return String(n);
    }
  }

  // Order without drag-and-drop: each item has "move up" and "move down"
  // buttons; focus stays with the moved item, and the move is announced.
  function orderView(q, opts, area, view) {
    var help = el("p", "order-help", t("order_help"));
    help.id = opts.prefix + "-help";
    area.appendChild(help);
    var list = el("ol", "order-list");
    list.setAttribute("aria-describedby", help.id);
    area.appendChild(list);
    function fill() {
      list.textContent = "";
      var indexes = q.items.map(function (_, i) { return i; });
      var order = G.shuffled(indexes);
      // Never start in the right order.
      if (view.rightOrder && G.gradeOrder(view.rightOrder, order) === 1) order.push(order.shift());
      order.forEach(function (index) {
        var item = el("li", "order-item");
        item.setAttribute("data-index", String(index));
        var text = trustedHtml("span", "order-text", q.items[index]);
        var name = plainText(q.items[index]);
        item.appendChild(text);
        var buttons = el("span", "order-buttons");
        [["up", "↑", "move_up"], ["down", "↓", "move_down"]].forEach(function (b) {
          var button = el("button", "order-move order-" + b[0]);
          button.type = "button";
          button.setAttribute("aria-label", t(b[2], { item: name }));
          button.appendChild(el("span", null, b[1])).setAttribute("aria-hidden", "true");
          button.addEventListener("click", function () { move(item, b[0], name); });
          buttons.appendChild(button);
        });
        item.appendChild(buttons);
        list.appendChild(item);
      });
      updateOrderButtons(list);
    }
    function move(item, direction, name) {
      var other = direction === "up" ? item.previousElementSibling : item.nextElementSibling;
      if (!other) return;
      if (direction === "up") list.insertBefore(item, other);
      else list.insertBefore(other, item);
      updateOrderButtons(list);
      var same = item.querySelector(".order-" + direction);
      (same.disabled ? item.querySelector(".order-" + (direction === "up" ? "down" : "up")) : same).focus();
      var position = Array.prototype.indexOf.call(list.children, item) + 1;
      announce(opts.live, t("moved_to", { item: name, n: position, total: list.children.length }));
    }
    view.response = function () {
      return {
        order: Array.prototype.map.call(list.children, function (li) { return Number(li.getAttribute("data-index")); }),
      };
    };
    view.show = function (result, grade, reveal) {
      if (grade.correct || !reveal || !view.rightOrder) return;
      result.appendChild(el("p", "question-expected", t("right_order")));
      var ol = el("ol", "right-order");
      view.rightOrder.forEach(function (index) { ol.appendChild(trustedHtml("li", null, q.items[index])); });
      result.appendChild(ol);
    };
    view.reset = fill;
    view.fill = fill;
  }

  function updateOrderButtons(list) {
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      items[i].querySelector(".order-up").disabled = i === 0;
      items[i].querySelector(".order-down").disabled = i === items.length - 1;
    }
  }

  // Match without drag-and-drop: a <select> for each left side.
  function matchView(q, opts, area, view) {
    var rows = [];
    var order = G.shuffled(q.rights.map(function (_, i) { return i; }));
    var table = el("div", "match-rows");
    q.lefts.forEach(function (left, i) {
      var row = el("div", "match-row");
      var id = opts.prefix + "-m" + i;
      var label = trustedHtml("label", "match-left", left);
      label.htmlFor = id;
      var select = el("select", "match-select");
      select.id = id;
      select.appendChild(el("option", null, t("choose"))).value = "";
      order.forEach(function (r) {
        var option = el("option", null, q.rights[r]);
        option.value = String(r);
        select.appendChild(option);
      });
      row.appendChild(label);
      row.appendChild(select);
      table.appendChild(row);
      rows.push({ row: row, select: select });
    });
    area.appendChild(table);
    view.response = function () {
      return {
        matches: rows.map(function (r) { return r.select.value === "" ? null : Number(r.select.value); }),
      };
    };
    view.show = function (result, grade, reveal) {
      rows.forEach(function (r, i) {
        var right = view.secret.matches[i];
        var good = r.select.value !== "" && Number(r.select.value) === right;
        r.row.classList.add(good ? "match-good" : "match-bad");
        var wrong = reveal ? t("match_expected", { answer: q.rights[right] }) : t("incorrect");
        var note = el("span", "match-note", good ? t("correct") : wrong);
        note.id = r.select.id + "-note";
        r.row.appendChild(note);
        r.select.setAttribute("aria-describedby", note.id);
      });
    };
    view.reset = function () {
      rows.forEach(function (r) {
        r.select.value = "";
        r.select.removeAttribute("aria-describedby");
        r.row.classList.remove("match-good", "match-bad");
        r.row.querySelectorAll(".match-note").forEach(function (n) { n.remove(); });
      });
    };
  }

  function makeView(q, secret, opts) {
    var view;
    if (q.type === "order") {
      view = questionView(q, secret, opts);
      view.rightOrder = secret.order;
      view.fill();
      return view;
    }
    view = questionView(q, secret, opts);
    view.secret = secret;
    return view;
  }

  // --- Knowledge checks -----------------------------------------------------

  // Each question is answered and checked on its own; nothing is recorded.
  function mountKnowledgeCheck(container) {
    var data = readPayload(container);
    var mount = container.querySelector(".quiz-mount");
    if (!data || !mount) return;
    var live = el("p", "visually-hidden");
    live.setAttribute("aria-live", "polite");
    container.appendChild(live);
    data.questions.forEach(function (q, i) {
      var secret = G.decodeSecret(q.secret, data.key);
      var prefix = container.id + "-q" + i;
      var view = makeView(q, secret, {
        prefix: prefix, number: i + 1, total: data.questions.length, shuffle: false, live: live,
      });
      var form = el("form", "knowledge-question");
      form.noValidate = true;
      form.appendChild(view.element);
      var actions = el("p", "quiz-actions");
      var check = el("button", "button button-primary", t("check"));
      check.type = "submit";
      var again = el("button", "button", t("try_again"));
      again.type = "button";
      again.hidden = true;
      actions.appendChild(check);
      actions.appendChild(again);
      form.appendChild(actions);
      var nudge = el("p", "knowledge-nudge", t("answer_first"));
      nudge.id = prefix + "-nudge";
      nudge.hidden = true;
      form.appendChild(nudge);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var grade = G.gradeQuestion(q, secret, view.response());
        // "Check" with no answer is not an answer: nothing is given away.
        nudge.hidden = grade.answered;
        if (!grade.answered) {
          announce(live, t("answer_first"));
          return;
        }
        var verdict = view.showResult(grade, data.review !== "never");
        check.hidden = true;
        again.hidden = false;
        again.focus();
        announce(live, verdict);
      });
      again.addEventListener("click", function () {
        view.clear();
        again.hidden = true;
        check.hidden = false;
        var first = view.element.querySelector("input, select, textarea, button");
        if (first) first.focus();
      });
      mount.appendChild(form);
    });
  }

  // --- The graded quiz ------------------------------------------------------

  // Quizzes longer than this are shown one question at a time.
  var ONE_AT_A_TIME_AFTER = 10;

  function mountGradedQuiz(container) {
    var data = readPayload(container);
    var mount = container.querySelector(".quiz-mount");
    if (!data || !mount) return;
    var slug = data.id;
    var live = el("p", "visually-hidden");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-quiz-live", "");
    container.appendChild(live);
    var secrets = data.questions.map(function (q) { return G.decodeSecret(q.secret, data.key); });
    var root = document.body.getAttribute("data-root") || "";

    function record() {
      return P ? P.quiz(slug) : null;
    }
    function attemptsLeft() {
      if (!data.maxAttempts) return Infinity;
      var r = record();
      return data.maxAttempts - (r ? r.attempts : 0);
    }
    // The `review` setting: the right answers once passed or out of
    // attempts (after_pass), after every attempt (always), or never.
    function mayReveal(passed) {
      if (data.review === "always") return true;
      if (data.review === "never") return false;
      return passed || attemptsLeft() <= 0;
    }
    function statusLine() {
      var box = container.querySelector("[data-quiz-status]");
      if (!box) return;
      var r = record();
      var parts = [];
      if (r) parts.push(t("best_score", { score: percent(r.best) }) + (r.passed ? " · " + t("passed") : ""));
      if (data.maxAttempts) parts.push(t("attempts_used", { n: r ? r.attempts : 0, total: data.maxAttempts }));
      box.textContent = parts.join(" · ");
      box.hidden = parts.length === 0;
    }

    // What follows a pass (the next step, the course complete) reads the
    // whole course: `draw` waits until the page knows it (progress.js).
    function afterPass(passed, draw) {
      if (passed && P && P.whenComplete) P.whenComplete(draw);
      else draw();
    }

    function exhausted() {
      var r = record();
      afterPass(r && r.passed, function () { drawExhausted(r); });
    }

    function drawExhausted(r) {
      mount.textContent = "";
      var panel = el("section", "quiz-result");
      panel.appendChild(el("h2", null, t("no_attempts_left")));
      panel.appendChild(el("p", null, t("no_attempts_text", { n: data.maxAttempts, total: data.maxAttempts, score: percent(r ? r.best : 0) })));
      if (r && r.passed) panel.appendChild(nextStepLink());
      mount.appendChild(panel);
    }

    // The button to what comes after a passed quiz (progress.js decides).
    function nextStepLink() {
      var p = el("p", "quiz-next");
      if (!P || !P.nextStep) return p;
      var certificate = container.getAttribute("data-certificate-href");
      var certificatePath = certificate ? "certificate.html" : null;
      var step = P.nextStep(slug, certificatePath);
      var a = el("a", "button button-primary button-large", step.title);
      a.href = step.kind === "certificate" ? certificate : root + step.href;
      a.setAttribute("data-next-step", step.kind);
      p.appendChild(a);
      return p;
    }

    // One question at a time: a progress line, and previous/next buttons.
    function onePageAtATime(form, views, check) {
      var current = 0;
      var bar = el("div", "quiz-progress");
      var text = el("p", "quiz-progress-text");
      text.id = form.id + "-progress";
      var meter = el("span", "progress-bar");
      meter.setAttribute("aria-hidden", "true");
      var fill = meter.appendChild(el("span"));
      bar.appendChild(text);
      bar.appendChild(meter);
      form.insertBefore(bar, form.firstChild);
      var nav = el("p", "quiz-pager");
      var previous = el("button", "button", t("previous_question"));
      previous.type = "button";
      var next = el("button", "button button-primary", t("next_question"));
      next.type = "button";
      nav.appendChild(previous);
      nav.appendChild(next);
      form.insertBefore(nav, check.parentNode);
      function answered() {
        return views.filter(function (v) { return G.gradeQuestion(v.question, v.secret, v.view.response()).answered; }).length;
      }
      function show(index, focus) {
        current = index;
        if (!views[index].shownAt) views[index].shownAt = Date.now();
        views.forEach(function (v, n) { v.view.element.hidden = n !== index; });
        var last = index === views.length - 1;
        text.textContent = t("question_n_of", { n: index + 1, total: views.length }) + " · " +
          t("questions_answered", { n: answered(), total: views.length });
        fill.style.width = Math.round((100 * (index + 1)) / views.length) + "%";
        previous.disabled = index === 0;
        next.hidden = last;
        check.hidden = form.classList.contains("is-checked") || !last;
        if (focus) {
          var fieldset = views[index].view.element;
          fieldset.tabIndex = -1;
          fieldset.focus();
        }
      }
      previous.addEventListener("click", function () { show(Math.max(0, current - 1), true); });
      next.addEventListener("click", function () { show(Math.min(views.length - 1, current + 1), true); });
      form.addEventListener("change", function () { show(current, false); });
      show(0, false);
      return {
        show: show,
        // Enter in a text box submits the form: before the last question,
        // that moves on instead of checking the quiz.
        advance: function () {
          if (current === views.length - 1) return false;
          show(current + 1, true);
          return true;
        },
      };
    }

    function start(focus) {
      statusLine();
      if (attemptsLeft() <= 0) return exhausted();
      mount.textContent = "";
      var picked = G.drawQuestions(data.questions.length, data.draw, data.shuffle);
      var form = el("form", "quiz-form");
      form.noValidate = true;
      form.tabIndex = -1;
      form.setAttribute("aria-label", t("quiz"));
      uid += 1;
      form.id = "quiz-form-" + uid;
      var views = picked.map(function (index, n) {
        var view = makeView(data.questions[index], secrets[index], {
          prefix: "q" + uid + "-" + n,
          number: n + 1,
          total: picked.length,
          shuffle: data.shuffle,
          live: live,
        });
        form.appendChild(view.element);
        return { view: view, question: data.questions[index], secret: secrets[index], shownAt: 0 };
      });
      // An attempt runs from when its questions are shown; each answer's
      // time, from when its question was first shown (one at a time, when
      // the learner reaches it) to the check.
      var startedAt = Date.now();
      var actions = el("p", "quiz-actions");
      var check = el("button", "button button-primary quiz-check", t("check_answers"));
      check.type = "submit";
      actions.appendChild(check);
      form.appendChild(actions);
      var paging = views.length > ONE_AT_A_TIME_AFTER ? onePageAtATime(form, views, check) : null;
      if (!paging) views.forEach(function (v) { v.shownAt = startedAt; });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.classList.contains("is-checked")) return;
        if (paging && event.submitter !== check && paging.advance()) return;
        form.classList.add("is-checked");
        check.hidden = true;
        var checkedAt = Date.now();
        var results = views.map(function (v) {
          var response = v.view.response();
          var grade = G.gradeQuestion(v.question, v.secret, response);
          return { grade: grade, score: grade.score, points: v.question.points, response: response };
        });
        var score = G.scorePercent(results);
        var passed = G.isPassed(score, data.passMark);
        var r = P ? P.recordAttempt(slug, score, passed) : null;
        report(views, results, score, passed, r, startedAt, checkedAt);
        var reveal = mayReveal(passed);
        views.forEach(function (v, n) { v.view.showResult(results[n].grade, reveal); });
        if (paging) paging.show(0, false);
        showResult(score, passed, r, reveal);
      });
      mount.appendChild(form);
      if (focus) form.focus();
    }

    // The attempt, answer by answer, to the LMS or LRS (progress.js finds
    // which); nothing is sent when there is none.
    function report(views, results, score, passed, r, startedAt, checkedAt) {
      var I = window.BrandcampInteractions;
      if (!P || !P.reportAttempt || !I) return;
      try {
        var module = (P.status(slug) || {}).module || {};
        P.reportAttempt({
          quiz: slug,
          quizTitle: container.getAttribute("data-quiz-title") || "",
          module: slug,
          moduleTitle: module.title || "",
          score: score,
          passMark: data.passMark,
          passed: passed,
          attempt: r ? r.attempts : 1,
          durationMs: checkedAt - startedAt,
          records: views.map(function (v, n) {
            return I.record(v.question, v.secret, results[n].response, results[n].grade, v.shownAt || startedAt, checkedAt);
          }),
        });
      } catch (e) {
        if (window.console) console.warn("brandcamp: the attempt could not be reported", e);
      }
    }

    function showResult(score, passed, r, reveal) {
      afterPass(passed, function () { drawResult(score, passed, r, reveal); });
    }

    function drawResult(score, passed, r, reveal) {
      statusLine();
      var panel = el("section", "quiz-result " + (passed ? "is-passed" : "is-failed"));
      panel.tabIndex = -1;
      panel.setAttribute("aria-labelledby", "quiz-result-title");
      var done = passed && P && P.certificateReady && P.certificateReady();
      var title = el("h2", null, done ? t("course_complete_title") : t("your_result"));
      title.id = "quiz-result-title";
      panel.appendChild(title);
      if (done) {
        panel.classList.add("is-course-complete");
        panel.appendChild(el("p", "quiz-complete-text", t("course_complete_text")));
      }
      var line = el("p", "quiz-score");
      line.appendChild(el("strong", "quiz-score-value", percent(score)));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", "quiz-verdict verdict-" + (passed ? "passed" : "failed"), passed ? t("passed") : t("not_passed")));
      panel.appendChild(line);
      panel.appendChild(el("p", "quiz-pass-mark", t("pass_mark_is", { score: percent(data.passMark) })));
      // The best score, only when an earlier attempt did better than this one.
      if (r && r.best > score) panel.appendChild(el("p", "quiz-best", t("best_score", { score: percent(r.best) })));
      if (!reveal) {
        var why = data.review === "never" ? "review_never" : data.maxAttempts ? "review_after_attempts" : "review_after_pass";
        panel.appendChild(el("p", "quiz-review-note", t(why)));
      }
      // After a pass, the next step leads; "try again" stays, second.
      if (passed) panel.appendChild(nextStepLink());
      var actions = el("p", "quiz-actions");
      if (attemptsLeft() > 0) {
        var again = el("button", "button" + (passed ? "" : " button-primary"), t("try_again"));
        again.type = "button";
        again.addEventListener("click", function () { start(true); });
        actions.appendChild(again);
        if (data.maxAttempts) actions.appendChild(el("span", "meta", t("attempts_left", { n: attemptsLeft() })));
      } else {
        actions.appendChild(el("span", null, t("no_attempts_left")));
      }
      panel.appendChild(actions);
      mount.insertBefore(panel, mount.firstChild);
      panel.focus();
      var words = [percent(score), passed ? t("passed") : t("not_passed"), t("pass_mark_is", { score: percent(data.passMark) })];
      if (done) words.unshift(t("course_complete_title"));
      announce(live, words.join(". "));
    }

    start(false);
  }

  document.querySelectorAll("[data-knowledge-check]").forEach(function (container) {
    try {
      mountKnowledgeCheck(container);
    } catch (e) {
      if (window.console) console.warn("brandcamp: cannot show a knowledge check", e);
    }
  });
  document.querySelectorAll("[data-graded-quiz]").forEach(function (container) {
    if (container.hidden) return; // locked: progress.js said why
    mountGradedQuiz(container);
  });
})();
