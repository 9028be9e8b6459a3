// Flat-rate cost rows of the application editor (templates/projects/_line_row.html, data-cost-row).
// A row whose category is "flat_rate" shows its rate and base categories instead of a typed amount,
// and its amount is computed here as the rows change: the year's amounts in the base categories times
// the rate, rounded half up to the cent (the server computes the same and ignores what is posted; see
// budgets/flat_rate.py). Arithmetic is in whole cents and basis points with BigInt: no float.
// Without the script the server shows the same parts after each submission. No inline script: CSP.
(function () {
  "use strict";

  var FLAT_RATE = "flat_rate";
  var NBSP = "\u00a0";

  function field(row, name) {
    return row.querySelector("[name='" + row.dataset.row + "-" + name + "']");
  }

  function digits(text) {
    return String(text || "").replace(/[\s\u00a0\u202f]/g, "");
  }

  // "57 437,00", "57437", "57.437,00 €" -> cents as a BigInt, or null when it cannot be read.
  function cents(text) {
    var value = digits(text).replace(/€$/, "");
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(value)) {
      value = value.replace(/\./g, "");
    }
    var match = /^(\d+)(?:,(\d{1,2}))?$/.exec(value);
    if (!match) {
      return null;
    }
    return BigInt(match[1]) * 100n + BigInt(((match[2] || "") + "00").slice(0, 2));
  }

  // "40", "40 %", "12,5 %" -> basis points (40 % = 4000n), or null.
  function basisPoints(text) {
    var match = /^(\d{1,3})(?:,(\d{1,2}))?$/.exec(digits(text).replace(/%$/, ""));
    if (!match) {
      return null;
    }
    var points = BigInt(match[1]) * 100n + BigInt(((match[2] || "") + "00").slice(0, 2));
    return points > 0n && points <= 10000n ? points : null;
  }

  function euros(amount) {
    var whole = (amount / 100n).toString();
    var rest = (amount % 100n).toString().padStart(2, "0");
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + "," + rest + NBSP + "€";
  }

  function category(row) {
    var select = field(row, "category");
    return select ? select.value : "";
  }

  function removed(row) {
    var box = field(row, "DELETE");
    return Boolean(box && box.checked);
  }

  function show(row, selector, visible) {
    var part = row.querySelector(selector);
    if (part) {
      part.hidden = !visible;
    }
  }

  function baseOf(row) {
    var boxes = row.querySelectorAll("[name='" + row.dataset.row + "-flat_rate_base']:checked");
    return Array.prototype.map.call(boxes, function (box) {
      return box.value;
    });
  }

  function computed(row, rows) {
    var rate = basisPoints((field(row, "flat_rate") || {}).value);
    var base = baseOf(row);
    var year = digits((field(row, "year") || {}).value);
    if (rate === null || !base.length || !year) {
      return null;
    }
    var total = 0n;
    for (var i = 0; i < rows.length; i++) {
      var other = rows[i];
      if (other === row || removed(other) || base.indexOf(category(other)) < 0) {
        continue;
      }
      if (digits((field(other, "year") || {}).value) !== year) {
        continue;
      }
      var amount = cents((field(other, "amount") || {}).value);
      if (amount === null) {
        return null;
      }
      total += amount;
    }
    return (total * rate + 5000n) / 10000n; // half up: every amount is zero or more
  }

  function refresh(changed) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-cost-row]"));
    rows.forEach(function (row) {
      var flat = category(row) === FLAT_RATE;
      if (flat && row === changed && !baseOf(row).length) {
        var staff = row.querySelector("[name='" + row.dataset.row + "-flat_rate_base'][value='staff']");
        if (staff) {
          staff.checked = true; // the common case: a percentage of staff costs
        }
      }
      show(row, "[data-flat-rate-fields]", flat);
      show(row, "[data-flat-rate-amount]", flat);
      show(row, ".row-field-amount", !flat);
      var output = row.querySelector(".flat-rate-amount");
      if (flat && output) {
        var amount = computed(row, rows);
        output.textContent = amount === null ? "–" : euros(amount);
      }
    });
  }

  function rowOf(target) {
    return target && target.closest ? target.closest("[data-cost-row]") : null;
  }

  document.addEventListener("input", function (event) {
    if (rowOf(event.target)) {
      refresh(null);
    }
  });
  document.addEventListener("change", function (event) {
    var row = rowOf(event.target);
    if (row) {
      refresh(event.target.name === row.dataset.row + "-category" ? row : null);
    }
  });
  var container = document.getElementById("budget-rows");
  if (container && window.MutationObserver) {
    new MutationObserver(function () {
      refresh(null);
    }).observe(container, { childList: true });
  }
  refresh(null);
})();
