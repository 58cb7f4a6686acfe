/* Care home action plan: start the page, once every part of it is loaded.
 *
 * Loaded after the page's parts (overrides/partials/ap-scripts.html). Scripts
 * are at the end of <body>, so the page above is all there: it is laid out
 * from the saved answers now, before the first paint (a page whose layout
 * depends on them holds its first paint until this has run:
 * partials/ap-head.html).
 */
if (window.APPage) window.APPage.start();
