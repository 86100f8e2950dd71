// brandcamp interaction records: one graded answer as plain data, the same
// for every reporter (SCORM's cmi.interactions in scorm.js, cmi5 and xAPI
// statements). Pure functions, no DOM: the pages use them as
// window.BrandcampInteractions; the Node tests load this same file with
// require().
//
// A record:
//   { id, type, description, choices?, source?, target?, response, correct,
//     success, score, points, latencyMs, timestamp }
//
// How each question type is reported (docs/scorm.md says the same):
//
//   type        interaction    response                  correct
//   single      choice         [choice id]               [the right choice's id]
//   multiple    choice         [choice ids]              [the right choices' ids]
//   true_false  true-false     true | false | null       true | false
//   text        fill-in        the text typed            the first accepted answer,
//                                                         null with only a pattern
//   numeric     numeric        the number, null if none  {exact} or {min, max}
//   order       sequencing     [item ids, learner order] [item ids, right order]
//   match       matching       [[left id, right id]…]    [[left id, right id]…]
//   post        long-fill-in   the post written          null (no single right post)
//
// `success` is the verdict the learner saw (a post is judged by the brand
// rules); null is kept for answers that cannot be right or wrong. `score` is
// the question's credit from 0 to 1 (partial for weighted choices, matches);
// `points`, the question's weight in the quiz (its `points`, 1 by default).
// `timestamp` is when the answer was checked, `latencyMs` how long the
// question had been shown by then.
//
// Choice, item and side ids are made from their text (a slug, at most 40
// characters, `-2`, `-3`… among equals), never from where they are shown,
// so that they are the same at every attempt, in every shuffle and at every
// build, and a report reads "instagram" rather than "c". Editing a choice's
// text gives it a new id, as it should: it is another choice.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.BrandcampInteractions = api;
})(typeof window !== "undefined" ? window : typeof globalThis !== "undefined" ? globalThis : null, function () {
  "use strict";

  var ID_MAX = 40;
  var MARKS = /\p{M}/gu;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

  // The text of the build's HTML (prompts, choices): tags dropped, the
  // entities pulldown-cmark writes read back, spacing collapsed.
  function plainText(html) {
    return String(html == null ? "" : html)
      .replace(/<(br|\/p|\/li|\/h\d|\/blockquote|\/pre|\/tr)\b[^>]*>/gi, " ")
      .replace(/<[^>]*>/g, "")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, function (whole, name) {
        if (name.charAt(0) === "#") {
          var code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : whole;
      })
      .replace(/\s+/g, " ")
      .trim();
  }

  // FNV-1a, 32 bits, over UTF-16 code units, as 8 hex digits.
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + (h >>> 0).toString(16)).slice(-8);
  }

  // A text's id: lower-case ASCII letters, digits and dashes. Too long, it
  // is cut and keeps a hash of the whole; with no letter or digit to keep,
  // it is "h" and the hash.
  function slug(text) {
    var plain = String(text);
    var s = plain.replace(/œ/g, "oe").replace(/Œ/g, "oe").replace(/æ/g, "ae").replace(/Æ/g, "ae")
      .normalize("NFKD").replace(MARKS, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (!s) return "h" + hash(plain);
    if (s.length > ID_MAX) return s.slice(0, ID_MAX - 9).replace(/-+$/, "") + "-" + hash(plain);
    return s;
  }

  // [{id, text}] for a list of HTML texts, in the list's order; equal slugs
  // get -2, -3… in that order.
  function listed(htmls) {
    var seen = {};
    return (htmls || []).map(function (html) {
      var text = plainText(html);
      var base = slug(text), id = base, n = 1;
      while (seen[id]) {
        n += 1;
        id = base + "-" + n;
      }
      seen[id] = true;
      return { id: id, text: text };
    });
  }

  function ids(list, indexes) {
    return indexes.filter(function (i) { return list[i]; }).map(function (i) { return list[i].id; });
  }

  function isNumber(x) {
    return typeof x === "number" && isFinite(x);
  }

  function parseNumber(text) {
    var G = typeof globalThis !== "undefined" ? globalThis.BrandcampGrading : null;
    if (G) return G.parseNumber(text);
    var n = Number(String(text == null ? "" : text).trim());
    return String(text == null ? "" : text).trim() && isFinite(n) ? n : NaN;
  }

  // What every type adds: {type, choices/source/target, response, correct}.
  function shape(question, secret, response) {
    response = response || {};
    secret = secret || {};
    var i, list;
    switch (question.type) {
      case "single":
      case "multiple":
        list = listed(question.choices);
        var right = [];
        for (i = 0; i < list.length; i++) if (secret.correct && secret.correct[i]) right.push(i);
        return {
          type: "choice",
          choices: list,
          response: ids(list, (response.selected || []).slice().sort(function (a, b) { return a - b; })),
          correct: right.length ? ids(list, right) : null,
        };
      case "true_false":
        return {
          type: "true-false",
          response: response.value === true || response.value === false ? response.value : null,
          correct: typeof secret.answer === "boolean" ? secret.answer : null,
        };
      case "text":
        return {
          type: "fill-in",
          response: String(response.text == null ? "" : response.text),
          correct: secret.accept && secret.accept.length ? String(secret.accept[0]) : null,
        };
      case "numeric":
        var n = parseNumber(response.text);
        var tolerance = Math.abs(Number(secret.tolerance) || 0);
        var correct = null;
        if (isNumber(secret.answer)) {
          correct = tolerance ? { min: secret.answer - tolerance, max: secret.answer + tolerance } : { exact: secret.answer };
        }
        return { type: "numeric", response: isNaN(n) ? null : n, correct: correct };
      case "order":
        list = listed(question.items);
        return {
          type: "sequencing",
          choices: list,
          response: ids(list, response.order || []),
          correct: secret.order ? ids(list, secret.order) : null,
        };
      case "match":
        var source = listed(question.lefts), target = listed(question.rights);
        var pairs = function (matches) {
          var out = [];
          (matches || []).forEach(function (r, l) {
            if (source[l] && r !== null && r !== undefined && target[r]) out.push([source[l].id, target[r].id]);
          });
          return out;
        };
        return {
          type: "matching",
          source: source,
          target: target,
          response: pairs(response.matches),
          correct: secret.matches ? pairs(secret.matches) : null,
        };
      case "post":
        return { type: "long-fill-in", response: String(response.text == null ? "" : response.text), correct: null };
      default:
        return { type: "other", response: null, correct: null };
    }
  }

  // One graded answer as a record. `question`: the question as the page's
  // quiz data gives it; `secret`: its decoded secret; `response`: what
  // quiz.js's view returned; `grade`: gradeQuestion's result; the times in
  // milliseconds since 1970: when the question was shown, when answered.
  function record(question, secret, response, grade, startedAtMs, answeredAtMs) {
    var s = shape(question, secret, response);
    grade = grade || {};
    var score = Number(grade.score);
    var answered = Number(answeredAtMs);
    var started = Number(startedAtMs);
    if (!isFinite(answered)) answered = Date.now();
    if (!isFinite(started) || started > answered) started = answered;
    var out = { id: String(question.id), type: s.type, description: plainText(question.prompt) };
    if (s.choices) out.choices = s.choices;
    if (s.source) {
      out.source = s.source;
      out.target = s.target;
    }
    out.response = s.response;
    out.correct = s.correct;
    out.success = s.type === "other" ? null : !!grade.correct;
    out.score = isFinite(score) ? Math.max(0, Math.min(1, score)) : 0;
    out.points = Number(question.points) > 0 ? Number(question.points) : 1;
    out.latencyMs = Math.round(answered - started);
    out.timestamp = new Date(answered).toISOString();
    return out;
  }

  return {
    record: record,
    plainText: plainText,
    slug: slug,
    listed: listed,
  };
});
