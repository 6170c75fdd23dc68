"""Status moves of editorial items and their record (WorkflowEvent)."""

from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone

from newsroom.publishing.models import Status, WorkflowEvent

Action = WorkflowEvent.Action


def record(actor, action: str, obj, detail: str = "") -> WorkflowEvent:
    return WorkflowEvent.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        detail=detail[:300],
    )


def transition(old_status, old_published_at, obj) -> tuple[str, str] | None:
    """The editorial decision a save made, as (action, detail), or None."""
    new_status, new_time = obj.status, obj.published_at
    if (old_status, old_published_at) == (new_status, new_time):
        return None
    if new_status == Status.PUBLISHED:
        when = formats.date_format(timezone.localtime(new_time), "d.m.Y H:i")
        if new_time > timezone.now():
            return Action.SCHEDULED, f"for {when}"
        if old_status != Status.PUBLISHED or (
            old_published_at and old_published_at > timezone.now()
        ):
            return Action.PUBLISHED, f"at {when}"
        return None  # a published item's date was corrected: an ordinary change
    if old_status == Status.PUBLISHED and new_status != Status.ARCHIVED:
        return Action.UNPUBLISHED, f"now {obj.get_status_display().lower()}"
    if new_status == Status.ARCHIVED and old_status != Status.ARCHIVED:
        return Action.ARCHIVED, ""
    if new_status == Status.IN_REVIEW and old_status != Status.IN_REVIEW:
        return Action.SUBMITTED, ""
    if new_status == Status.DRAFT and old_status == Status.IN_REVIEW:
        return Action.RETURNED, ""
    return None
