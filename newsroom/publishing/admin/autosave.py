"""Autosave: what a staff member types is stored every minute, apart from the item.

The change (or add) form posts its fields every NEWSROOM_AUTOSAVE_SECONDS to
`<item>/autosave/` (`add/autosave/` for a form not saved yet), when they
changed. The server keeps them in an Autosave row of their own, one per item
and user: the item, its status, its live copy and its revisions are untouched
until the user presses Save. Opening the form again offers an autosave newer
than the saved item: "Restore" puts its text back in the form (to save or not),
"Discard" deletes it. A save of the item deletes its user's autosave.

Refused, with a JSON message and nothing stored: someone who may not change
the item (403), a form opened before someone else's save (409, the stale-save
rule), a body over NEWSROOM_AUTOSAVE_MAX_BYTES (413), control characters (400).
Rich text is sanitised before it is stored.
"""

import json

from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.db import IntegrityError, transaction
from django.forms import FileField, MultiWidget
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.models import Autosave
from newsroom.publishing.sanitize import sanitize_html
from newsroom.search.backends import CONTROL_CHARACTERS

NEW = ""  # object_id of an add form's autosave


def refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def local_time(moment) -> str:
    """Admin times: the organisation's time zone, dd.mm.yyyy HH:MM."""
    return formats.date_format(timezone.localtime(moment), "d.m.Y H:i")


def _posted_names(form_class) -> dict[str, str]:
    """{name in the POST: form field name} of what an autosave keeps: the
    form's own fields, without files and the version counter."""
    names = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, FileField) or name == "loaded_version":
            continue
        widget = getattr(field.widget, "widget", field.widget)  # admin wrappers
        if isinstance(widget, MultiWidget):
            for suffix in widget.widgets_names:
                names[name + suffix] = name
        else:
            names[name] = name
    return names


class AutosaveAdminMixin:
    """ModelAdmin mixin (PublishableAdmin): the autosave endpoint, the offer to
    restore on the form, and the autosave dropped when the item is saved."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.autosave_view)
        return [
            path("add/autosave/", view, name=f"{name}_add_autosave"),
            path("<path:object_id>/autosave/", view, name=f"{name}_autosave"),
            *super().get_urls(),
        ]

    def _autosaves(self, request, object_id):
        return Autosave.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=object_id,
            user=request.user,
        )

    def autosave_view(self, request, object_id=None):
        if request.method not in ("POST", "DELETE"):
            return refusal(405, _("Autosaves are sent by the form's script (POST)."))
        obj = None
        if object_id is not None:
            try:
                obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
            except (ValueError, ValidationError):
                obj = None
            if obj is None:
                return refusal(404, _("There is no such item: nothing was autosaved."))
            if not self.has_change_permission(request, obj):
                return refusal(
                    403, _("You may not change this item, so nothing was autosaved.")
                )
        elif not self.has_add_permission(request):
            return refusal(403, _("You may not add items of this kind."))
        key = NEW if obj is None else str(obj.pk)
        if request.method == "DELETE":
            self._autosaves(request, key).delete()
            return JsonResponse({"discarded": True})
        return self._store(request, obj, key)

    def _store(self, request, obj, key):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refusal(400, _("The request's length is not a number."))
        if length > settings.NEWSROOM_AUTOSAVE_MAX_BYTES:
            return refusal(
                413, _("The form is too large to autosave; save it instead.")
            )
        try:
            posted = request.POST
        except RequestDataTooBig:
            return refusal(
                413, _("The form is too large to autosave; save it instead.")
            )
        except TooManyFieldsSent:
            return refusal(400, _("The form has too many fields to autosave."))
        if obj is not None:
            try:
                loaded = int(posted.get("loaded_version", ""))
            except ValueError:
                return refusal(400, _("The form does not say which version it shows."))
            if loaded != obj.edit_version:
                who = obj.updated_by.get_username() if obj.updated_by else _("someone")
                return refusal(
                    409,
                    _(
                        "%(who)s saved this item at %(when)s, after "
                        "you opened it: this autosave was not stored. Your text is "
                        "still in the form; save it to compare and merge."
                    )
                    % {"who": who, "when": local_time(obj.updated_at)},
                )
        form_class = self.get_form(request, obj, change=obj is not None)
        data = {}
        for name, field_name in _posted_names(form_class).items():
            if name not in posted:
                continue
            values = posted.getlist(name)
            if any(CONTROL_CHARACTERS.search(value) for value in values):
                return refusal(
                    400, _("The text has control characters: not autosaved.")
                )
            model_field = self._model_field(field_name)
            if isinstance(model_field, SanitizedRichTextField):
                values = [sanitize_html(value) for value in values]
            data[name] = values
        if len(json.dumps(data)) > settings.NEWSROOM_AUTOSAVE_MAX_BYTES:
            return refusal(
                413, _("The form is too large to autosave; save it instead.")
            )
        now = timezone.now()
        fields = {
            "data": data,
            "saved_at": now,
            "based_on_version": obj.edit_version if obj is not None else 0,
        }
        lookup = {
            "content_type": ContentType.objects.get_for_model(self.model),
            "object_id": key,
            "user": request.user,
        }
        try:
            with transaction.atomic():
                Autosave.objects.update_or_create(**lookup, defaults=fields)
        except IntegrityError:  # the same user's two tabs met: the later wins
            with transaction.atomic():
                Autosave.objects.update_or_create(**lookup, defaults=fields)
        return JsonResponse(
            {
                "saved_at": now.isoformat(),
                "message": _("Autosaved at %(when)s") % {"when": local_time(now)},
            }
        )

    def _model_field(self, name):
        try:
            return self.model._meta.get_field(name)
        except Exception:  # a form-only field
            return None

    # --- The form ------------------------------------------------------------

    def autosave_offer(self, request, obj):
        """The user's autosave of this form, if newer than the saved item."""
        key = NEW if obj is None else str(obj.pk)
        autosave = self._autosaves(request, key).first()
        if autosave is None:
            return None
        if obj is not None and (
            autosave.based_on_version != obj.edit_version
            or autosave.saved_at <= obj.updated_at
        ):
            return None
        return {
            "data": autosave.data,
            "message": (
                (
                    _("An autosave from %(when)s is newer than the saved version.")
                    if obj is not None
                    else _("An autosave from %(when)s is newer than this empty form.")
                )
                % {"when": local_time(autosave.saved_at)}
            ),
        }

    def render_change_form(self, request, context, add=False, change=False, **kw):
        obj = kw.get("obj")
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        if obj is None or self.has_change_permission(request, obj):
            context["autosave"] = {
                "url": (
                    reverse(f"{name}_autosave", args=[quote(obj.pk)])
                    if obj is not None
                    else reverse(f"{name}_add_autosave")
                ),
                "seconds": settings.NEWSROOM_AUTOSAVE_SECONDS,
            }
            if request.method == "GET":
                context["autosave_offer"] = self.autosave_offer(request, obj)
        return super().render_change_form(request, context, add, change, **kw)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Saved: the autosave of this form is history (kept in the revision).
        self._autosaves(request, str(obj.pk)).delete()
        if not change:
            self._autosaves(request, NEW).delete()
