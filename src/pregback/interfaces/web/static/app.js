// Small enhancements for every page; each page works without them.
// Registers the service worker (the timer works offline) and asks before deleting.
(function () {
  "use strict";
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* offline use is a bonus */ });
    });
  }
  // Her time zone, so that the diary shows her own clock even on a server far away.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && /^[A-Za-z0-9_+\/-]{1,64}$/.test(zone) && document.cookie.indexOf("pb_tz=" + zone) === -1) {
      document.cookie = "pb_tz=" + zone + "; path=/; max-age=31536000; SameSite=Strict";
    }
  } catch (err) { /* the server's time zone is used instead */ }
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
