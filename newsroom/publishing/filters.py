"""Filters every public listing shares: text in title, year, date range.

Each FilterSet declares its filters explicitly; nothing is filterable unless it
is named here or in an app's filters.py (visitors can never filter on status).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 200
# What the browser's date picker sends, and the dates as the site writes them.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class ShowsParsedValue:
    """A form field whose input shows what the field read, in the input's own
    format, not what the visitor typed.

    `<input type="date">` displays only ISO dates and `<input type="number">`
    only numbers: `?date_from=24.04.2024` would be an empty box, and the next
    submit would drop the filter. The value typed is parsed as the field parses
    it (its input formats) and written back in the widget's format; a value
    that does not parse is shown as an empty input beside its error.
    """

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = self.to_python(value)
            except ValidationError:
                return None
        return super().prepare_value(value)


class DateField(ShowsParsedValue, forms.DateField):
    """A date picker that accepts the site's dates and shows ISO ones."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(*args, **kwargs)


class IntegerField(ShowsParsedValue, forms.IntegerField):
    pass


class DateFilter(django_filters.DateFilter):
    field_class = DateField


class YearFilter(django_filters.NumberFilter):
    field_class = IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class ListingFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class DatedFilterSet(django_filters.FilterSet):
    """Base for listings: `date_field` names the date the filters work on."""

    date_field = "published_at"

    q = django_filters.CharFilter(
        label=_("Text in title"),
        method="filter_title",
        max_length=MAX_TEXT,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_TEXT}),
    )
    year = YearFilter(method="filter_year")
    date_from = DateFilter(label=_("From"), method="filter_date_from")
    date_to = DateFilter(label=_("To"), method="filter_date_to")

    class Meta:
        form = ListingFilterForm
        fields: list[str] = []

    def _date_lookup(self, lookup: str) -> str:
        field = self.queryset.model._meta.get_field(self.date_field)
        # A DateTimeField is compared by its date in the site's time zone.
        transform = "__date" if isinstance(field, models.DateTimeField) else ""
        return f"{self.date_field}{transform}__{lookup}"

    def filter_title(self, queryset, name, value):
        return queryset.filter(title__icontains=value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": value})

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(**{self._date_lookup("gte"): value})

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(**{self._date_lookup("lte"): value})
