// The running tally of the vote form on the decision page (templates/decisions/_vote_form.html).
// Each member's row (data-ballot-row) holds four radio buttons; the tally (data-vote-tally, an
// aria-live region) counts the positions chosen so far, plus those recorded as POISSA without a row
// (data-fixed-absent), and how many rows are still without a choice. Without the script the form
// works the same; the server checks every row. No inline script: CSP.
(function () {
  "use strict";

  function update(form) {
    var tally = form.querySelector("[data-vote-tally]");
    if (!tally) {
      return;
    }
    var counts = { yes: 0, no: 0, abstain: 0, absent: parseInt(tally.dataset.fixedAbsent || "0", 10) || 0 };
    var unset = 0;
    form.querySelectorAll("[data-ballot-row]").forEach(function (row) {
      var chosen = row.querySelector("input[type=radio]:checked");
      if (chosen && Object.prototype.hasOwnProperty.call(counts, chosen.value)) {
        counts[chosen.value] += 1;
      } else {
        unset += 1;
      }
    });
    counts.unset = unset;
    Object.keys(counts).forEach(function (key) {
      var cell = tally.querySelector('[data-tally="' + key + '"]');
      if (cell && cell.textContent !== String(counts[key])) {
        cell.textContent = String(counts[key]);
      }
    });
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest ? event.target.closest("[data-vote-form]") : null;
    if (form) {
      update(form);
    }
  });

  document.querySelectorAll("[data-vote-form]").forEach(update);
})();
