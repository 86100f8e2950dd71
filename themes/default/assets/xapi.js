// brandcamp's xAPI plumbing, shared by the cmi5 launch page (cmi5.js) and
// the plain site's reporter (lrs.js): requests to an LRS, the queue that
// keeps what is to be sent until the LRS has it, and the `answered`
// statement of a question. No dependencies; the Node tests load it with
// require(). Nothing here runs by itself: it reaches the network only when
// one of those two scripts asks it to, with the endpoint it was given.
//
// Written by hand rather than taken from an xAPI client (@xapi/xapi,
// @xapi/cmi5): those need a bundler and bring far more than the few
// requests a course makes; their behaviour was the reference.
//
// The queue lives in localStorage, so that a reload or a closed tab loses
// nothing: an item is written there before it is sent and removed once the
// LRS has answered for it. Items go out one at a time, in the order they
// were queued. A statement is sent with PUT and its own id, so that sending
// it again (the answer to the first try was lost, or the page closed
// before it could remove it) cannot record it twice: the LRS keeps the
// first and answers the second with 204 or 409, both taken as "delivered".
// A state document waiting in the queue is replaced by a newer one of the
// same name (only the last one matters). While the LRS cannot be reached
// the queue waits, longer each time up to a minute, and tries again at
// once when the browser says it is back online or something new is queued.
(function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module.exports) module.exports = api;
  if (root) root.BrandcampXapi = api;
})(typeof window !== "undefined" ? window : null, function (root) {
  "use strict";

  var VERSION = "1.0.3";
  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
  var RETRY_FIRST = 1000;
  var RETRY_MAX = 60000;

  function warn(message) {
    if (typeof console !== "undefined") console.warn("brandcamp (xAPI): " + message);
  }

  // A version 4 UUID, as statement ids and registrations are.
  function uuid() {
    var c = root && root.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = "";
    for (var j = 0; j < 16; j++) {
      hex += (bytes[j] + 256).toString(16).slice(1);
      if (j === 3 || j === 5 || j === 7 || j === 9) hex += "-";
    }
    return hex;
  }

  // Milliseconds as an ISO 8601 duration ("PT1M2.5S"), to the hundredth.
  function duration(ms) {
    var cs = Math.max(0, Math.round((Number(ms) || 0) / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    var out = "PT";
    if (h) out += h + "H";
    if (m) out += m + "M";
    if (s || out === "PT") out += s + "S";
    return out;
  }

  function verb(name) {
    return { id: VERBS + name, display: { "en-US": name } };
  }

  // --- Requests ---------------------------------------------------------------

  // A client of the LRS at `endpoint` (ending with "/"), sending
  // `authorization` (an HTTP Authorization value, or "" for none).
  function client(endpoint, authorization) {
    function url(resource, params) {
      var query = Object.keys(params || {}).map(function (k) {
        return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
      }).join("&");
      return endpoint + resource + (query ? "?" + query : "");
    }
    // Resolves to the response, or null when the LRS could not be reached.
    function request(method, resource, params, body, keepalive) {
      var headers = { "X-Experience-API-Version": VERSION };
      if (authorization) headers.Authorization = authorization;
      if (body !== undefined) headers["Content-Type"] = "application/json";
      var init = { method: method, headers: headers, keepalive: !!keepalive, credentials: "same-origin" };
      if (body !== undefined) init.body = JSON.stringify(body);
      try {
        return root.fetch(url(resource, params), init).catch(function () { return null; });
      } catch (e) {
        return Promise.resolve(null);
      }
    }
    // A JSON document, null when there is none (404), or undefined when the
    // LRS could not be reached or answered with an error.
    function getDocument(resource, params) {
      return request("GET", resource, params).then(function (response) {
        if (!response) return undefined;
        if (response.status === 404) return null;
        if (!response.ok) return undefined;
        return response.text().then(function (text) {
          if (!text) return null;
          try { return JSON.parse(text); } catch (e) { return null; }
        });
      });
    }
    return { request: request, getDocument: getDocument };
  }

  // --- The queue ----------------------------------------------------------------

  // A queue kept in localStorage under `name`, sent through `lrs` (a
  // client). Items: { kind: "statement", body } or { kind: "state",
  // params, body }. `onChange(pending)` hears how many items wait.
  function queue(name, lrs, onChange) {
    var key = "brandcamp-xapi-queue:" + name;
    var sending = false;
    var timer = null;
    var wait = RETRY_FIRST;
    var memory = [];   // when localStorage is off
    var idle = [];     // callbacks waiting for an empty queue

    function read() {
      try {
        var raw = root.localStorage.getItem(key);
        var items = raw ? JSON.parse(raw) : [];
        return Array.isArray(items) ? items : [];
      } catch (e) {
        return memory.slice();
      }
    }
    function write(items) {
      memory = items.slice();
      try {
        if (items.length) root.localStorage.setItem(key, JSON.stringify(items));
        else root.localStorage.removeItem(key);
      } catch (e) { /* storage full or off: kept in memory for this page */ }
      if (onChange) onChange(items.length);
    }

    function push(item) {
      item.key = uuid();
      var items = read();
      if (item.kind === "state") {
        var same = JSON.stringify(item.params);
        // The one being sent stays: it may be on its way.
        items = items.filter(function (x, i) {
          return !(x.kind === "state" && JSON.stringify(x.params) === same && !(sending && i === 0));
        });
      }
      items.push(item);
      write(items);
      flush();
    }

    // The last state document queued under `params`, if one waits.
    function pendingState(params) {
      var same = JSON.stringify(params);
      var found;
      read().forEach(function (x) { if (x.kind === "state" && JSON.stringify(x.params) === same) found = x.body; });
      return found;
    }

    // "done" (remove it), "drop" (it can never be delivered) or "retry".
    function deliver(item, keepalive) {
      var sent = item.kind === "statement"
        ? lrs.request("PUT", "statements", { statementId: item.body.id }, item.body, keepalive)
        : lrs.request("PUT", "activities/state", item.params, item.body, keepalive);
      return sent.then(function (response) {
        if (!response) return "retry";
        var status = response.status;
        if ((status >= 200 && status < 300) || (item.kind === "statement" && status === 409)) return "done";
        if (status === 400) {
          warn("the LRS refused " + (item.kind === "statement" ? "statement " + item.body.id : "a state document") + " as malformed (400); it is dropped");
          return "drop";
        }
        return "retry";
      });
    }

    function removeFirst(itemKey) {
      var items = read();
      if (items.length && items[0].key === itemKey) items.shift();
      write(items);
    }

    function flush(keepalive) {
      if (timer) { clearTimeout(timer); timer = null; }
      if (sending) return;
      var items = read();
      if (!items.length) {
        wait = RETRY_FIRST;
        var callbacks = idle;
        idle = [];
        callbacks.forEach(function (f) { f(true); });
        return;
      }
      sending = true;
      var item = items[0];
      deliver(item, keepalive).then(function (outcome) {
        sending = false;
        if (outcome === "retry") {
          timer = setTimeout(flush, wait);
          wait = Math.min(RETRY_MAX, wait * 2);
          var callbacks = idle;
          idle = [];
          callbacks.forEach(function (f) { f(false); });
          return;
        }
        wait = RETRY_FIRST;
        removeFirst(item.key);
        flush(keepalive);
      });
    }

    // Resolves to true once the queue is empty, false when the LRS could
    // not be reached (the queue then keeps trying by itself).
    function drain(keepalive) {
      return new Promise(function (resolve) {
        idle.push(resolve);
        flush(keepalive);
      });
    }

    if (root && root.addEventListener) root.addEventListener("online", function () { flush(); });
    return { push: push, flush: flush, drain: drain, pendingState: pendingState, pending: function () { return read().length; } };
  }

  // --- Answered questions -------------------------------------------------------

  var TYPES = ["choice", "true-false", "fill-in", "long-fill-in", "numeric", "sequencing", "matching", "other"];

  // A response (or a correct response) in the xAPI interaction format of
  // `type`: ids joined by "[,]", pairs by "[.]", a range by "[:]".
  function responseText(type, value) {
    if (value === null || value === undefined) return "";
    if (type === "true-false") return String(value === true || value === "true");
    if (type === "numeric" && typeof value === "object" && !Array.isArray(value)) {
      if (value.exact !== undefined && value.exact !== null) return String(value.exact);
      var min = value.min !== undefined && value.min !== null ? String(value.min) : "";
      var max = value.max !== undefined && value.max !== null ? String(value.max) : "";
      return min === max ? min : min + "[:]" + max;
    }
    if (Array.isArray(value)) {
      return value.map(function (part) {
        if (Array.isArray(part)) return part.map(String).join("[.]");
        if (part && typeof part === "object") return String(part.source) + "[.]" + String(part.target);
        return String(part);
      }).join("[,]");
    }
    if (typeof value === "object") {
      return Object.keys(value).map(function (k) { return k + "[.]" + value[k]; }).join("[,]");
    }
    return String(value);
  }

  function components(list, language) {
    return (list || []).map(function (c) {
      var description = {};
      description[language] = String(c.text === undefined ? c.id : c.text);
      return { id: String(c.id), description: description };
    });
  }

  // The activity of question `record` in the quiz `quizId`, defined as a
  // cmi.interaction (xAPI's rendering of SCORM's interactions).
  function questionActivity(quizId, record, language) {
    var type = TYPES.indexOf(record.type) >= 0 ? record.type : "other";
    var name = {};
    name[language] = String(record.description || record.id).slice(0, 500);
    var definition = { type: INTERACTION, name: name, interactionType: type };
    if (record.correct !== null && record.correct !== undefined) {
      definition.correctResponsesPattern = [responseText(type, record.correct)];
    }
    if (record.choices) definition.choices = components(record.choices, language);
    if (record.source) definition.source = components(record.source, language);
    if (record.target) definition.target = components(record.target, language);
    return { objectType: "Activity", id: quizId + "/question/" + encodeURIComponent(String(record.id)), definition: definition };
  }

  // The `answered` statement of `record` (an interaction record of
  // interactions.js), by `actor`, with `context` (the caller's, copied).
  function answered(actor, quizId, record, context, language) {
    var type = TYPES.indexOf(record.type) >= 0 ? record.type : "other";
    var result = { response: responseText(type, record.response) };
    if (record.success === true || record.success === false) result.success = record.success;
    if (typeof record.score === "number" && isFinite(record.score)) {
      result.score = { scaled: Math.max(0, Math.min(1, Math.round(record.score * 10000) / 10000)) };
    }
    if (typeof record.latencyMs === "number" && isFinite(record.latencyMs)) result.duration = duration(record.latencyMs);
    var statement = {
      id: uuid(),
      actor: actor,
      verb: verb("answered"),
      object: questionActivity(quizId, record, language),
      result: result,
      context: context,
      timestamp: record.timestamp || new Date().toISOString(),
    };
    return statement;
  }

  return {
    uuid: uuid,
    duration: duration,
    verb: verb,
    client: client,
    queue: queue,
    responseText: responseText,
    answered: answered,
  };
});
