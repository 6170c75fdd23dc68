// CKEditor uploads by XHR: send Django's CSRF token with them, so the upload
// view needs no CSRF exemption. Runs before the editors are created.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.CKEDITOR) return;
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  const token = field ? field.value : match && decodeURIComponent(match[1]);
  window.CKEDITOR.on("instanceCreated", (event) => {
    event.editor.config.fileTools_requestHeaders = { "X-CSRFToken": token };
  });
});
