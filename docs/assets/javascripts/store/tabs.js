/* Care home action plan: the storage layer, part 4 of 7 — the news between
 * tabs. An import, undo or "delete everything" in one tab tells the other tabs
 * of this copy of the site (BroadcastChannel), so they can say so and read
 * afresh. Loaded on every page that reads or writes answers: a page without
 * it would not hear the others. Without this file, P.tell does nothing.
 */
(function () {
  "use strict";

  var P = window.APStoreParts, A = window.APStore;
  var S = P.S;

  var channel = null, tabListeners = [];
  try { channel = new BroadcastChannel(S + "changes"); } catch (e) { channel = null; }
  if (channel) {
    channel.onmessage = function (e) {
      var kind = e && e.data && e.data.kind;
      if (typeof kind !== "string") return;
      tabListeners.forEach(function (fn) { try { fn(kind); } catch (err) { /* ignore */ } });
    };
  }
  function tell(kind) { if (channel) { try { channel.postMessage({ kind: kind }); } catch (e) { /* ignore */ } } }

  P.tell = tell;
  A.onOtherTab = function (fn) { tabListeners.push(fn); };
})();
