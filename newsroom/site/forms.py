from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.filters import DateField
from newsroom.publishing.registry import content_kinds


class SearchFilterForm(forms.Form):
    """The filters beside the results. The query itself (`q`) is read apart:
    any text gets a results page, it is never a form error.

    The types and the category filters (news sections) come from the registry.
    """

    type = forms.ChoiceField(label=_("Type"), required=False)
    # Shown back as ISO dates, whatever format was typed (publishing/filters.py).
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = content_kinds.searchable()
        self.fields["type"].choices = [("", _("Everything"))] + [
            (kind.name, kind.label) for kind in kinds
        ]
        self.category_fields = []
        for kind in kinds:
            if kind.category is None:
                continue
            category = kind.category
            self.fields[category.field] = forms.ModelChoiceField(
                label=category.label,
                required=False,
                queryset=category.queryset(),
                to_field_name=category.to_field,
                empty_label=category.empty_label,
            )
            self.category_fields.append(category.field)
        # Dates last, as the form has always shown them.
        self.order_fields(["type", *self.category_fields, "date_from", "date_to"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    @property
    def category(self):
        """The one category picked (a news section), or None."""
        for name in self.category_fields:
            value = self.cleaned_data.get(name)
            if value is not None:
                return value
        return None
