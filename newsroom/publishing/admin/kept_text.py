"""An expired session on Save keeps the text (Wagtail's long-standing complaint).

When a staff member's session ended (it expired, or they logged out in another
tab) and they press Save, Django's admin sends them to the login page and the
POST, their text, is lost. Here instead:

1. Every item's form carries `_keep_owner`: its user's id and the form's path,
   signed with the secret key and dated (`owner_token`).
2. A POST to an add or change form from a request that may not use the admin
   (`keep_text_of_ended_session`, called by NewsroomAdminSite.admin_view after
   the CSRF middleware accepted it) writes nothing to the content: if its
   `_keep_owner` is valid for that path, the form's fields (not files) are kept
   in that browser's session, next to the user's id, and the login page says so.
3. Logging in keeps the session's data (Django cycles the key of an anonymous
   session); the form then opens with the text put back by the page's script
   (`take_kept_text`), once, for that user only: kept text is dropped unread
   if someone else logs in. Nothing is saved until they press Save, with the
   usual checks (a colleague's save in between is the stale-save refusal).
"""

import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SALT = "newsroom.publishing.kept_text"
OWNER_FIELD = "_keep_owner"
SESSION_KEY = "newsroom_kept_text"
KEPT_FORMS = 3  # per session: the newest
# Form fields never kept: the CSRF token, the owner token, the buttons.
NOT_KEPT = {"csrfmiddlewaretoken"}


def owner_token(request) -> str:
    return signing.dumps({"user": request.user.pk, "path": request.path}, salt=SALT)


def _owner_of(request) -> int | None:
    """The user the posted form was made for, if its token is valid here."""
    try:
        payload = signing.loads(
            request.POST.get(OWNER_FIELD, ""),
            salt=SALT,
            max_age=settings.SESSION_COOKIE_AGE + 24 * 3600,
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("path") != request.path:
        return None
    user = payload.get("user")
    return user if isinstance(user, int) else None


def keep_text_of_ended_session(request):
    """For a POST to a form from someone not logged in: keep its text in the
    session and send them to log in; None when there is nothing to keep."""
    match = request.resolver_match
    if not (
        request.method == "POST"
        and getattr(request, "csrf_processing_done", False)  # CSRF accepted it
        and match is not None
        and match.url_name
        and match.url_name.endswith(("_add", "_change"))
    ):
        return None
    owner = _owner_of(request)
    if owner is None:
        return None
    data = {
        key: request.POST.getlist(key)
        for key in request.POST
        if key not in NOT_KEPT and not key.startswith("_")
    }
    if len(json.dumps(data)) > settings.NEWSROOM_AUTOSAVE_MAX_BYTES:
        return None
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[request.path] = {
        "user": owner,
        "at": timezone.now().isoformat(),
        "data": data,
    }
    newest = sorted(kept.items(), key=lambda item: item[1]["at"])[-KEPT_FORMS:]
    request.session[SESSION_KEY] = dict(newest)
    message = _(
        "Your session had ended, so nothing was saved. Log in again: your text "
        "will be back in the form, ready to save."
    )
    if request.FILES:
        message += " " + _("Choose the photo or file again: files are not kept.")
    messages.warning(request, message)
    return redirect_to_login(request.path, reverse("admin:login"))


def take_kept_text(request) -> dict | None:
    """The text kept for this form and user, once; kept text of another user
    is dropped unread."""
    kept = request.session.get(SESSION_KEY)
    if not kept or request.path not in kept:
        return None
    entry = kept.pop(request.path)
    request.session[SESSION_KEY] = kept
    if entry.get("user") != request.user.pk:
        return None
    at = timezone.localtime(datetime.datetime.fromisoformat(entry["at"]))
    return {
        "data": entry["data"],
        "message": (
            _(
                "Your text from %(when)s, typed before "
                "your session ended, is back in the form. Nothing was saved yet: "
                "press Save to keep it."
            )
            % {"when": formats.date_format(at, "d.m.Y H:i")}
        ),
    }


class KeptTextAdminMixin:
    """ModelAdmin mixin: the owner token in the form; kept text put back."""

    def render_change_form(self, request, context, add=False, change=False, **kw):
        context["keep_owner_token"] = owner_token(request)
        context["keep_owner_field"] = OWNER_FIELD
        if request.method == "GET":
            context["kept_text"] = take_kept_text(request)
        return super().render_change_form(request, context, add, change, **kw)
