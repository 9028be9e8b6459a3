// The error summary of a refused save (templates/hankehallinta/_error_summary.html, WCAG 3.3.1):
// the focus moves to the summary when the page loads, so that a screen reader reads its heading and
// list; following one of its links focuses the field it names (a plain fragment link would only
// scroll) and brings the field's label into view.
(function () {
  "use strict";
  if (window.errorSummaryReady) {
    return; // the script is loaded by every summary on the page: once is enough
  }
  window.errorSummaryReady = true;

  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) {
      return false;
    }
    var label = document.querySelector('label[for="' + id + '"]');
    field.focus();
    (label || field).scrollIntoView({ block: "center" });
    return document.activeElement === field;
  }

  function init() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-error-link]");
        if (link && focusField(link.getAttribute("data-error-link"))) {
          event.preventDefault();
        }
      });
    });
    if (summaries.length) {
      summaries[0].focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
