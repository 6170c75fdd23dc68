import calendar

import django_filters

from newsroom.news.models import NewsItem, Section
from newsroom.publishing.filters import DatedFilterSet

MONTHS = [(number, calendar.month_name[number]) for number in range(1, 13)]


class NewsFilter(DatedFilterSet):
    month = django_filters.ChoiceFilter(
        label="Month",
        choices=MONTHS,
        empty_label="Any month",
        method="filter_month",
    )
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(), to_field_name="slug", empty_label="All sections"
    )

    class Meta(DatedFilterSet.Meta):
        model = NewsItem
        fields: list[str] = []

    def filter_month(self, queryset, name, value):
        return queryset.filter(published_at__month=int(value))


class SectionNewsFilter(NewsFilter):
    """A section's own page: the section is in the path, not a filter."""

    section = None
