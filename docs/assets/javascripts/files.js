/* Care home action plan: files in and out of the browser (window.APFiles).
 *
 * Saving a file (a download made here, nothing sent), sending it through the
 * device's share sheet where the browser can share files (Web Share API), and
 * reading a chosen file's text. Used by share.js and compare-view.js.
 */
(function () {
  "use strict";

  /** A File (or a Blob with a name, where File cannot be made) of some text. */
  function fileOf(text, name, type) {
    try { return new File([text], name, { type: type }); } catch (e) {
      var b = new Blob([text], { type: type });
      b.name = name;
      return b;
    }
  }
  /** Save a file to the device: a download of a blob made on this page. */
  function save(file) {
    var url = URL.createObjectURL(file), a = document.createElement("a");
    a.href = url;
    a.download = file.name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  /** True where this browser can send files through the device's share sheet. */
  function canShare(file) {
    try { return !!(navigator.canShare && navigator.share && navigator.canShare({ files: [file] })); } catch (e) { return false; }
  }
  /** Send a file through the share sheet; resolves true when it was shared. */
  function share(file, title) {
    return navigator.share({ files: [file], title: title || file.name }).then(function () { return true; },
      function () { return false; });
  }
  /** A chosen file's text (a Promise). */
  function readText(file) {
    if (file.text) return file.text();
    return new Promise(function (ok, fail) {
      var r = new FileReader();
      r.onload = function () { ok(String(r.result)); };
      r.onerror = function () { fail(r.error); };
      r.readAsText(file);
    });
  }

  window.APFiles = { fileOf: fileOf, save: save, canShare: canShare, share: share, readText: readText };
})();
