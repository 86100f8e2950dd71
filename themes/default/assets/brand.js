// brandcamp default theme: the brand rule engine for learners, and the live
// post checker built on it.
//
// The engine is the JavaScript twin of src/brand/engine.rs: given a text, a
// platform and the rules of brand.yaml, it returns the findings (too long,
// a required hashtag missing, an avoided hashtag, an avoided term, a wrong
// spelling). tests/brand_vectors.json holds the cases both engines must
// agree on; change the two together.
//
// In the browser the rules come from assets/brand-rules.js
// (window.BRANDCAMP_BRAND = {rules, strings}), and this file defines
// window.BrandcampBrand:
//
//   BrandcampBrand.check(text, platform, extra) -> {findings, length, limit}
//   BrandcampBrand.passes(text, platform, extra) -> true | false
//   BrandcampBrand.gradePost(text, {platform, mustMention, maxHashtags, maxLength})
//       -> {passed, score, problems, rules}   (the quiz's `post` questions)
//   BrandcampBrand.attachChecker(textarea, platform, output, options)
//       -> {update, setPlatform, setAccount, result, destroy}   (live feedback)
//   BrandcampBrand.describe(finding, text) -> {message, why}
//
// `extra` may hold {must_mention: [..], max_hashtags: N, max_length: N,
// account: "organization" | "employee" | "public", ideas: [{words, missing}],
// avoid_ideas: [{words, found}]} (camelCase names are
// accepted too); only the rule groups of brand.yaml's `accounts:` for that
// kind of account apply. Offsets in findings (`start`, `end`)
// are UTF-16 indices into the text, as textarea selections use.
//
// Under Node, `require("brand.js")` gives {compile, ...}: compile(rules)
// returns an engine with check(text, platform, extra).
(function (global) {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}\p{M}_]/u;
  // The accent-folding rule of src/fold.rs (tests/fold_vectors.json): the
  // letters spelt out, then combining marks (category M) dropped.
  var SPELT = { "\u0153": "oe", "\u0152": "oe", "\u00e6": "ae", "\u00c6": "ae", "\u00df": "ss" };
  var MARK = /\p{M}/u;
  var BUILT_IN_PLATFORMS = [
    ["x", "X", 280], ["linkedin", "LinkedIn", 3000], ["instagram", "Instagram", 2200],
    ["facebook", "Facebook", 63206], ["threads", "Threads", 500], ["bluesky", "Bluesky", 300],
    ["mastodon", "Mastodon", 500],
  ];
  var TRAILING_URL_PUNCTUATION = ".,;:!?)]}»”'’";

  // White space as Unicode defines it (the White_Space property), like
  // Rust's char::is_whitespace.
  function isSpace(cp) {
    return (cp >= 0x09 && cp <= 0x0d) || cp === 0x20 || cp === 0x85 || cp === 0xa0 ||
      cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 ||
      cp === 0x202f || cp === 0x205f || cp === 0x3000;
  }

  function isApostrophe(cp) {
    return cp === 0x2019 || cp === 0x2018 || cp === 0x02bc;
  }

  function isWordChar(ch) {
    return ch !== undefined && ch !== "" && WORD.test(ch);
  }

  // The code point that ends just before UTF-16 index i of s, as a string.
  function charBefore(s, i) {
    if (i <= 0) return undefined;
    var unit = s.charCodeAt(i - 1);
    if (unit >= 0xdc00 && unit <= 0xdfff && i >= 2) return s.slice(i - 2, i);
    return s.charAt(i - 1);
  }

  function charAt(s, i) {
    if (i >= s.length) return undefined;
    return String.fromCodePoint(s.codePointAt(i));
  }

  // How much of a text is kept when comparing it (Fold in engine.rs):
  // LOOSE ignores case and accents, ACCENTS ignores case, EXACT nothing.
  var LOOSE = 0, ACCENTS = 1, EXACT = 2;

  // Folds text code point by code point (as engine.rs does): white space
  // runs become one space, curly apostrophes "'", each character is
  // decomposed (NFD); then, as `mode` says, accents are dropped (LOOSE, by
  // the rule of src/fold.rs: `œ` spelt `oe`, every combining mark dropped)
  // and letters lowercased. `starts`/`ends` give, for each UTF-16 unit of
  // the folded text, the code point of the original it came from.
  function fold(text, mode) {
    var out = "";
    var starts = [];
    var ends = [];
    function push(str, start, end) {
      for (var k = 0; k < str.length; k++) {
        starts.push(start);
        ends.push(end);
      }
      out += str;
    }
    var i = 0;
    while (i < text.length) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var end = i + ch.length;
      if (isSpace(cp)) {
        if (out.charAt(out.length - 1) === " ") ends[ends.length - 1] = end;
        else push(" ", i, end);
      } else if (isApostrophe(cp)) {
        push("'", i, end);
      } else if (cp < 0x80) {
        push(mode === EXACT ? ch : ch.toLowerCase(), i, end);
      } else {
        var spelt = mode === LOOSE ? SPELT[ch] : undefined;
        var parts = Array.from(spelt || ch.normalize("NFD"));
        for (var p = 0; p < parts.length; p++) {
          if (mode === EXACT) push(parts[p], i, end);
          else if (mode === ACCENTS || !MARK.test(parts[p])) push(parts[p].toLowerCase(), i, end);
        }
      }
      i = end;
    }
    return { text: out, starts: starts, ends: ends };
  }

  function foldPattern(text, mode) {
    return fold(String(text), mode).text.replace(/^ +| +$/g, "");
  }

  // Required hashtags: case ignored, accents kept.
  function hashtagKey(text) {
    return fold(String(text), ACCENTS).text;
  }

  function overlaps(a, b) {
    return a.start < b.end && b.start < a.end;
  }

  function insideUrl(urls, range) {
    for (var u = 0; u < urls.length; u++) if (overlaps(urls[u], range)) return true;
    return false;
  }

  // Whether a match of `pattern` at [start, end) of `text` stands on word
  // boundaries (at the ends of the pattern that are word characters).
  function wholeWords(text, start, end, pattern) {
    var startsWord = isWordChar(charAt(pattern, 0));
    var endsWord = isWordChar(charBefore(pattern, pattern.length));
    if (startsWord && isWordChar(charBefore(text, start))) return false;
    if (endsWord && isWordChar(charAt(text, end))) return false;
    return true;
  }

  function startsWithIgnoringCase(text, at, prefix) {
    return text.substr(at, prefix.length).toLowerCase() === prefix;
  }

  // Web addresses: http://, https:// or www., to the next white space or
  // <>", without trailing punctuation.
  function webAddresses(text) {
    var found = [];
    var previous;
    var i = 0;
    while (i < text.length) {
      var ch = charAt(text, i);
      var before = previous;
      previous = ch;
      var next = i + ch.length;
      if (!isWordChar(before) && /[hHwW]/.test(ch) &&
          (startsWithIgnoringCase(text, i, "http://") || startsWithIgnoringCase(text, i, "https://") ||
           startsWithIgnoringCase(text, i, "www."))) {
        var end = i;
        while (end < text.length) {
          var c = charAt(text, end);
          if (isSpace(c.codePointAt(0)) || c === "<" || c === ">" || c === "\"") break;
          end += c.length;
        }
        while (end > i && TRAILING_URL_PUNCTUATION.indexOf(charBefore(text, end)) !== -1) {
          end -= charBefore(text, end).length;
        }
        found.push({ start: i, end: end });
        // Skip the address, keeping `previous` as the character before its end.
        if (end > next) {
          previous = charBefore(text, end);
          next = end;
        }
      }
      i = next;
    }
    return found;
  }

  // Hashtags (# and word characters) and mentions (@ and word characters),
  // outside web addresses; not right after a word character or "&".
  function tokens(text, urls) {
    var found = [];
    var previous;
    var i = 0;
    while (i < text.length) {
      var ch = charAt(text, i);
      var before = previous;
      previous = ch;
      var start = i;
      i += ch.length;
      if ((ch !== "#" && ch !== "@") || isWordChar(before) || before === "&") continue;
      var end = i;
      while (end < text.length && isWordChar(charAt(text, end))) {
        previous = charAt(text, end);
        end += previous.length;
      }
      i = end;
      var range = { start: start, end: end };
      if (end > start + 1 && !insideUrl(urls, range)) {
        found.push({ start: start, end: end, hashtag: ch === "#" });
      }
    }
    return found;
  }

  // Grapheme clusters, as a person counts characters.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
    : null;

  function graphemeStarts(text) {
    var starts = [];
    if (segmenter) {
      var it = segmenter.segment(text)[Symbol.iterator]();
      for (var s = it.next(); !s.done; s = it.next()) starts.push(s.value.index);
    } else {
      // Without Intl.Segmenter: code points (emoji sequences count more).
      for (var i = 0; i < text.length; i += String.fromCodePoint(text.codePointAt(i)).length) starts.push(i);
    }
    return starts;
  }

  function trimmedBounds(text) {
    var start = 0;
    var end = text.length;
    while (start < end) {
      var cp = text.codePointAt(start);
      if (!isSpace(cp)) break;
      start += String.fromCodePoint(cp).length;
    }
    while (end > start) {
      var last = charBefore(text, end);
      if (!isSpace(last.codePointAt(0))) break;
      end -= last.length;
    }
    return { start: start, end: end };
  }

  function list(value) {
    if (value == null) return [];
    return Array.isArray(value) ? value : [value];
  }

  function readExtra(extra) {
    extra = extra || {};
    var mustMention = extra.must_mention !== undefined ? extra.must_mention : extra.mustMention;
    var maxHashtags = extra.max_hashtags !== undefined ? extra.max_hashtags : extra.maxHashtags;
    var maxLength = extra.max_length !== undefined ? extra.max_length : extra.maxLength;
    return {
      mustMention: list(mustMention).map(String),
      maxHashtags: typeof maxHashtags === "number" ? maxHashtags : null,
      maxLength: typeof maxLength === "number" ? maxLength : null,
      account: ACCOUNT_KINDS.indexOf(extra.account) !== -1 ? extra.account : "organization",
      ideas: readIdeas(extra.ideas, "missing"),
      avoidIdeas: readIdeas(extra.avoid_ideas !== undefined ? extra.avoid_ideas : extra.avoidIdeas, "found"),
    };
  }

  // A question's `ideas` ({words, missing}) or `avoid_ideas` ({words, found}).
  function readIdeas(value, messageKey) {
    return list(value).map(function (idea) {
      idea = idea || {};
      var message = idea[messageKey] !== undefined ? idea[messageKey] : idea.message;
      return { words: list(idea.words).map(String), message: message == null ? "" : String(message) };
    });
  }

  // Where the first word of the folded text (outside web addresses) that
  // starts with one of `words` is, as {start, end} of the original text (the
  // whole word); null when there is none. (idea_at in engine.rs.)
  function ideaAt(folded, words, urls) {
    var best = null;
    words.forEach(function (word) {
      var p = foldPattern(word, LOOSE);
      if (p === "") return;
      for (var at = folded.text.indexOf(p); at !== -1; at = folded.text.indexOf(p, at + 1)) {
        if (isWordChar(charBefore(folded.text, at))) continue;
        var end = at + p.length;
        while (end < folded.text.length && isWordChar(charAt(folded.text, end))) end += charAt(folded.text, end).length;
        var range = { start: folded.starts[at], end: folded.ends[end - 1] };
        if (insideUrl(urls, range)) continue;
        if (!best || range.start < best.start) best = range;
        return;
      }
    });
    return best;
  }

  // Who writes a post, and the rule groups each kind follows unless
  // brand.yaml's `accounts:` says otherwise (AccountRules in src/brand/mod.rs).
  var ACCOUNT_KINDS = ["organization", "employee", "public"];
  var DEFAULT_ACCOUNTS = {
    organization: ["length", "required_hashtags", "avoided_hashtags", "terms"],
    employee: ["length", "avoided_hashtags", "terms"],
    public: ["length"],
  };
  // The rule group of brand.yaml a finding comes from (none: the question's own rules).
  var GROUP_OF = {
    length: "length", hashtag_missing: "required_hashtags", hashtag_avoided: "avoided_hashtags",
    spelling: "terms", term: "terms",
  };

  // Compiles the rules (the shape of brand.yaml; `platforms` a map
  // {name: {max_length}} or a list [{name, max_length, label}]).
  function compile(rules) {
    rules = rules || {};
    var terms = list(rules.terms);
    var hashtags = rules.hashtags || {};
    var rights = terms.filter(function (t) { return t && t.use != null; }).map(function (t) { return String(t.use); });
    var rightLoose = rights.map(function (r) { return foldPattern(r, LOOSE); });
    var rightAccents = rights.map(function (r) { return foldPattern(r, ACCENTS); });
    // The spellings to avoid, by the way they are compared: one that is a
    // right spelling with other accents keeps its accents, one with another
    // case is matched exactly.
    var searches = [[], [], []];
    terms.forEach(function (term, index) {
      list(term && term.avoid).forEach(function (avoid) {
        avoid = String(avoid);
        var loose = foldPattern(avoid, LOOSE);
        if (loose === "" || rights.indexOf(avoid) !== -1) return;
        var mode = rightAccents.indexOf(foldPattern(avoid, ACCENTS)) !== -1 ? EXACT
          : rightLoose.indexOf(loose) !== -1 ? ACCENTS : LOOSE;
        searches[mode].push({ pattern: foldPattern(avoid, mode), term: index });
      });
    });
    var platforms = [];
    if (rules.platforms == null) {
      // As brand.yaml without `platforms:` (BUILT_IN_PLATFORMS in src/brand/mod.rs).
      platforms = BUILT_IN_PLATFORMS.map(function (p) { return { name: p[0], label: p[1], maxLength: p[2] }; });
    } else if (Array.isArray(rules.platforms)) {
      platforms = rules.platforms.map(function (p) { return { name: String(p.name), label: p.label || p.name, maxLength: p.max_length }; });
    } else if (rules.platforms) {
      Object.keys(rules.platforms).forEach(function (name) {
        var p = rules.platforms[name] || {};
        platforms.push({ name: name, label: p.label || name, maxLength: p.max_length });
      });
    }
    var accounts = {};
    ACCOUNT_KINDS.forEach(function (kind) {
      var given = rules.accounts && rules.accounts[kind];
      accounts[kind] = Array.isArray(given) ? given.map(String) : DEFAULT_ACCOUNTS[kind];
    });
    var required = list(hashtags.required).map(function (h) { return { hashtag: String(h), key: hashtagKey(h) }; });
    var avoidedHashtags = list(hashtags.avoid).map(function (h) { return { hashtag: String(h), key: fold(String(h), LOOSE).text }; });

    function platformOf(name) {
      if (name == null || name === "") return null;
      var lower = String(name).toLowerCase();
      for (var p = 0; p < platforms.length; p++) if (platforms[p].name.toLowerCase() === lower) return platforms[p];
      return null;
    }

    function wording(text, urls) {
      var candidates = [];
      var first = 0;
      searches.forEach(function (patterns, mode) {
        var base = first;
        first += patterns.length;
        if (!patterns.length) return;
        var folded = fold(text, mode);
        patterns.forEach(function (entry, n) {
          var p = entry.pattern;
          for (var at = folded.text.indexOf(p); at !== -1; at = folded.text.indexOf(p, at + 1)) {
            if (!wholeWords(folded.text, at, at + p.length, p)) continue;
            var range = { start: folded.starts[at], end: folded.ends[at + p.length - 1] };
            if (insideUrl(urls, range)) continue;
            candidates.push({ start: range.start, end: range.end, term: entry.term, order: base + n });
          }
        });
      });
      // Of overlapping matches, the first to start wins, then the longest.
      candidates.sort(function (a, b) {
        return a.start - b.start || b.end - a.end || a.order - b.order;
      });
      var findings = [];
      var end = 0;
      candidates.forEach(function (c) {
        if (c.start < end) return;
        end = c.end;
        var term = terms[c.term];
        var why = term.why == null ? null : String(term.why);
        if (term.use != null) {
          findings.push({ kind: "spelling", start: c.start, end: c.end, text: text.slice(c.start, c.end), use: String(term.use), why: why });
        } else {
          findings.push({ kind: "term", start: c.start, end: c.end, text: text.slice(c.start, c.end), why: why });
        }
      });
      return findings;
    }

    function check(text, platform, extra) {
      text = text == null ? "" : String(text);
      extra = readExtra(extra);
      var urls = webAddresses(text);
      var hashtagTokens = tokens(text, urls).filter(function (t) { return t.hashtag; });
      var bounds = trimmedBounds(text);
      var trimmed = text.slice(bounds.start, bounds.end);
      var starts = graphemeStarts(trimmed);
      var length = starts.length;
      var known = platformOf(platform);
      var limit = extra.maxLength !== null ? extra.maxLength : (known ? known.maxLength : null);
      var findings = [];
      if (limit !== null && length > limit) {
        findings.push({ kind: "length", length: length, limit: limit, start: bounds.start + starts[limit], end: bounds.end });
      }
      required.forEach(function (r) {
        var present = hashtagTokens.some(function (t) { return hashtagKey(text.slice(t.start, t.end)) === r.key; });
        if (!present) findings.push({ kind: "hashtag_missing", hashtag: r.hashtag });
      });
      if (extra.maxHashtags !== null && hashtagTokens.length > extra.maxHashtags) {
        findings.push({ kind: "too_many_hashtags", count: hashtagTokens.length, max: extra.maxHashtags });
      }
      if (extra.mustMention.length) {
        var folded = fold(text, LOOSE);
        extra.mustMention.forEach(function (mention) {
          var p = foldPattern(mention, LOOSE);
          if (p === "") return;
          var found = false;
          for (var at = folded.text.indexOf(p); at !== -1 && !found; at = folded.text.indexOf(p, at + 1)) {
            found = wholeWords(folded.text, at, at + p.length, p) &&
              !insideUrl(urls, { start: folded.starts[at], end: folded.ends[at + p.length - 1] });
          }
          if (!found) findings.push({ kind: "must_mention", text: mention });
        });
      }
      var placed = [];
      if (extra.ideas.length || extra.avoidIdeas.length) {
        var foldedText = fold(text, LOOSE);
        extra.ideas.forEach(function (idea, index) {
          if (!ideaAt(foldedText, idea.words, urls)) findings.push({ kind: "idea_missing", index: index, message: idea.message });
        });
        extra.avoidIdeas.forEach(function (idea, index) {
          var range = ideaAt(foldedText, idea.words, urls);
          if (range) placed.push({ kind: "idea_avoided", index: index, message: idea.message, start: range.start, end: range.end, text: text.slice(range.start, range.end) });
        });
      }
      hashtagTokens.forEach(function (t) {
        var key = fold(text.slice(t.start, t.end), LOOSE).text;
        for (var a = 0; a < avoidedHashtags.length; a++) {
          if (avoidedHashtags[a].key === key) {
            placed.push({ kind: "hashtag_avoided", hashtag: avoidedHashtags[a].hashtag, start: t.start, end: t.end, text: text.slice(t.start, t.end) });
            break;
          }
        }
      });
      placed = placed.concat(wording(text, urls));
      placed.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
      var groups = accounts[extra.account];
      var kept = findings.concat(placed).filter(function (f) {
        return !GROUP_OF[f.kind] || groups.indexOf(GROUP_OF[f.kind]) !== -1;
      });
      return { findings: kept, length: length, limit: limit, account: extra.account };
    }

    return {
      check: check,
      platforms: platforms,
      platform: platformOf,
      name: rules.name || "",
      handle: rules.handle || "",
    };
  }

  // ---- In the browser: the site's rules, the checker widget ----

  var data = (typeof window !== "undefined" && window.BRANDCAMP_BRAND) || {};
  var engine = null;
  function siteEngine() {
    if (!engine) engine = compile(data.rules || {});
    return engine;
  }

  function strings() {
    return data.strings || {};
  }

  function format(key, args) {
    // In pages, site.js's formatter (plural forms); under Node, placeholders only.
    if (typeof window !== "undefined" && window.BrandcampText) return window.BrandcampText.format(strings(), key, args);
    var text = strings()[key] || key;
    Object.keys(args || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(args[name]));
    });
    return text;
  }

  function check(text, platform, extra) {
    return siteEngine().check(text, platform, extra);
  }

  function passes(text, platform, extra) {
    if (String(text == null ? "" : text).trim() === "") return false;
    return check(text, platform, extra).findings.length === 0;
  }

  // What the quiz calls for a `post` question: `rules` as the quiz page
  // carries them ({platform, mustMention, maxHashtags, maxLength}).
  function gradePost(text, rules) {
    rules = rules || {};
    var result = check(text, rules.platform, rules);
    var passed = String(text == null ? "" : text).trim() !== "" && result.findings.length === 0;
    return { passed: passed, score: passed ? 1 : 0, problems: result.findings, length: result.length, limit: result.limit, rules: rules };
  }

  // A finding in words, in the course's language: {message, why}.
  function describe(finding) {
    var f = finding;
    switch (f.kind) {
      case "length": return { message: format("brand_problem_length", { length: f.length, limit: f.limit }), why: null };
      case "hashtag_missing": return { message: format("brand_problem_hashtag_missing", { hashtag: f.hashtag }), why: null };
      case "too_many_hashtags": return { message: format("brand_problem_too_many_hashtags", { count: f.count, max: f.max }), why: null };
      case "must_mention": return { message: format("brand_problem_must_mention", { text: f.text }), why: null };
      case "hashtag_avoided": return { message: format("brand_problem_hashtag_avoided", { text: f.text, hashtag: f.hashtag }), why: null };
      case "spelling": return { message: format("brand_problem_spelling", { text: f.text, use: f.use }), why: f.why };
      case "idea_missing":
      case "idea_avoided": return { message: f.message, why: null };
      default: return { message: format("brand_problem_term", { text: f.text }), why: f.why };
    }
  }

  function countText(result) {
    if (result.limit === null) return format("brand_count_no_limit", { n: result.length });
    return format("brand_count", { n: result.length, limit: result.limit });
  }

  // Live feedback on a textarea. `platform` is a name, or a function that
  // returns one; `output` is the element that receives the feedback (its
  // content is replaced). options: {extra, delay (ms), onResult(result)}.
  function attachChecker(textarea, platform, output, options) {
    options = options || {};
    var currentPlatform = platform;
    var delay = typeof options.delay === "number" ? options.delay : 200;
    var doc = output.ownerDocument;

    output.textContent = "";
    output.classList.add("brand-checker");
    var count = doc.createElement("p");
    count.className = "brand-checker-count";
    var countShown = doc.createElement("span");
    countShown.setAttribute("aria-hidden", "true");
    var countSpoken = doc.createElement("span");
    countSpoken.className = "visually-hidden";
    count.appendChild(countShown);
    count.appendChild(countSpoken);
    // Announced politely, and only when the findings change.
    var status = doc.createElement("div");
    status.className = "brand-checker-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var summary = doc.createElement("p");
    summary.className = "brand-checker-summary";
    var findingsList = doc.createElement("ul");
    findingsList.className = "brand-checker-findings";
    status.appendChild(summary);
    status.appendChild(findingsList);
    // Which kind of account the post is checked as: the rules differ.
    var checkedAs = doc.createElement("p");
    checkedAs.className = "brand-checker-account";
    output.appendChild(checkedAs);
    output.appendChild(count);
    output.appendChild(status);

    var timer = null;
    var lastSignature = null;
    var lastResult = null;

    function platformName() {
      return typeof currentPlatform === "function" ? currentPlatform() : currentPlatform;
    }

    var currentAccount = options.extra && options.extra.account;

    function update() {
      timer = null;
      var text = textarea.value;
      var extra = {};
      Object.keys(options.extra || {}).forEach(function (k) { extra[k] = options.extra[k]; });
      extra.account = typeof currentAccount === "function" ? currentAccount() : currentAccount;
      var result = check(text, platformName(), extra);
      checkedAs.textContent = format("brand_checked_as", { account: format("brand_account_" + result.account) });
      var empty = text.trim() === "";
      lastResult = {
        findings: result.findings,
        length: result.length,
        limit: result.limit,
        passed: !empty && result.findings.length === 0,
      };
      countShown.textContent = countText(result);
      countSpoken.textContent = result.limit === null ? "" : format("brand_count_label", { n: result.length, limit: result.limit });
      count.classList.toggle("brand-checker-over", result.limit !== null && result.length > result.limit);

      var described = result.findings.map(describe);
      var signature = JSON.stringify([empty, described]);
      if (signature !== lastSignature) {
        lastSignature = signature;
        output.setAttribute("data-state", empty ? "empty" : (result.findings.length ? "problems" : "ok"));
        if (empty) summary.textContent = format("brand_check_empty");
        else if (!described.length) summary.textContent = format("brand_check_ok");
        else if (described.length === 1) summary.textContent = format("brand_check_one");
        else summary.textContent = format("brand_check_many", { n: described.length });
        findingsList.textContent = "";
        if (!empty) {
          described.forEach(function (d) {
            var item = doc.createElement("li");
            item.textContent = d.message;
            if (d.why) {
              var why = doc.createElement("span");
              why.className = "brand-checker-why";
              why.textContent = " " + d.why;
              item.appendChild(why);
            }
            findingsList.appendChild(item);
          });
        }
      }
      if (typeof options.onResult === "function") options.onResult(lastResult);
      return lastResult;
    }

    function schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(update, delay);
    }

    textarea.addEventListener("input", schedule);
    update();
    return {
      update: update,
      result: function () { return lastResult; },
      setPlatform: function (name) { currentPlatform = name; update(); },
      setAccount: function (kind) { currentAccount = kind; update(); },
      destroy: function () {
        textarea.removeEventListener("input", schedule);
        if (timer !== null) clearTimeout(timer);
      },
    };
  }

  var api = {
    compile: compile,
    check: check,
    passes: passes,
    gradePost: gradePost,
    describe: describe,
    attachChecker: attachChecker,
    countGraphemes: function (text) { return graphemeStarts(String(text)).length; },
    // The site's platform named `name` ({name, label, maxLength}), or null.
    platform: function (name) { return siteEngine().platform(name); },
  };

  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") window.BrandcampBrand = api;

  // The brand page's "try a post" box.
  if (typeof document !== "undefined") {
    var boxes = document.querySelectorAll("[data-brand-try]");
    Array.prototype.forEach.call(boxes, function (box) {
      var textarea = box.querySelector("[data-brand-text]");
      var select = box.querySelector("[data-brand-platform]");
      var account = box.querySelector("[data-brand-account]");
      var output = box.querySelector("[data-brand-output]");
      if (!textarea || !output) return;
      box.hidden = false;
      var checker = attachChecker(textarea, function () { return select ? select.value : null; }, output);
      if (account) checker.setAccount(function () { return account.value; });
      if (select) select.addEventListener("change", function () { checker.update(); });
      if (account) account.addEventListener("change", function () { checker.update(); });
    });
    var links = document.querySelectorAll("[data-brand-try-link]");
    Array.prototype.forEach.call(links, function (link) { link.hidden = false; });
  }
})(typeof window !== "undefined" ? window : this);
