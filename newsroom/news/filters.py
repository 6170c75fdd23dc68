import django_filters
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _

from newsroom.news.models import NewsItem, Section
from newsroom.publishing.filters import DatedFilterSet

# The months named in the current language (Django's own catalogue).
MONTHS = sorted(MONTH_NAMES.items())


class NewsFilter(DatedFilterSet):
    month = django_filters.ChoiceFilter(
        label=_("Month"),
        choices=MONTHS,
        empty_label=_("Any month"),
        method="filter_month",
    )
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label=_("All sections"),
    )

    class Meta(DatedFilterSet.Meta):
        model = NewsItem
        fields: list[str] = []

    def filter_month(self, queryset, name, value):
        return queryset.filter(published_at__month=int(value))


class SectionNewsFilter(NewsFilter):
    """A section's own page: the section is in the path, not a filter."""

    section = None
