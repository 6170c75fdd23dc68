"""The table of workflow moves, and the record of the moves made.

A move is (from status, to status) -> the permission it needs, the action it
records and its button's label. The admin's buttons, the status choices a
user is offered, the checks on every POST, the bulk actions and the record
all read MOVES: a move that is not in the table is refused everywhere.

`permission` is an action of the item's kind: "change" (anyone who may change
the item: a reporter their own drafts) or "publish" (editors). Who may change
which item is decided in newsroom/publishing/permissions.py.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from newsroom.publishing.models import Status, WorkflowEvent
from newsroom.publishing.permissions import kind_perm

Action = WorkflowEvent.Action
NEW = None  # the "from" of an item being created


@dataclass(frozen=True)
class Move:
    source: str | None
    target: str
    permission: str
    action: str | None
    label: str
    button: bool = True  # False: the plain "Save" makes this move
    # The move needs an editorial note (newsroom/desk): the author is told why.
    needs_note: bool = False


MOVES: dict[tuple[str | None, str], Move] = {
    (move.source, move.target): move
    for move in [
        Move(NEW, Status.DRAFT, "add", None, _("Save as draft"), button=False),
        Move(NEW, Status.IN_REVIEW, "add", Action.SUBMITTED,
             _("Save and submit for review")),
        Move(NEW, Status.PUBLISHED, "publish", Action.PUBLISHED, _("Save and publish")),
        Move(Status.DRAFT, Status.IN_REVIEW, "change", Action.SUBMITTED,
             _("Save and submit for review")),
        Move(Status.DRAFT, Status.PUBLISHED, "publish", Action.PUBLISHED,
             _("Save and publish")),
        Move(Status.IN_REVIEW, Status.DRAFT, "change", Action.RETURNED,
             _("Return to the author"), needs_note=True),
        Move(Status.IN_REVIEW, Status.PUBLISHED, "publish", Action.PUBLISHED,
             _("Save and publish")),
        Move(Status.PUBLISHED, Status.DRAFT, "publish", Action.UNPUBLISHED,
             _("Unpublish (back to draft)")),
        Move(Status.PUBLISHED, Status.ARCHIVED, "publish", Action.ARCHIVED,
             _("Archive")),
        Move(Status.ARCHIVED, Status.DRAFT, "publish", Action.RETURNED,
             _("Back to draft")),
        Move(Status.ARCHIVED, Status.PUBLISHED, "publish", Action.PUBLISHED,
             _("Publish again")),
    ]
}  # fmt: skip

# The admin's bulk actions, one per target status: (action name, description,
# the message when nothing was done, the message of what was done, by count).
# Each item is checked against MOVES. Whole sentences, so that each language
# can word them its own way.
BULK_ACTIONS = {
    Status.IN_REVIEW: ("submit_for_review", _("Submit selected items for review"),
                       _("Nothing was submitted for review"),
                       ngettext_lazy("%(count)d item submitted for review.",
                                     "%(count)d items submitted for review.",
                                     "count")),
    Status.PUBLISHED: ("publish_now",
                       _("Publish selected items now (or at their set time)"),
                       _("Nothing was published"),
                       ngettext_lazy("%(count)d item published.",
                                     "%(count)d items published.", "count")),
    Status.DRAFT: ("unpublish", _("Return selected items to draft (unpublish)"),
                   _("Nothing was returned to draft"),
                   ngettext_lazy("%(count)d item returned to draft.",
                                 "%(count)d items returned to draft.", "count")),
    Status.ARCHIVED: ("archive", _("Archive selected items"),
                      _("Nothing was archived"),
                      ngettext_lazy("%(count)d item archived.",
                                    "%(count)d items archived.", "count")),
}  # fmt: skip


def _has(user, model, permission: str) -> bool:
    return user.is_active and user.has_perm(kind_perm(model, permission))


def move(source, target) -> Move | None:
    """The move from `source` to `target`, or None when the table has none."""
    return MOVES.get((source, target))


def needs_note(source, target) -> bool:
    """Whether moving from `source` to `target` needs a note saying why."""
    found = move(source, target)
    return found is not None and found.needs_note


def may_move(user, model, source, target) -> bool:
    """Whether the table has this move and `user` holds its permission.

    Staying put (`source == target`) is an ordinary save, not a move. Whether
    the user may change this very item is asked separately (permissions.py).
    """
    if source == target:
        return True
    found = move(source, target)
    return found is not None and _has(user, model, found.permission)


def moves_for(user, model, source) -> list[Move]:
    """The moves `user` may make from `source` (NEW for an item being created)."""
    return [
        found
        for (from_status, _target), found in MOVES.items()
        if from_status == source and _has(user, model, found.permission)
    ]


def statuses_offered(user, model, source) -> list[str]:
    """The status choices of the form: where the item is, and where it may go."""
    targets = {found.target for found in moves_for(user, model, source)}
    if source is not NEW:
        targets.add(source)
    return [value for value in Status.values if value in targets]


def recorded_action(old_status, old_published_at, obj) -> tuple[str, str] | None:
    """What a save did, as (action, detail) for the record, or None.

    A status move records its action from the table; publishing with a future
    time records "scheduled". A published item whose time moves between the
    future and the past was scheduled, rescheduled or published early.
    """
    new_status, new_time = obj.status, obj.published_at
    if old_status == new_status:
        if new_status != Status.PUBLISHED or old_published_at == new_time:
            return None
        now = timezone.now()
        if new_time > now:
            return Action.SCHEDULED, f"for {_when(new_time)}"
        if old_published_at and old_published_at > now:
            return Action.PUBLISHED, f"at {_when(new_time)}"
        return None  # a live item's date was corrected: an ordinary change
    found = move(old_status, new_status)
    if found is None or found.action is None:
        return None
    if found.action == Action.PUBLISHED:
        if new_time > timezone.now():
            return Action.SCHEDULED, f"for {_when(new_time)}"
        return Action.PUBLISHED, f"at {_when(new_time)}"
    if found.action == Action.UNPUBLISHED:
        return Action.UNPUBLISHED, f"now {obj.get_status_display().lower()}"
    return found.action, ""


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "d.m.Y H:i")


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


def record_save(actor, old_status, old_published_at, obj) -> WorkflowEvent | None:
    """Record what a save did to `obj`, if it was an editorial decision."""
    done = recorded_action(old_status, old_published_at, obj)
    if done is None:
        return None
    action, detail = done
    return record(actor, action, obj, detail)
