// Small enhancements for every page; each page works without them.
// Registers the service worker (the timer works offline) and asks before deleting.
(function () {
  "use strict";
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* offline use is a bonus */ });
    });
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var ask = form && form.getAttribute && form.getAttribute("data-confirm");
    if (ask && !window.confirm(ask)) { e.preventDefault(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (el) {
    el.hidden = false;
    el.addEventListener("click", function () { window.print(); });
  });
})();
