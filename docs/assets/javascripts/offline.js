/* Care home action plan: offline support and updates (classic script).

   Registers the service worker (sw.js at the site root, found from Material's
   base URL so the site can live in a sub-folder) and, when a new version of the
   site has been deployed and is ready, shows "A new version is ready" with a
   Reload button. Nothing reloads until the reader asks: then the waiting worker
   takes over and every open page of the site reloads, so old and new files are
   never mixed. Not used when the site is opened from disk (file://). */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || location.protocol === "file:") {
    return;
  }

  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (err) {
      /* no config: assume this page is at the site root */
    }
    return base.replace(/\/+$/, "");
  }

  var base = siteBase();
  var swUrl = new URL(base + "/sw.js", location.href);
  var scope = new URL(base + "/", location.href);
  var hadController = !!navigator.serviceWorker.controller;
  var reloading = false;
  var region = null;

  /* A live region that exists before anything is put in it, so screen readers
     announce the message when it appears. */
  function liveRegion() {
    if (!region) {
      region = document.createElement("div");
      region.className = "ap-update";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      region.hidden = true;
      document.body.appendChild(region);
    }
    return region;
  }

  function showUpdate(worker) {
    var box = liveRegion();
    if (box.getAttribute("data-shown")) {
      return;
    }
    box.setAttribute("data-shown", "yes");
    var text = document.createElement("p");
    text.className = "ap-update__text";
    text.textContent = "A new version is ready.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ap-update__button";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Reloading…";
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    box.hidden = false;
    document.documentElement.classList.add("ap-has-update");
    // Fill the region a moment after it is shown, so the change is announced.
    setTimeout(function () {
      box.appendChild(text);
      box.appendChild(button);
    }, 50);
  }

  function watch(worker) {
    if (!worker) {
      return;
    }
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) {
        showUpdate(worker);
      }
    });
  }

  // A new worker took over (after Reload here or in another tab): load the
  // page again so it uses only the new version's files.
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (hadController && !reloading) {
      reloading = true;
      location.reload();
    }
    hadController = true;
  });

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(swUrl.href, { scope: scope.href }).then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) {
        showUpdate(reg.waiting);
      }
      watch(reg.installing);
      reg.addEventListener("updatefound", function () {
        watch(reg.installing);
      });
      // Look for a new version now, and whenever the reader comes back to the
      // tab (tablets keep pages open for days). Offline, this simply fails.
      function check() {
        if (navigator.serviceWorker.controller && !reg.installing && !reg.waiting) {
          reg.update().catch(function () { /* offline or host unreachable */ });
        }
      }
      check();
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") {
          check();
        }
      });
    }).catch(function () {
      /* No offline copy (private browsing, blocked storage): the site still works online. */
    });
  });
})();
