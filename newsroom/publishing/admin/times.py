"""Dates and times in the back office: one format, the organisation's time zone,
named beside every input.

Every ModelAdmin and inline (ours, the staff accounts') gets these fields for
its DateTimeFields and DateFields (installed by NewsroomAdminConfig.ready(),
before any admin is registered): one text input each, `dd.mm.yyyy HH:MM` or
`dd.mm.yyyy`, read strictly, in settings.TIME_ZONE and labelled with
settings.TIME_ZONE_LABEL ("Moscow time"). Django's split date/time widgets and
their calendar shortcuts are gone, and with them the "You are 3 hours behind
server time" warning, which compared the browser's clock with the server's.
What the admin shows without a format of its own (lists, read-only fields,
history) reads the same format from config/formats/.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import options
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

DATETIME_FORMAT = "%d.%m.%Y %H:%M"
DATE_FORMAT = "%d.%m.%Y"
DATETIME_SHAPE = re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}")
DATE_SHAPE = re.compile(r"\d{2}\.\d{2}\.\d{4}")


# The default label of the demo's zone, in the catalogue: a label set in the
# settings is shown as it is unless the catalogue has it too.
gettext_noop("Moscow time")


def time_zone_label() -> str:
    """settings.TIME_ZONE_LABEL in the language of the request."""
    return gettext(settings.TIME_ZONE_LABEL)


time_zone_label_lazy = lazy(time_zone_label, str)


def shown_time(moment) -> str:
    """`moment` as the admin shows it: 24.04.2024 12:00, in the site's zone."""
    return timezone.localtime(moment).strftime(DATETIME_FORMAT)


def local_minute(value):
    """`value` as the input shows it: in the site's zone, to the minute."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(second=0, microsecond=0)


class OrganisationDateTimeInput(forms.DateTimeInput):
    """A text input followed by the zone's name ("Moscow time")."""

    def __init__(self, attrs=None):
        attrs = {
            "class": "vOrganisationDateTime",
            "size": "16",
            "placeholder": "dd.mm.yyyy hh:mm",
            "autocomplete": "off",
            **(attrs or {}),
        }
        super().__init__(attrs, format=DATETIME_FORMAT)

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        return format_html(
            '{} <span class="time-zone">{}</span>', field, time_zone_label()
        )


class OrganisationDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        attrs = {
            "class": "vOrganisationDate",
            "size": "10",
            "placeholder": "dd.mm.yyyy",
            "autocomplete": "off",
            **(attrs or {}),
        }
        super().__init__(attrs, format=DATE_FORMAT)


class OrganisationDateTimeField(forms.DateTimeField):
    """`24.04.2024 12:00`, in the site's time zone; nothing else is read (no
    ISO form, no seconds, no one-digit day), so a typo is a message, not a
    different time."""

    widget = OrganisationDateTimeInput
    default_error_messages = {
        "invalid": _(
            "Enter the time as dd.mm.yyyy HH:MM (%(label)s), e.g. 24.04.2024 12:00."
        )
    }

    def __init__(self, **kwargs):
        kwargs["input_formats"] = [DATETIME_FORMAT]
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value and not DATETIME_SHAPE.fullmatch(value):
                raise self._invalid()
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "invalid":
                raise self._invalid() from error
            raise

    def _invalid(self):
        return ValidationError(
            self.error_messages["invalid"],
            code="invalid",
            params={"label": time_zone_label()},
        )

    def has_changed(self, initial, data):
        """Unchanged when the input still shows the stored time: the input has
        no seconds, and a save that changes nothing must not look like one."""
        try:
            typed = self.to_python(data)
        except ValidationError:
            return True
        return local_minute(initial) != local_minute(typed)


class OrganisationDateField(forms.DateField):
    widget = OrganisationDateInput
    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy, e.g. 24.04.2024.")
    }

    def __init__(self, **kwargs):
        kwargs["input_formats"] = [DATE_FORMAT]
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value and not DATE_SHAPE.fullmatch(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class StoredTimeKeptForm:
    """A time the user left as it was is saved as it was stored (to the
    second), not cut to the minute the input shows."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if (
                isinstance(field, OrganisationDateTimeField)
                and name in cleaned
                and name not in self.changed_data
                and self.initial.get(name) is not None
            ):
                cleaned[name] = self.initial[name]
        return cleaned


def install():
    """Make these the admin's fields for dates and times (Django reads this
    table when each ModelAdmin and inline is built)."""
    overrides = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
    overrides[models.DateTimeField] = {
        "form_class": OrganisationDateTimeField,
        "widget": OrganisationDateTimeInput,
    }
    overrides[models.DateField] = {
        "form_class": OrganisationDateField,
        "widget": OrganisationDateInput,
    }


def time_column(field: str, description: str):
    """A list column of the time in `field`, headed with the zone's name
    ("Published (Moscow time)") and sorted by the field."""

    @admin.display(
        description=format_lazy("{} ({})", description, time_zone_label_lazy()),
        ordering=field,
    )
    def column(model_admin, obj):
        moment = getattr(obj, field)
        return shown_time(moment) if moment else "—"

    return column
