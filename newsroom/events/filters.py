import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.events.models import Event, EventKind
from newsroom.publishing.filters import DatedFilterSet

WHEN = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class EventFilter(DatedFilterSet):
    date_field = "starts_on"

    kind = django_filters.ChoiceFilter(
        choices=EventKind.choices, empty_label=_("Any kind")
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=WHEN,
        empty_label=_("Upcoming and past"),
        method="filter_when",
    )

    class Meta(DatedFilterSet.Meta):
        model = Event
        fields: list[str] = []

    # An event matches a date range when any of its days falls inside it.
    def filter_date_from(self, queryset, name, value):
        return queryset.filter(
            Q(ends_on__gte=value) | Q(ends_on__isnull=True, starts_on__gte=value)
        )

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(starts_on__lte=value)

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.upcoming(today)
        return queryset.past(today)
