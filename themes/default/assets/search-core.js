// brandcamp search, the query side. Reads the compact index written by the
// build (src/search.rs: see the format there), folds the query the same way
// (lowercase, no accents), ranks lessons, and splits texts into marked and
// unmarked parts. No DOM here: search.js draws the results, and Node can
// test this file on its own.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.BrandcampSearch = api;
})(this, function () {
  "use strict";

  var SPELT = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss" };
  var MIN_WORD = 2;
  var MAX_WORD = 40;
  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{L}\p{N}]+/u;
  var WORD_RUNS = /[\p{L}\p{N}]+/gu;
  // Digits of the posting lists: see encode_numbers in src/search.rs.
  var LAST = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  var MORE = "WXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGITS = {};
  for (var d = 0; d < 32; d++) {
    DIGITS[LAST.charAt(d)] = d;
    DIGITS[MORE.charAt(d)] = 32 + d;
  }

  /**
   * The accent-folding rule of src/fold.rs (tests/fold_vectors.json):
   * œ, æ, ß spelt out, then decomposed (NFD) without combining marks, then
   * lowercased a character at a time: "Stratégie" → "strategie".
   */
  function fold(text) {
    var bare = String(text)
      .replace(/[œŒæÆß]/g, function (c) { return SPELT[c]; })
      .normalize("NFD")
      .replace(MARKS, "");
    var out = "";
    for (var ch of bare) out += ch.toLowerCase();
    return out;
  }

  /** The numbers of one posting list. */
  function decodeNumbers(text) {
    var numbers = [];
    var value = 0;
    var previous = -1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS[text.charAt(i)];
      if (digit === undefined) continue;
      if (digit >= 32) {
        value = value * 32 + (digit - 32);
      } else {
        value = value * 32 + digit;
        previous = previous < 0 ? value : previous + value + 1;
        numbers.push(previous);
        value = 0;
      }
    }
    return numbers;
  }

  /**
   * The words to look for: folded, stop words and one-letter words left out.
   * The last word may be half typed, so it is kept even when it is a stop
   * word, if it is the only one ("la" may become "langue").
   */
  function parseQuery(query, stopWords) {
    var words = fold(query).split(SEPARATORS).filter(function (w) {
      return w.length >= MIN_WORD && w.length <= MAX_WORD;
    });
    var kept = words.filter(function (w) { return !stopWords.has(w); });
    if (kept.length === 0 && words.length > 0) kept = [words[words.length - 1]];
    var seen = {};
    return kept.filter(function (w) {
      if (seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  /** True when a folded text has a word starting with one of `words`. */
  function mentions(foldedText, words) {
    var runs = foldedText.split(SEPARATORS);
    return words.filter(function (w) {
      return runs.some(function (run) { return run.lastIndexOf(w, 0) === 0; });
    }).length;
  }

  /** A searcher over one index (the global BRANDCAMP_SEARCH). */
  function Searcher(index) {
    this.index = index;
    this.terms = index.terms ? index.terms.split(" ") : [];
    this.postings = index.postings ? index.postings.split(" ") : [];
    this.stop = new Set(index.stop ? index.stop.split(" ") : []);
    this.decoded = new Map();
    this.foldedTitles = new Map();
    this.foldedHeadings = new Map();
  }

  /** Index of the first term not before `prefix` (terms are sorted). */
  Searcher.prototype.lowerBound = function (prefix) {
    var lo = 0;
    var hi = this.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.terms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** The sections of the term at `position` in the dictionary. */
  Searcher.prototype.sectionsOf = function (position) {
    var list = this.decoded.get(position);
    if (!list) {
      list = decodeNumbers(this.postings[position] || "");
      this.decoded.set(position, list);
    }
    return list;
  };

  /**
   * Sections holding a word that starts with `word`, with a weight: rare
   * words weigh more, and the exact word more than a longer one.
   */
  Searcher.prototype.matchWord = function (word) {
    var weights = new Map();
    var total = this.index.sections.length || 1;
    for (var t = this.lowerBound(word); t < this.terms.length; t++) {
      var term = this.terms[t];
      if (term.lastIndexOf(word, 0) !== 0) break;
      var sections = this.sectionsOf(t);
      var weight = Math.log(1 + total / sections.length) * (term === word ? 1 : 0.7);
      for (var i = 0; i < sections.length; i++) {
        var s = sections[i];
        if ((weights.get(s) || 0) < weight) weights.set(s, weight);
      }
    }
    return weights;
  };

  Searcher.prototype.foldedHeading = function (section) {
    var folded = this.foldedHeadings.get(section);
    if (folded === undefined) {
      folded = fold(this.index.sections[section][1]);
      this.foldedHeadings.set(section, folded);
    }
    return folded;
  };

  /** The text chunk (assets/search-text-K.js) that holds a section's text. */
  Searcher.prototype.chunkOf = function (section) {
    var chunks = this.index.chunks || [];
    var lo = 0;
    var hi = chunks.length;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (chunks[mid] <= section) lo = mid;
      else hi = mid;
    }
    return { chunk: lo, offset: section - (chunks[lo] || 0) };
  };

  Searcher.prototype.foldedTitle = function (lesson) {
    var folded = this.foldedTitles.get(lesson);
    if (folded === undefined) {
      folded = fold(this.index.lessons[lesson][1]);
      this.foldedTitles.set(lesson, folded);
    }
    return folded;
  };

  /**
   * Lessons holding every word of `query` (in any of their sections), best
   * first, at most `limit`. Each result names the lesson, its module, and
   * the section that matches best, whose heading and excerpt make the
   * snippet. Returns { words, results }.
   */
  Searcher.prototype.search = function (query, limit) {
    var words = parseQuery(query, this.stop);
    var results = [];
    if (words.length === 0) return { words: words, results: results };
    var index = this.index;
    var lessons = new Map();
    words.forEach(function (word, k) {
      this.matchWord(word).forEach(function (weight, section) {
        var lesson = index.sections[section][0];
        var hit = lessons.get(lesson);
        if (!hit) {
          hit = { best: new Array(words.length).fill(0), sections: new Map() };
          lessons.set(lesson, hit);
        }
        if (hit.best[k] < weight) hit.best[k] = weight;
        hit.sections.set(section, (hit.sections.get(section) || 0) + weight);
      });
    }, this);
    lessons.forEach(function (hit, lesson) {
      if (hit.best.some(function (w) { return w === 0; })) return;
      var score = hit.best.reduce(function (a, b) { return a + b; }, 0);
      score += 2 * mentions(this.foldedTitle(lesson), words);
      var bestSection = -1;
      var bestScore = -1;
      hit.sections.forEach(function (sectionScore, section) {
        // Prefer the sections whose heading shows the match.
        sectionScore += mentions(this.foldedHeading(section), words) / 2;
        if (sectionScore > bestScore || (sectionScore === bestScore && section < bestSection)) {
          bestScore = sectionScore;
          bestSection = section;
        }
      }, this);
      results.push({ lesson: lesson, section: bestSection, score: score });
    }, this);
    results.sort(function (a, b) { return b.score - a.score || a.lesson - b.lesson; });
    var total = results.length;
    results = results.slice(0, limit || 10).map(function (r) {
      var lesson = index.lessons[r.lesson];
      var section = index.sections[r.section];
      return {
        title: lesson[1],
        module: index.modules[lesson[0]] || "",
        heading: section[1],
        section: r.section,
        href: lesson[2] + (section[2] ? "#" + section[2] : ""),
        score: r.score,
      };
    });
    return { words: words, results: results, total: total };
  };

  /**
   * A snippet of `text` of about `size` characters around the first word
   * that starts with one of the (folded) query `words`, cut at word
   * boundaries, with "…" where text was left out. Without a match, the
   * start of the text.
   */
  function excerpt(text, words, size) {
    text = String(text);
    size = size || 180;
    var at = 0;
    WORD_RUNS.lastIndex = 0;
    var match;
    while ((match = WORD_RUNS.exec(text)) !== null) {
      var folded = fold(match[0]);
      if (words.some(function (w) { return folded.lastIndexOf(w, 0) === 0; })) {
        at = match.index;
        break;
      }
    }
    // A third of the room before the match, the rest after it.
    var start = Math.max(0, at - Math.floor(size / 3));
    var end = Math.min(text.length, start + size);
    start = Math.max(0, Math.min(start, end - size));
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > Math.max(start, at) ? cut : end;
    }
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  /**
   * Splits `text` into parts, marking the words that start with one of the
   * (folded) query `words`: [{ text, mark }]. The caller makes <mark>
   * elements of the marked parts, with textContent.
   */
  function highlight(text, words) {
    var parts = [];
    var last = 0;
    var plain = "";
    text = String(text);
    WORD_RUNS.lastIndex = 0;
    var match;
    while ((match = WORD_RUNS.exec(text)) !== null) {
      var folded = fold(match[0]);
      var hit = words.some(function (w) { return folded.lastIndexOf(w, 0) === 0; });
      if (!hit) continue;
      plain += text.slice(last, match.index);
      if (plain) parts.push({ text: plain, mark: false });
      plain = "";
      parts.push({ text: match[0], mark: true });
      last = match.index + match[0].length;
    }
    plain += text.slice(last);
    if (plain) parts.push({ text: plain, mark: false });
    return parts;
  }

  return {
    fold: fold,
    decodeNumbers: decodeNumbers,
    parseQuery: parseQuery,
    highlight: highlight,
    excerpt: excerpt,
    Searcher: Searcher,
  };
});
