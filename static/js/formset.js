// Adds rows to the application editor's formsets without a round trip (templates/projects/_*_formset.html).
// Each "add" button names its formset (data-formset-add) and the placeholder of the row template
// (data-placeholder). The script copies <template id="PREFIX-template">, puts the next row number in
// place of the placeholder and raises PREFIX-TOTAL_FORMS. Without the script the same button submits
// the form and the server adds a blank row. No inline script: CSP.
(function () {
  "use strict";

  function addRow(button) {
    var prefix = button.dataset.formsetAdd;
    var placeholder = button.dataset.placeholder || "__prefix__";
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-template");
    var rows = document.getElementById(prefix + "-rows");
    if (!total || !template || !rows) {
      return false;
    }
    var index = parseInt(total.value, 10);
    if (isNaN(index)) {
      return false;
    }
    var html = template.innerHTML.split(placeholder).join(String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild;
    var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
    return true;
  }

  // Enter in a field of the editor "clicks" the form's first submit button, which is an "add" button
  // (implicit submission). That Enter means Save: it must not add a row. A real press of the button
  // (mouse: detail > 0; keyboard: the button has the focus) still adds one.
  function implicitSubmission(event, button) {
    var active = document.activeElement;
    return event.detail === 0 && active !== button && active && active.form === button.form &&
      active.tagName === "INPUT";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) {
      return;
    }
    if (implicitSubmission(event, button)) {
      event.preventDefault();
      var save = button.form && button.form.querySelector("button[type=submit]:not([data-formset-add])");
      if (save) {
        save.click();
      }
      return;
    }
    if (addRow(button)) {
      event.preventDefault();
    }
  });
})();
