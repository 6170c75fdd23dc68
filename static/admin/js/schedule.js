/* "Schedule…" (templates/admin/publishing/schedule_button.html) opens a panel
   that asks for the publication time; "Schedule" copies it into the form's
   publication time field and saves. The server refuses a time that has passed.
   Without this script "Schedule…" saves with the form's own field. */
"use strict";
document.addEventListener("click", (event) => {
  const opener = event.target.closest(".schedule-open");
  const confirm = event.target.closest(".schedule-confirm");
  const field = document.getElementById("id_published_at");
  if (opener && field) {
    event.preventDefault();
    const panel = opener.nextElementSibling;
    panel.hidden = !panel.hidden;
    opener.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) {
      const input = panel.querySelector(".schedule-time");
      input.value = input.value || field.value;
      input.focus();
    }
  } else if (confirm && field) {
    field.value = confirm.closest(".schedule-panel").querySelector(".schedule-time").value;
  }
});
document.addEventListener("keydown", (event) => {
  // Enter in the panel's input schedules (not the form's first button).
  if (event.key === "Enter" && event.target.matches(".schedule-time")) {
    event.preventDefault();
    event.target.closest(".schedule-panel").querySelector(".schedule-confirm").click();
  }
});
