"""Presence: who else has an item's form open (WordPress's post lock, as a notice).

The change form says "still here" every NEWSROOM_PRESENCE_HEARTBEAT_SECONDS
(POST `<item>/presence/`); the answer, and the form when it opens, name the
others whose form is open: "editor2 has been editing this since 24.04.2024
12:02". Someone silent for NEWSROOM_PRESENCE_TIMEOUT seconds (the tab closed)
is no longer shown; so is someone who saved the item or left its form (the
script says so as the page goes). Nothing is locked: the stale-save refusal
(stale_save.py) stays the safety net when two people save anyway.

Presence is a small table (EditingPresence), not the cache: every worker sees
it, tests can freeze its clock, and a cache outage does not hide a colleague.
Only those who may change the item report presence.
"""

import datetime

from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.publishing.admin.autosave import local_time, refusal
from newsroom.publishing.models import EditingPresence

# Rows of forms closed long ago are removed by the next heartbeat.
FORGOTTEN_AFTER = datetime.timedelta(days=1)


def others_editing(model, object_id, user) -> list[dict]:
    """Who else has had this item's form open lately, longest first."""
    recent = timezone.now() - datetime.timedelta(
        seconds=settings.NEWSROOM_PRESENCE_TIMEOUT
    )
    rows = (
        EditingPresence.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
            seen_at__gte=recent,
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("since", "id")
    )
    return [
        {
            "user": row.user.get_username(),
            "since": row.since.isoformat(),
            "message": _("%(who)s has been editing this since %(when)s")
            % {"who": row.user.get_username(), "when": local_time(row.since)},
        }
        for row in rows
    ]


def heartbeat(model, object_id, user) -> None:
    """Note that `user` has the form open now; a new stretch after a silence."""
    now = timezone.now()
    recent = now - datetime.timedelta(seconds=settings.NEWSROOM_PRESENCE_TIMEOUT)
    lookup = {
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": str(object_id),
        "user": user,
    }
    with transaction.atomic():
        updated = EditingPresence.objects.filter(**lookup, seen_at__gte=recent).update(
            seen_at=now
        )
        if not updated:
            try:
                with transaction.atomic():
                    EditingPresence.objects.update_or_create(
                        **lookup, defaults={"since": now, "seen_at": now}
                    )
            except IntegrityError:  # the same user's second tab, at the same moment
                pass
        EditingPresence.objects.filter(seen_at__lt=now - FORGOTTEN_AFTER).delete()


def leave(model, object_id, user) -> None:
    """`user` closed the item's form (saved it, or went elsewhere)."""
    EditingPresence.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(object_id),
        user=user,
    ).delete()


class PresenceAdminMixin:
    """ModelAdmin mixin (PublishableAdmin): the heartbeat endpoint and the
    names of the others editing, on the form."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{name}_presence",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        if request.method != "POST":
            return refusal(405, _("Presence is sent by the form's script (POST)."))
        try:
            obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None:
            return refusal(404, _("There is no such item."))
        if not self.has_change_permission(request, obj):
            return refusal(403, _("You may not change this item."))
        if request.POST.get("leave"):
            # The form's page is going (a save, a link, the tab closed).
            leave(self.model, obj.pk, request.user)
            return JsonResponse({"left": True})
        heartbeat(self.model, obj.pk, request.user)
        others = others_editing(self.model, obj.pk, request.user)
        return JsonResponse({"others": others})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # Saved: a colleague opening it now is not told this user is still
            # at it ("Save and continue editing" comes back with a heartbeat).
            leave(self.model, obj.pk, request.user)

    def render_change_form(self, request, context, add=False, change=False, **kw):
        obj = kw.get("obj")
        if obj is not None and self.has_change_permission(request, obj):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_presence"
            context["presence"] = {
                "url": reverse(name, args=[quote(obj.pk)]),
                "seconds": settings.NEWSROOM_PRESENCE_HEARTBEAT_SECONDS,
                "others": others_editing(self.model, obj.pk, request.user),
            }
        return super().render_change_form(request, context, add, change, **kw)
