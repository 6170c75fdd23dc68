// Fields Django's admin leaves without an accessible name (axe-core: label,
// aria-input-field-name): screen readers would announce an unnamed field.
// - Autocomplete fields (Select2) name their combobox after the chosen value
//   only, and their search box not at all: each takes its field's <label>.
// - Fields in a tabular inline have their column's header, not a <label>:
//   each takes that header's text. The inline's first, empty header cell (over
//   each row's title) becomes a plain cell: a header must say something
//   (axe-core: empty-table-header).
// Run again whenever the page changes (Select2 redraws, a row is added).
"use strict";
(function () {
  function setName(field, text) {
    if (text && field.getAttribute("aria-label") !== text) {
      field.setAttribute("aria-label", text);
    }
  }

  function labelText(element) {
    return element ? element.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const label = select.id && root.querySelector(`label[for="${select.id}"]`);
      const widget = select.nextElementSibling;
      if (!label || !widget || !widget.classList.contains("select2")) {
        return;
      }
      widget
        .querySelectorAll(
          ".select2-selection, .select2-selection__rendered, .select2-search__field"
        )
        .forEach((field) => setName(field, labelText(label)));
    });
  }

  function nameTabularFields(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      table.querySelectorAll("thead th.original").forEach(function (header) {
        if (!header.textContent.trim()) {
          const cell = document.createElement("td");
          cell.className = header.className;
          header.replaceWith(cell);
        }
      });
      const headers = Array.from(table.querySelectorAll("thead tr > *"));
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.from(row.children).forEach(function (cell, index) {
          const header = headers[index];
          cell
            .querySelectorAll("input:not([type=hidden]), select, textarea")
            .forEach(function (field) {
              const hasLabel =
                field.id && root.querySelector(`label[for="${field.id}"]`);
              if (!hasLabel && header) {
                setName(field, labelText(header));
              }
            });
        });
      });
    });
  }

  function nameAll() {
    nameAutocompletes(document);
    nameTabularFields(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("select.admin-autocomplete, .tabular table")) {
      return;
    }
    nameAll();
    // Once a frame at most, however many nodes a redraw adds.
    let pending = false;
    new MutationObserver(function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          nameAll();
        });
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
