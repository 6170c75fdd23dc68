"""Dates and times for machines: the `datetime` attribute of <time>."""

import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

register = template.Library()


@register.filter
def html_datetime(value) -> str:
    """`value` as HTML's `datetime` attribute accepts it.

    A moment in the site's time zone to the second, with its offset
    ("2024-04-24T12:00:00+03:00"): HTML allows at most three fraction digits,
    and `|date:'c'` prints six whenever an item was published "now". A date
    stays a date ("2024-04-24"); anything else gives "".
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def time_zone_label() -> str:
    """The name of the organisation's time zone ("Moscow time"), from
    settings.TIME_ZONE_LABEL: the back office names it beside its times."""
    return gettext(settings.TIME_ZONE_LABEL)
