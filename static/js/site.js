// "Go back" returns to the previous page when the visitor came from this site;
// without JavaScript (or from elsewhere) it is a plain link to the section.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-go-back]");
  if (!link || window.history.length < 2) return;
  if (!document.referrer.startsWith(window.location.origin + "/")) return;
  event.preventDefault();
  window.history.back();
});
