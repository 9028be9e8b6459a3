// Warns before the session times out and offers to continue it (WCAG 2.2.1 Timing Adjustable).
// The box is in templates/base.html (#session-timeout); the server ends the session itself
// (hankehallinta/accounts.py): this only tells the user in time. No inline script: CSP.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) {
    return;
  }
  var idleMs = Number(box.dataset.idleSeconds) * 1000;
  var warnMs = Number(box.dataset.warnSeconds) * 1000;
  var absoluteEnd = Date.now() + Number(box.dataset.absoluteSeconds) * 1000;
  var form = box.querySelector("form");
  var timers = [];

  function showOnly(state) {
    // The box itself stays: it is the live region that announces the part shown.
    box.querySelectorAll("[data-state]").forEach(function (part) {
      part.hidden = part.dataset.state !== state;
    });
  }

  function schedule() {
    timers.forEach(clearTimeout);
    timers = [];
    showOnly(null);
    var idleEnd = Date.now() + idleMs;
    var end = Math.min(idleEnd, absoluteEnd);
    var final = absoluteEnd <= idleEnd;
    timers.push(setTimeout(function () {
      showOnly(final ? "final" : "warning");
    }, Math.max(0, end - Date.now() - warnMs)));
    timers.push(setTimeout(function () {
      showOnly("expired");
    }, Math.max(0, end - Date.now())));
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) {
        return; // an ordinary form post continues the session too
      }
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual", // signed out meanwhile: the sign-in page's redirect is not "ok"
        headers: { "X-Requested-With": "fetch" },
      }).then(function (response) {
        if (response.ok) {
          schedule();
        } else {
          showOnly("expired");
        }
      }, function () {
        form.submit();
      });
    });
  }
  schedule();
})();
