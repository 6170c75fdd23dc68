"""E-mail about editorial decisions, sent from the one place they are recorded.

Every move is recorded as a WorkflowEvent (newsroom/publishing/workflow.py,
`record()`), whether made by a button, the status field or a bulk action; a
receiver of that row's save sends the mail once the transaction has committed
(nothing is sent for a save that was rolled back):

- submitted for review: everyone who may publish the item's kind;
- returned to the author: the author, with the latest note of whoever returned it;
- published or scheduled: the author.

Nobody is told of their own action; accounts without an e-mail address, inactive
or not staff are skipped, and each person can turn each kind of mail off
("My notifications", NotificationPreference). Mail is plain text with the
item's address in the back office.
"""

import logging
import smtplib
import textwrap

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from newsroom.desk.models import EditorialNote, NotificationPreference
from newsroom.identity.models import SiteIdentity, canonical_domain
from newsroom.publishing.models import WorkflowEvent
from newsroom.publishing.registry import content_kinds

logger = logging.getLogger(__name__)
Action = WorkflowEvent.Action

# The action recorded -> the preference that turns its mail off.
PREFERENCE_OF = {
    Action.SUBMITTED: "on_submission",
    Action.RETURNED: "on_return",
    Action.PUBLISHED: "on_publication",
    Action.SCHEDULED: "on_publication",
}


def connect():
    post_save.connect(
        _on_recorded, sender=WorkflowEvent, dispatch_uid="desk.notifications"
    )


def _on_recorded(sender, instance, created, raw=False, using=None, **kwargs):
    if not created or raw or instance.action not in PREFERENCE_OF:
        return  # raw: rows loaded from a backup are not news to anyone
    event_id = instance.pk
    transaction.on_commit(lambda: send_for(event_id), using=using, robust=True)


def site_url() -> str:
    """The back office's address for links in mail: SITE_URL, else https:// and
    the canonical domain."""
    configured = getattr(settings, "SITE_URL", "")
    return (configured or f"https://{canonical_domain()}").rstrip("/")


def editors_of(model):
    """Active staff who may publish `model` (a role, their own permission, or
    superuser)."""
    opts = model._meta
    permission = Permission.objects.filter(
        content_type__app_label=opts.app_label, codename=f"publish_{opts.model_name}"
    ).first()
    who = Q(is_superuser=True)
    if permission is not None:
        who |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return get_user_model().objects.filter(who).distinct()


def _wanted(users, event, preference):
    """`users` who get mail about `event`: not its actor, with an address,
    active staff, and not turned off."""
    refused = set(
        NotificationPreference.objects.filter(
            user__in=[u.pk for u in users], **{preference: False}
        ).values_list("user_id", flat=True)
    )
    return [
        user
        for user in users
        if user.pk != event.actor_id
        and user.email
        and user.is_active
        and user.is_staff
        and user.pk not in refused
    ]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def send_for(event_id) -> int:
    """Send the mail that the recorded event `event_id` calls for; returns how
    many were sent."""
    event = WorkflowEvent.objects.select_related("content_type").filter(pk=event_id)
    event = event.first()
    model = event.content_type.model_class() if event and event.content_type else None
    kind = content_kinds.for_model(model) if model else None
    if kind is None or not kind.editorial:
        return 0
    item = (
        model._default_manager.select_related("created_by")
        .filter(pk=event.object_id)
        .first()
    )
    if item is None:
        return 0  # deleted before the transaction ended
    if event.action == Action.SUBMITTED:
        candidates = list(editors_of(model))
    else:
        candidates = [item.created_by] if item.created_by else []
    recipients = _wanted(candidates, event, PREFERENCE_OF[event.action])
    if not recipients:
        return 0
    subject, body = _message(event, item)
    messages = [EmailMessage(subject, body, to=[user.email]) for user in recipients]
    try:
        return get_connection().send_messages(messages) or 0
    except (OSError, smtplib.SMTPException):
        # The decision is saved; the mail server's trouble is not the editor's.
        logger.exception("Notification of %s could not be sent.", event)
        return 0


def _message(event, item) -> tuple[str, str]:
    opts = item._meta
    words = {
        "noun": opts.verbose_name,
        "title": _one_line(item.title),
        "who": event.actor_name,
    }
    base = site_url()
    item_url = base + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
    )
    site = _one_line(SiteIdentity.current().short_name or settings.SITE_NAME)
    if event.action == Action.SUBMITTED:
        subject = _("Awaiting review: %(title)s") % words
        lead = _("%(who)s submitted the %(noun)s “%(title)s” for review.") % words
    elif event.action == Action.RETURNED:
        subject = _("Returned to you: %(title)s") % words
        lead = (
            _("%(who)s returned your %(noun)s “%(title)s” to you as a draft.") % words
        )
        note = (
            EditorialNote.objects.about(item)
            .filter(author_id=event.actor_id)
            .order_by("-created_at", "-pk")
            .first()
        )
        if note is not None:
            quoted = "\n".join(
                textwrap.fill(line, 72, initial_indent="> ", subsequent_indent="> ")
                if line.strip()
                else ">"
                for line in note.text.splitlines()
            )
            lead += "\n\n" + _("%(who)s wrote:") % words + f"\n\n{quoted}"
    elif event.action == Action.SCHEDULED:
        subject = _("Scheduled: %(title)s") % words
        if item.published_at:
            when = formats.date_format(
                timezone.localtime(item.published_at), "d.m.Y H:i"
            )
            lead = _("%(who)s scheduled your %(noun)s “%(title)s” for %(when)s.") % {
                **words,
                "when": when,
            }
        else:
            lead = _("%(who)s scheduled your %(noun)s “%(title)s”.") % words
    else:
        subject = _("Published: %(title)s") % words
        lead = _("%(who)s published your %(noun)s “%(title)s”.") % words
    preferences = base + reverse("admin:my_notifications")
    body = (
        f"{lead}\n\n"
        + _("Open it in the back office:")
        + f"\n{item_url}\n\n-- \n"
        + _("%(site)s back office. You can turn these e-mails off at") % {"site": site}
        + f"\n{preferences}\n"
    )
    return f"[{site}] {subject}"[:200], body
