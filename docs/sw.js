/* Care home action plan: the service worker that makes the site work offline.

   It keeps a copy of every page and asset of one build in a cache named after
   that build, and answers from it first. The build writes the list of files
   and the build hash into the line below (hooks/actionplan/precache.py), so a
   new deployment gives a new sw.js: the browser installs it next to the old one
   and it waits until the reader chooses "Reload" (offline.js sends
   SKIP_WAITING) or every tab of the site is closed. Only then, in "activate",
   are the old caches deleted. Saved answers live in localStorage and are never
   touched here.

   Plain script, no modules, no imports. */
"use strict";

self.PRECACHE = {"version": "dev", "files": []};

var SCOPE = self.registration.scope;            // e.g. https://host/care/
var PREFIX = "actionplan:" + SCOPE + ":";       // one site per scope
var CACHE = PREFIX + self.PRECACHE.version;
var OFFLINE_PAGE = new URL("offline.html", SCOPE).href;

/* The cache key for a URL: no query or fragment, and "foo/" means "foo/index.html". */
function keyFor(href) {
  var url = new URL(href);
  url.search = "";
  url.hash = "";
  if (url.pathname.slice(-1) === "/") {
    url.pathname += "index.html";
  }
  return url.href;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // cache: "reload" skips the HTTP cache, so a stale copy cannot creep in.
      var requests = self.PRECACHE.files.map(function (path) {
        return new Request(new URL(path, SCOPE).href, { cache: "reload" });
      });
      return cache.addAll(requests);
    })
  );
  // No skipWaiting() here: a new version waits for the reader (see offline.js).
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        if (name.indexOf(PREFIX) === 0 && name !== CACHE) {
          return caches.delete(name);
        }
        return undefined;
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (event.data && event.data.type === "GET_VERSION" && event.ports[0]) {
    caches.open(CACHE).then(function (cache) {
      return cache.keys();
    }).then(function (keys) {
      event.ports[0].postMessage({
        version: self.PRECACHE.version,
        files: self.PRECACHE.files.length,
        cached: keys.length
      });
    });
  }
});

function offlinePage(cache) {
  return cache.match(OFFLINE_PAGE).then(function (page) {
    if (!page) {
      return new Response("You are offline, and this page is not saved on this device.", {
        status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" }
      });
    }
    // Served in place of a page in another folder: make its links and styles
    // resolve from the site root, where the offline page lives.
    return page.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + SCOPE + '">');
      return new Response(html, {
        status: 503, headers: { "Content-Type": "text/html; charset=utf-8" }
      });
    });
  });
}

function respond(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(keyFor(request.url)).then(function (hit) {
      if (hit) {
        return hit;
      }
      return fetch(request).catch(function () {
        if (request.mode === "navigate" || request.destination === "document") {
          return offlinePage(cache);
        }
        return Response.error();
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;                                      // GET only
  }
  if (request.url.indexOf(SCOPE) !== 0) {
    return;                                      // not ours: let the browser deal
  }
  event.respondWith(respond(request));
});
