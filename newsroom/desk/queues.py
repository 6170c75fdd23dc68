"""The desk: what waits for whom, across every editorial kind of the registry.

Four queues, each with its count:

- awaiting review, oldest submission first, with who submitted it and when;
- scheduled for the next 7 days, soonest first;
- my drafts (items returned to me among them, with the latest note);
- published in the last 7 days, newest first.

Reporters see their own items in each; those who may publish a kind see all of
it ("my drafts" are one's own for everybody). Whatever the number of kinds and
rows, the desk is two queries: one UNION of every (queue, kind) part for the
rows, each part cut to its first QUEUE_LENGTH by a subquery (SQLite allows no
LIMIT inside a UNION), and one UNION of their counts.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.desk.models import EditorialNote
from newsroom.publishing import permissions
from newsroom.publishing.models import Status, WorkflowEvent
from newsroom.publishing.registry import content_kinds

QUEUE_LENGTH = 10
WINDOW = datetime.timedelta(days=7)
Action = WorkflowEvent.Action


@dataclass(frozen=True)
class QueueSpec:
    name: str
    title: str
    empty: str
    # The WorkflowEvent shown beside each row (None: the latest of any action).
    event_action: str | None
    newest_first: bool


QUEUES = [
    QueueSpec("review", _("Awaiting review"), _("Nothing awaits review."),
              Action.SUBMITTED, newest_first=False),
    QueueSpec("scheduled", _("Scheduled for the next 7 days"),
              _("Nothing is scheduled for the next 7 days."),
              Action.SCHEDULED, newest_first=False),
    QueueSpec("drafts", _("My drafts"), _("You have no drafts."),
              None, newest_first=True),
    QueueSpec("published", _("Published in the last 7 days"),
              _("Nothing was published in the last 7 days."),
              Action.PUBLISHED, newest_first=True),
]  # fmt: skip


@dataclass
class Entry:
    kind: str
    pk: int
    title: str
    status: str
    url: str
    when: datetime.datetime | None  # what the queue goes by
    created_by: str | None
    event_action: str | None
    event_by: str | None
    event_at: datetime.datetime | None
    note_text: str | None
    note_by: str | None
    note_at: datetime.datetime | None

    @property
    def returned(self) -> bool:
        return self.status == Status.DRAFT and self.event_action == Action.RETURNED


@dataclass
class Queue:
    spec: QueueSpec
    count: int = 0
    entries: list[Entry] = field(default_factory=list)

    @property
    def name(self):
        return self.spec.name

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.entries))


def _matching(kind, user, name, now):
    """The items of `kind` in queue `name` for `user`."""
    items = kind.model._default_manager.all()
    if name == "drafts":
        return items.filter(status=Status.DRAFT, created_by=user.pk)
    items = permissions.visible_to(user, items)
    if name == "review":
        return items.filter(status=Status.IN_REVIEW)
    if name == "scheduled":
        soon = {"published_at__gt": now, "published_at__lte": now + WINDOW}
        return items.filter(status=Status.PUBLISHED, **soon)
    return items.filter(
        status=Status.PUBLISHED, published_at__lte=now, published_at__gt=now - WINDOW
    )


def _same_item(queryset, model):
    """Rows of `queryset` (events or notes) about the outer query's item."""
    opts = model._meta
    return queryset.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name
    )


def _latest(queryset, column):
    return Subquery(queryset.values(column)[:1])


def _null(output_field):
    return Cast(Value(None), output_field)


def _part(kind, user, spec, now):
    """The first QUEUE_LENGTH rows of `kind` in queue `spec`, as uniform values."""
    model = kind.model
    items = _matching(kind, user, spec.name, now)
    events = _same_item(WorkflowEvent.objects.all(), model).filter(
        object_id=Cast(OuterRef("pk"), CharField())
    )
    if spec.event_action:
        events = events.filter(action=spec.event_action)
    events = events.order_by("-at", "-pk")
    notes = _same_item(EditorialNote.objects.all(), model).filter(
        object_id=OuterRef("pk")
    )
    notes = notes.order_by("-created_at", "-pk")
    sort_by = {
        "review": Coalesce(
            _latest(events, "at"), F("updated_at"), output_field=DateTimeField()
        ),
        "scheduled": F("published_at"),
        "drafts": F("updated_at"),
        "published": F("published_at"),
    }[spec.name]
    items = items.annotate(sort_at=sort_by)
    if spec.newest_first:
        first = items.order_by(F("sort_at").desc(nulls_last=True), "-pk")
    else:
        first = items.order_by(F("sort_at").asc(nulls_first=True), "pk")
    first = first.values("pk")[:QUEUE_LENGTH]
    # Only the columns a queue shows are looked up: every subquery costs time
    # to build, whatever the number of rows. The rest are typed NULLs (UNION
    # needs the same columns, of the same types, in every part).
    shows = {
        "review": {"event_by", "note"},
        "scheduled": {"event_by"},
        "drafts": {"event_action", "event_by", "event_at", "note"},
        "published": {"event_by"},
    }[spec.name]
    columns = {
        "event_action": (_latest(events, "action"), CharField()),
        "event_by": (_latest(events, "actor_name"), CharField()),
        "event_at": (_latest(events, "at"), DateTimeField()),
        "note_text": (_latest(notes, "text"), TextField()),
        "note_by": (_latest(notes, "author_name"), CharField()),
        "note_at": (_latest(notes, "created_at"), DateTimeField()),
    }
    looked_up = {
        name: lookup if name in shows or name.split("_")[0] in shows else _null(type_)
        for name, (lookup, type_) in columns.items()
    }
    return (
        items.filter(pk__in=Subquery(first))
        .annotate(
            queue=Value(spec.name, CharField()),
            kind_name=Value(kind.name, CharField()),
            author=F("created_by__username"),
            **looked_up,
        )
        .order_by()
        .values(
            "queue",
            "kind_name",
            "pk",
            "title",
            "status",
            "sort_at",
            "author",
            "event_action",
            "event_by",
            "event_at",
            "note_text",
            "note_by",
            "note_at",
        )  # fmt: skip
    )


def _count(kind, user, spec, now):
    items = _matching(kind, user, spec.name, now)
    return (
        items.order_by()
        .annotate(queue=Value(spec.name, CharField()))
        .values("queue")
        .annotate(n=Count("pk", output_field=IntegerField()))
        .values("queue", "n")
    )


def _kinds_for(user):
    """The editorial kinds `user` may see in the back office."""
    return [
        kind
        for kind in content_kinds.editorial()
        if user.is_active and user.has_perm(kind.perm("view"))
    ]


def _union(parts):
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def desk_for(user) -> list[Queue]:
    """The desk of `user`: every queue with its count and first entries."""
    now = timezone.now()
    queues = {spec.name: Queue(spec) for spec in QUEUES}
    kinds = _kinds_for(user)
    if not kinds:
        return list(queues.values())
    by_name = {kind.name: kind for kind in kinds}
    parts = [(kind, spec) for spec in QUEUES for kind in kinds]

    for row in _union([_count(kind, user, spec, now) for kind, spec in parts]):
        queues[row["queue"]].count += row["n"]

    rows = _union([_part(kind, user, spec, now) for kind, spec in parts])
    for row in rows:
        kind = by_name[row["kind_name"]]
        opts = kind.model._meta
        queues[row["queue"]].entries.append(
            Entry(
                kind=kind.label,
                pk=row["pk"],
                title=row["title"],
                status=row["status"],
                url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[row["pk"]],
                ),
                when=row["sort_at"],
                created_by=row["author"],
                event_action=row["event_action"],
                event_by=row["event_by"],
                event_at=row["event_at"],
                note_text=row["note_text"],
                note_by=row["note_by"],
                note_at=row["note_at"],
            )
        )
    for queue in queues.values():
        far_past = datetime.datetime.min.replace(tzinfo=datetime.UTC)
        queue.entries.sort(
            key=lambda e: (e.when or far_past, e.pk),
            reverse=queue.spec.newest_first,
        )
        del queue.entries[QUEUE_LENGTH:]
    return list(queues.values())
