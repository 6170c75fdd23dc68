from django import forms

from newsroom.news.models import Section
from newsroom.publishing.filters import DATE_INPUT_FORMATS
from newsroom.site.search import SOURCES


class SearchFilterForm(forms.Form):
    """The filters beside the results. The query itself (`q`) is read apart:
    any text gets a results page, it is never a form error."""

    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Everything")] + [(s.kind, s.label) for s in SOURCES.values()],
    )
    section = forms.ModelChoiceField(
        label="News section",
        required=False,
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label="All sections",
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned
