from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.media.models import LeadImage
from newsroom.officials.models import Official
from newsroom.publishing.models import Publishable, PublishableQuerySet


class EventKind(models.TextChoices):
    SESSION = "session", _("Session")
    MEETING = "meeting", _("Meeting")
    CONSULTATION = "consultation", _("Consultation")
    TRAINING_COURSE = "training", _("Training course")
    EXERCISE = "exercise", _("Exercise")
    CONFERENCE = "conference", _("Conference")
    VISIT = "visit", _("Visit")
    OTHER = "other", _("Other")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, today=None):
        """Events that have not ended yet (ongoing ones included), soonest first.

        None of them starts before the earliest start of an ongoing event (or
        today): that lower bound, one probe of the `ends_on` index, lets the
        database begin its scan of `starts_on` there instead of walking every
        past event of the archive."""
        today = today or timezone.localdate()
        table = self.model._meta.db_table
        earliest = RawSQL(
            f"SELECT MIN(starts_on) FROM {table} "  # noqa: S608 - our table name
            "WHERE ends_on >= %s AND starts_on < %s",
            (today, today),
            output_field=models.DateField(),
        )
        return self.filter(
            Q(starts_on__gte=today) | Q(ends_on__gte=today),
            starts_on__gte=Coalesce(earliest, Value(today)),
        ).order_by("starts_on", "id")

    def past(self, today=None):
        """Events whose last day is over, most recent first."""
        today = today or timezone.localdate()
        return self.filter(
            Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today)
        ).order_by("-starts_on", "-id")

    def upcoming_then_past(self, today=None):
        """All events: those not over yet soonest first, then past ones latest first."""
        today = today or timezone.localdate()
        is_past = Case(
            When(Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today),
                 then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        )  # fmt: skip
        return self.alias(is_past=is_past).order_by(
            "is_past",
            # Upcoming rows sort by their start; past rows tie here (NULL) and
            # fall through to the next key.
            Case(When(is_past=False, then="starts_on")).asc(),
            F("starts_on").desc(),
            "-id",
        )


class Event(LeadImage, Publishable):
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    location = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    officials = models.ManyToManyField(
        Official,
        blank=True,
        related_name="events",
        verbose_name=_("officials taking part"),
    )
    attachments = GenericRelation("documents.Attachment")

    objects = EventQuerySet.as_manager()

    class Meta(Publishable.Meta):
        permissions = [
            ("publish_event", "Can publish, schedule, unpublish and archive events")
        ]
        ordering = ["-starts_on", "-id"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["starts_on"], name="events_event_starts_on"),
            # Ongoing events (the lower bound of `upcoming()`): few rows end later.
            models.Index(fields=["ends_on"], name="events_event_ends_on"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    @property
    def is_past(self) -> bool:
        """Over: its last day is before today (the rule of `EventQuerySet.past()`).

        A past event is listed under "Past events" and offers no "Add to calendar".
        """
        return self.last_day < timezone.localdate()

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("An event cannot end before it starts.")}
            )

    def validate_constraints(self, exclude=None):
        # clean() reports the date order on the field; skip the duplicate message.
        super().validate_constraints(exclude={*(exclude or ()), "ends_on"})
