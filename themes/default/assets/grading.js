// brandcamp quiz grading: pure functions, no DOM. The pages use them as
// window.BrandcampGrading; the Node tests load this same file with require().
// Every score is a fraction from 0 to 1; a quiz's score is a percent.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.BrandcampGrading = api;
})(typeof window !== "undefined" ? window : typeof globalThis !== "undefined" ? globalThis : null, function () {
  "use strict";

  var MARKS = /\p{M}/gu;

  // Accents, ligatures and typographic quotes folded away: "Stratégie",
  // "strategie" and "STRATEGIE" compare equal, as do "L’Aiguillage" and
  // "l'aiguillage".
  function stripAccents(text) {
    return String(text == null ? "" : text)
      .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE")
      .normalize("NFKD")
      .replace(MARKS, "")
      .replace(/[\u2018\u2019\u201a\u02bc\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"');
  }

  // A text answer as compared: case, accents and spacing ignored (case
  // kept when `caseSensitive`, as a Moodle short answer may ask).
  function foldText(text, caseSensitive) {
    var folded = stripAccents(text).replace(/\s+/g, " ").trim();
    return caseSensitive ? folded : folded.toLowerCase();
  }

  // The pattern of a `text` question matches the whole answer, ignoring
  // case; accents are folded in both (so `strat[eé]gie` and `strategie`
  // both work). The build accepts only syntax that RegExp reads like Rust's
  // regex crate (docs/quizzes.md), so this cannot fail on a built site.
  function patternMatches(pattern, text, caseSensitive) {
    var answer = stripAccents(text).replace(/\s+/g, " ").trim();
    if (!answer) return false;
    try {
      return compiledPattern(stripAccents(pattern), caseSensitive ? "u" : "iu").matches(answer);
    } catch (e) {
      return false;
    }
  }

  // ---- Patterns, matched in linear time -------------------------------------
  // RegExp backtracks: on `(a+)+b` it takes seconds for an answer of 25
  // letters and years for 60, and the learner's tab freezes. So the pattern
  // is run as an automaton (Thompson's construction), every state at once,
  // one step per character of the answer: time grows with the answer's
  // length times the pattern's size, never more. Each single-character
  // piece (a letter, `.`, a class, `\d`, `\p{L}`…) is still tested by
  // RegExp, on one character, so characters match exactly as RegExp matches
  // them (case folding, Unicode classes). Written here because no library
  // small enough for every page does this; the syntax parsed is the one the
  // build accepts (check_pattern in src/quiz/check.rs), and the build also
  // refuses patterns whose automaton would exceed MAX_PATTERN_STATES.

  var MAX_PATTERN_STATES = 10000;
  var compiledPatterns = {};

  function compiledPattern(pattern, flags) {
    var key = flags + ":" + pattern;
    if (!Object.prototype.hasOwnProperty.call(compiledPatterns, key)) {
      compiledPatterns[key] = compilePattern(pattern, flags);
    }
    return compiledPatterns[key];
  }

  // A syntax tree: {char: source} | {assert: "^" | "$" | "b" | "B"} |
  // {cat: [nodes]} | {alt: [nodes]} | {rep: node, min, max}.
  function parsePattern(source) {
    var cs = Array.from(source), p = 0;
    var SYNTAX = "\\^$.*+?()[]{}|/";
    function fail(why) { throw new Error("pattern: " + why); }
    function alternation() {
      var branches = [concatenation()];
      while (cs[p] === "|") { p++; branches.push(concatenation()); }
      return branches.length === 1 ? branches[0] : { alt: branches };
    }
    function concatenation() {
      var items = [];
      while (p < cs.length && cs[p] !== "|" && cs[p] !== ")") items.push(quantified(atom()));
      return { cat: items };
    }
    function until(close) {
      var start = p;
      while (p < cs.length && cs[p] !== close) p += cs[p] === "\\" ? 2 : 1;
      if (p >= cs.length) fail("no closing " + close);
      p++;
      return cs.slice(start, p).join("");
    }
    function atom() {
      var c = cs[p];
      if (c === "(") {
        p++;
        if (cs[p] === "?") {
          if (cs[p + 1] !== ":") fail("unsupported group");
          p += 2;
        }
        var inside = alternation();
        if (cs[p] !== ")") fail("no closing )");
        p++;
        return inside;
      }
      if (c === "[") return { char: until("]") };
      if (c === "^" || c === "$") { p++; return { assert: c }; }
      if (c === ".") { p++; return { char: "." }; }
      if (c === "\\") {
        var e = cs[p + 1];
        if (e === undefined) fail("a lone backslash");
        if (e === "b" || e === "B") { p += 2; return { assert: e }; }
        if (e === "p" || e === "P" || (e === "u" && cs[p + 2] === "{")) return { char: until("}") };
        if (e === "x") { p += 4; return { char: cs.slice(p - 4, p).join("") }; }
        p += 2;
        return { char: "\\" + e };
      }
      if ("*+?{".indexOf(c) >= 0) fail("nothing to repeat");
      p++;
      return { char: SYNTAX.indexOf(c) >= 0 ? "\\" + c : c };
    }
    function number() {
      var start = p;
      while (/[0-9]/.test(cs[p] || "")) p++;
      return start === p ? null : parseInt(cs.slice(start, p).join(""), 10);
    }
    function quantified(node) {
      var c = cs[p], min, max;
      if (c === "*") { min = 0; max = Infinity; p++; }
      else if (c === "+") { min = 1; max = Infinity; p++; }
      else if (c === "?") { min = 0; max = 1; p++; }
      else if (c === "{") {
        p++;
        min = number();
        max = min;
        if (cs[p] === ",") { p++; max = number(); if (max === null) max = Infinity; }
        if (min === null) min = 0;
        if (cs[p] !== "}" || max < min) fail("a bad {n,m}");
        p++;
      } else return node;
      if (cs[p] === "?") p++; // lazy: the same whole-answer matches
      return { rep: node, min: min, max: max };
    }
    var tree = alternation();
    if (p < cs.length) fail("an unmatched )");
    return tree;
  }

  // The automaton as a program: {char: piece}, {assert}, {split: [a, b]},
  // {jump: a}, {match}.
  function compilePattern(pattern, flags) {
    var program = [], pieces = [];
    function emit(instruction) {
      if (program.length >= MAX_PATTERN_STATES) throw new Error("pattern: too large");
      program.push(instruction);
      return instruction;
    }
    function piece(source) {
      return { re: new RegExp("^(?:" + source + ")$", flags), seen: new Map() };
    }
    function compile(node) {
      var i, split, jumps;
      if (node.char !== undefined) {
        emit({ piece: piece(node.char) });
      } else if (node.assert) {
        emit({ assert: node.assert });
      } else if (node.cat) {
        node.cat.forEach(compile);
      } else if (node.alt) {
        jumps = [];
        for (i = 0; i < node.alt.length - 1; i++) {
          split = emit({ split: [program.length + 1, -1] });
          compile(node.alt[i]);
          jumps.push(emit({ jump: -1 }));
          split.split[1] = program.length;
        }
        compile(node.alt[node.alt.length - 1]);
        jumps.forEach(function (j) { j.jump = program.length; });
      } else {
        for (i = 0; i < node.min; i++) compile(node.rep);
        if (node.max === Infinity) {
          var loop = program.length;
          split = emit({ split: [loop + 1, -1] });
          compile(node.rep);
          emit({ jump: loop });
          split.split[1] = program.length;
        } else {
          var skips = [];
          for (i = node.min; i < node.max; i++) {
            skips.push(emit({ split: [program.length + 1, -1] }));
            compile(node.rep);
          }
          skips.forEach(function (s) { s.split[1] = program.length; });
        }
      }
    }
    compile(parsePattern(pattern));
    emit({ match: true });
    var word = new RegExp("^\\w$", flags);
    return {
      matches: function (text) { return runPattern(program, word, Array.from(text)); },
      states: program.length
    };
  }

  function pieceMatches(piece, c) {
    var known = piece.seen.get(c);
    if (known === undefined) {
      known = piece.re.test(c);
      piece.seen.set(c, known);
    }
    return known;
  }

  // Every state the automaton can be in after each character, each state
  // once: the answer is read once, whatever the pattern.
  function runPattern(program, word, chars) {
    var n = chars.length;
    var seen = new Int32Array(program.length).fill(-1);
    function isWord(at) { return at >= 0 && at < n && word.test(chars[at]); }
    function holds(kind, at) {
      if (kind === "^") return at === 0;
      if (kind === "$") return at === n;
      var boundary = isWord(at - 1) !== isWord(at);
      return kind === "b" ? boundary : !boundary;
    }
    // Adds `start` and the states reached from it without reading a
    // character, at position `at`.
    function add(states, start, at) {
      var stack = [start];
      while (stack.length) {
        var pc = stack.pop();
        if (seen[pc] === at) continue;
        seen[pc] = at;
        var instruction = program[pc];
        if (instruction.jump !== undefined) stack.push(instruction.jump);
        else if (instruction.split) stack.push(instruction.split[1], instruction.split[0]);
        else if (instruction.assert) { if (holds(instruction.assert, at)) stack.push(pc + 1); }
        else states.push(pc);
      }
    }
    var states = [];
    add(states, 0, 0);
    for (var at = 0; at < n && states.length; at++) {
      var next = [];
      for (var k = 0; k < states.length; k++) {
        var instruction = program[states[k]];
        if (instruction.piece && pieceMatches(instruction.piece, chars[at])) add(next, states[k] + 1, at + 1);
      }
      states = next;
    }
    return states.some(function (pc) { return program[pc].match === true; });
  }

  // A number as a learner types it: "3,5", "3.5", "1 000", "1 000,5",
  // "1,000.5", "−2". With both a comma and a dot, the last one is the
  // decimal separator; a lone comma is a decimal comma. NaN if not a number.
  function parseNumber(text) {
    var s = String(text == null ? "" : text).trim()
      .replace(/[\s\u00a0\u202f\u2009']/g, "")
      .replace(/^\u2212/, "-");
    if (!s) return NaN;
    var comma = s.lastIndexOf(","), dot = s.lastIndexOf(".");
    if (comma >= 0 && dot >= 0) {
      s = comma > dot ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
    } else if (comma >= 0) {
      s = s.indexOf(",") !== comma ? s.replace(/,/g, "") : s.replace(",", ".");
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
    return Number(s);
  }

  function clamp01(x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  // single / multiple. `selected`: indexes of the picked choices.
  // With weights (GIFT style), the picked choices' percents add up, and the
  // total is kept between 0 and 100 %; without, all-or-nothing.
  function gradeChoices(secret, selected) {
    selected = selected || [];
    if (secret.weights) {
      var sum = 0;
      selected.forEach(function (i) { sum += Number(secret.weights[i]) || 0; });
      return clamp01(sum / 100);
    }
    var picked = {};
    selected.forEach(function (i) { picked[i] = true; });
    for (var i = 0; i < secret.correct.length; i++) {
      if (!!picked[i] !== !!secret.correct[i]) return 0;
    }
    return selected.length ? 1 : 0;
  }

  function gradeTrueFalse(answer, given) {
    return given === answer ? 1 : 0;
  }

  // Of the `answers` (weighted, with feedback: GIFT's short answers and
  // numerical questions) that `hits`, the one worth most (the first of
  // equals), unless it is worth less than `base`, the credit already given
  // by `accept`, `pattern` or `answer`. Returns {score, index}; index is -1
  // when no answer of the list counted.
  function bestAnswer(answers, hits, base) {
    var best = { score: base, index: -1 };
    (answers || []).forEach(function (a, i) {
      if (!hits(a)) return;
      var score = clamp01((Number(a.weight) || 0) / 100);
      if (best.index < 0 ? score >= best.score : score > best.score) best = { score: score, index: i };
    });
    return best;
  }

  // text: any accepted answer, compared folded, or the pattern; then the
  // weighted answers.
  function matchText(secret, text) {
    var cased = !!secret.caseSensitive;
    var answer = foldText(text, cased);
    if (!answer) return { score: 0, index: -1 };
    var accepted = (secret.accept || []).some(function (a) { return foldText(a, cased) === answer; }) ||
      (!!secret.pattern && patternMatches(secret.pattern, text, cased));
    return bestAnswer(secret.answers, function (a) {
      return a.pattern != null ? patternMatches(a.pattern, text, cased) : foldText(a.text, cased) === answer;
    }, accepted ? 1 : 0);
  }

  function gradeText(secret, text) {
    return matchText(secret, text).score;
  }

  // Within `tolerance` of `answer` (and a hair, for rounding).
  function near(n, answer, tolerance) {
    var slack = 1e-9 * Math.max(1, Math.abs(answer));
    return Math.abs(n - answer) <= Math.abs(Number(tolerance) || 0) + slack;
  }

  // numeric: right within the tolerance; then the weighted answers (one
  // without a number stands for any other number).
  function matchNumber(secret, text) {
    var n = parseNumber(text);
    if (isNaN(n)) return { score: 0, index: -1 };
    var right = typeof secret.answer === "number" && near(n, secret.answer, secret.tolerance);
    return bestAnswer(secret.answers, function (a) {
      return a.number == null || near(n, a.number, a.tolerance);
    }, right ? 1 : 0);
  }

  function gradeNumeric(secret, text) {
    return matchNumber(secret, text).score;
  }

  // order: all-or-nothing. Both are lists of item indexes.
  function gradeOrder(rightOrder, given) {
    if (!given || given.length !== rightOrder.length) return 0;
    for (var i = 0; i < rightOrder.length; i++) {
      if (given[i] !== rightOrder[i]) return 0;
    }
    return 1;
  }

  // match: the share of left sides given their right side.
  function gradeMatch(rightMatches, given) {
    if (!rightMatches.length) return 0;
    var good = 0;
    rightMatches.forEach(function (right, i) {
      if (given && given[i] === right) good++;
    });
    return good / rightMatches.length;
  }

  // post: with the brand rule engine loaded (brand.js, in every page), a
  // post passes when it breaks no rule of brand.yaml that applies to its
  // account and expresses every idea of the question (`rules`: platform,
  // account, mustMention, maxHashtags, maxLength, ideas, avoidIdeas), the
  // findings in `problems`; without it, when it is not empty.
  function gradePost(text, rules) {
    var brand = typeof globalThis !== "undefined" ? globalThis.BrandcampBrand : null;
    if (brand && rules) return brand.gradePost(text, rules);
    var written = String(text == null ? "" : text).trim() !== "";
    return { passed: written, score: written ? 1 : 0, problems: [], rules: rules || null };
  }

  // One question. `response` depends on the type:
  // {selected: [..]}, {value: true|false}, {text: ".."}, {order: [..]},
  // {matches: [..]}. Returns {score, correct, answered}, and `feedback`: the
  // HTML of the weighted answer that counted (text, numeric), if it has one.
  function gradeQuestion(question, secret, response) {
    response = response || {};
    var score = 0, answered = true, match = null;
    switch (question.type) {
      case "single":
      case "multiple":
        answered = !!(response.selected && response.selected.length);
        score = gradeChoices(secret, response.selected);
        break;
      case "true_false":
        answered = response.value === true || response.value === false;
        score = gradeTrueFalse(secret.answer, response.value);
        break;
      case "text":
        answered = foldText(response.text) !== "";
        match = matchText(secret, response.text);
        score = match.score;
        break;
      case "numeric":
        answered = String(response.text || "").trim() !== "";
        match = matchNumber(secret, response.text);
        score = match.score;
        break;
      case "order":
        score = gradeOrder(secret.order, response.order);
        break;
      case "match":
        answered = (response.matches || []).some(function (m) { return m !== null && m >= 0; });
        score = gradeMatch(secret.matches, response.matches);
        break;
      case "post":
        var post = gradePost(response.text, question.post);
        answered = String(response.text || "").trim() !== "";
        score = post.score;
        break;
    }
    var result = { score: score, correct: score >= 1 - 1e-9, answered: answered };
    // What a post breaks (brand rules, the question's ideas), to show after checking.
    if (post && post.problems && post.problems.length) result.problems = post.problems;
    var feedback = match && match.index >= 0 && secret.answers[match.index].feedback;
    if (feedback) result.feedback = feedback;
    return result;
  }

  // A quiz's percent from graded questions [{score, points}].
  function scorePercent(results) {
    var total = 0, earned = 0;
    results.forEach(function (r) {
      var points = r.points > 0 ? r.points : 1;
      total += points;
      earned += clamp01(r.score) * points;
    });
    return total ? (100 * earned) / total : 0;
  }

  // What is shown: whole percents, rounded down, so that a score shown as
  // the pass mark always passes.
  function displayPercent(percent) {
    return Math.floor(percent + 1e-9);
  }

  function isPassed(percent, passMark) {
    return percent + 1e-9 >= passMark;
  }

  // A shuffled copy (Fisher-Yates). `random` defaults to Math.random.
  function shuffled(list, random) {
    random = random || Math.random;
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var tmp = copy[i]; copy[i] = copy[j]; copy[j] = tmp;
    }
    return copy;
  }

  // The indexes of the questions of one attempt: `draw` of `count` (all if
  // not set), shuffled or in the author's order.
  function drawQuestions(count, draw, shuffle, random) {
    var all = [];
    for (var i = 0; i < count; i++) all.push(i);
    var picked = draw && draw < count ? shuffled(all, random).slice(0, draw) : all;
    if (shuffle) return shuffled(picked, random);
    return picked.sort(function (a, b) { return a - b; });
  }

  // The secret part of a question, as the build encoded it: base64 of the
  // JSON XOR-ed with the quiz's key. (Out of plain sight, not secret.)
  function decodeSecret(secret, key) {
    var data = base64Bytes(secret), k = base64Bytes(key);
    for (var i = 0; i < data.length; i++) data[i] ^= k[i % k.length];
    return JSON.parse(new TextDecoder("utf-8").decode(data));
  }

  function base64Bytes(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  return {
    foldText: foldText,
    stripAccents: stripAccents,
    patternMatches: patternMatches,
    patternStates: function (pattern) { return compiledPattern(stripAccents(pattern), "iu").states; },
    parseNumber: parseNumber,
    gradeChoices: gradeChoices,
    gradeTrueFalse: gradeTrueFalse,
    gradeText: gradeText,
    matchText: matchText,
    gradeNumeric: gradeNumeric,
    matchNumber: matchNumber,
    gradeOrder: gradeOrder,
    gradeMatch: gradeMatch,
    gradePost: gradePost,
    gradeQuestion: gradeQuestion,
    scorePercent: scorePercent,
    displayPercent: displayPercent,
    isPassed: isPassed,
    shuffled: shuffled,
    drawQuestions: drawQuestions,
    decodeSecret: decodeSecret,
  };
});
