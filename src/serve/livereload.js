// Added by `brandcamp serve` to every page it serves (never to a normal
// build). It long-polls the server for build news: the page reloads when a
// new build of the site is served, and a failed build's errors are shown
// over the page until a build succeeds. Error text is inserted with
// textContent. Hidden tabs stop polling, so that open tabs do not use up
// the browser's connections to the server.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;
  var since = "";
  var controller = null;
  var overlay = null;

  function showErrors(errors) {
    if (!errors.length) {
      if (overlay) overlay.remove();
      overlay = null;
      return;
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "brandcamp-build-errors";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-label", "Build errors");
      overlay.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe9e9;border-top:4px solid #ff6b6b;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5rem;font-weight:bold;";
    title.textContent =
      "The build failed (" + errors.length + (errors.length === 1 ? " error" : " errors") +
      "): this page shows the last good build. Fix the file and save.";
    overlay.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem;";
    errors.forEach(function (error) {
      var item = document.createElement("li");
      item.className = "brandcamp-build-error";
      item.textContent = error.location + ": " + error.message + (error.hint ? "\n  help: " + error.hint : "");
      list.appendChild(item);
    });
    overlay.appendChild(list);
  }

  function poll() {
    if (document.hidden) return;
    if (controller) controller.abort();
    var current = typeof AbortController === "function" ? new AbortController() : null;
    controller = current;
    fetch("/__brandcamp/events?since=" + encodeURIComponent(since), {
      cache: "no-store",
      signal: current ? current.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        if (current !== controller) return;
        if (state.build !== build) {
          window.location.reload();
          return;
        }
        showErrors(state.errors || []);
        since = String(state.generation);
        poll();
      })
      .catch(function (error) {
        if (current !== controller || (error && error.name === "AbortError")) return;
        // The server is restarting or gone: try again shortly.
        setTimeout(function () {
          if (current === controller) poll();
        }, 2000);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (controller) controller.abort();
      controller = null;
    } else {
      poll();
    }
  });
  poll();
})();
