/* The admin's navigation sidebar starts folded on screens narrower than
   1440 px, so that a list keeps its width at 1280 px (the « button opens it,
   and Django's own script remembers that choice). Runs before Django's
   nav_sidebar.js, which reads the stored choice. */
"use strict";
(function () {
  const key = "django.admin.navSidebarIsOpen";
  try {
    if (localStorage.getItem(key) === null && window.innerWidth < 1440) {
      localStorage.setItem(key, "false");
    }
  } catch (error) {
    // No storage (private mode): Django's default applies.
  }
})();
