from django import template
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def date_range(event) -> str:
    """An event's dates as people write them.

    One day: "24.04.2024"; one month: "1–23 April 2024"; one year:
    "28 March – 3 April 2024"; otherwise "30 December 2024 – 2 January 2025".
    """
    start, end = event.starts_on, event.ends_on
    if not end or end == start:
        return format_date(start, "d.m.Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end, 'j F Y')}"
    if start.year == end.year:
        return f"{format_date(start, 'j F')} – {format_date(end, 'j F Y')}"
    return f"{format_date(start, 'j F Y')} – {format_date(end, 'j F Y')}"
