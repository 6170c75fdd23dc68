import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext

register = template.Library()


def long_date(day: datetime.date) -> str:
    """A day as the current language writes it in words: "24 April 2024",
    "24 апреля 2024 г." (Django's "E" is the month's name as it stands beside a
    day: the genitive in Russian)."""
    return format_date(day, pgettext("date format: day, month and year", "j E Y"))


def date_range(start: datetime.date, end: datetime.date | None) -> str:
    """The days from `start` to `end` as people write them, in the current
    language.

    One day: "24.04.2024" (the numeric form, the same in every language); one
    month: "1–23 April 2024" / "1–23 апреля 2024 г."; one year: "30 April – 2
    May 2024" / "30 апреля – 2 мая 2024 г."; otherwise both years: "30 December
    2024 – 2 January 2025" / "30 декабря 2024 г. – 2 января 2025 г.". Each part
    is a date format the catalogue translates, so a language orders its day,
    month and year its own way.
    """
    if not end or end == start:
        return format_date(start, "d.m.Y")
    if (start.year, start.month) == (end.year, end.month):
        first = format_date(
            start, pgettext("date format: first day of a range in one month", "j")
        )
    elif start.year == end.year:
        first = format_date(
            start, pgettext("date format: first day of a range in one year", "j E")
        )
    else:
        first = long_date(start)
    # The dash between two days of one month has no spaces; between fuller dates it has.
    if (start.year, start.month) == (end.year, end.month):
        pattern = gettext("%(start)s–%(end)s")
    else:
        pattern = gettext("%(start)s – %(end)s")
    return pattern % {"start": first, "end": long_date(end)}


@register.filter(name="date_range")
def event_date_range(event) -> str:
    """An event's dates as people write them (see `date_range`)."""
    return date_range(event.starts_on, event.ends_on)
