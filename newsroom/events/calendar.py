"""iCalendar (RFC 5545) for events: a feed of upcoming events, and one event's file."""

import datetime
import hashlib

import icalendar
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from newsroom.caching.release import release
from newsroom.events.models import Event
from newsroom.identity.models import SiteIdentity, canonical_domain

CONTENT_TYPE = "text/calendar; charset=utf-8"
# The subscription feed holds the coming year, at most this many events.
CALENDAR_HORIZON = datetime.timedelta(days=366)
CALENDAR_LIMIT = 500
# How often subscribed calendar apps should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# How long the serialised events are kept (their key changes when they do).
CALENDAR_CACHE_SECONDS = 24 * 60 * 60


def event_uid(event: Event, domain: str) -> str:
    """The event's UID: stable for its lifetime, so a calendar app updates the
    event instead of adding it again.

    Made of the primary key (not the title or the slug, which editors change)
    and the site's canonical domain (not the host name of the request: a
    subscriber who reaches the site by two names must not get every event twice).
    """
    return f"event-{event.pk}@{domain}"


def _vevent(event: Event, request, domain: str) -> icalendar.Event:
    """One all-day event; DTEND is exclusive, so it is the day after the last day."""
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, domain))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("dtstart", event.starts_on)
    vevent.add("dtend", event.last_day + datetime.timedelta(days=1))
    vevent.add("summary", event.title)
    vevent.add("description", event.summary)
    if event.location:
        vevent.add("location", event.location)
    vevent.add("url", request.build_absolute_uri(event.get_absolute_url()))
    return vevent


def _calendar(events, request) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{SiteIdentity.current().name}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    domain = canonical_domain()
    for event in events:
        calendar.add_component(_vevent(event, request, domain))
    return calendar


def _cached_vevents(events, request) -> bytes:
    """The serialised VEVENTs of `events` (a queryset), from the cache while
    none of them has changed: the key is made of every event's id and
    `updated_at` (one query of two columns), the address asked and the
    canonical domain, so an edit, a new event or one that leaves the calendar
    makes a new key at once. Serialising with icalendar costs about a third of
    a millisecond an event: a year of daily events took 120 ms a request.

    A cache that fails is skipped: the calendar is then made from scratch."""
    domain = canonical_domain()
    versions = ";".join(
        f"{pk}:{updated_at.timestamp()}"
        for pk, updated_at in events.values_list("pk", "updated_at")
    )
    digest = hashlib.sha256(
        f"{request.scheme}://{request.get_host()} {domain} {versions}".encode()
    ).hexdigest()
    key = f"events:calendar:{release()}:{digest}"
    try:
        serialised = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        serialised = None
    if serialised is None:
        serialised = b"".join(
            _vevent(event, request, domain).to_ical()
            for event in events.defer("body", "search_vector")
        )
        try:
            cache.set(key, serialised, timeout=CALENDAR_CACHE_SECONDS)
        except Exception:  # noqa: BLE001 - the cache is an optimisation only
            pass
    return serialised


class UpcomingEventsCalendar(View):
    """/events/calendar.ics: live events that have not ended, for subscription."""

    http_method_names = ["get", "head"]

    def get(self, request):
        horizon = timezone.localdate() + CALENDAR_HORIZON
        events = (
            Event.objects.live().in_language().upcoming().filter(starts_on__lte=horizon)
        )
        events = events[:CALENDAR_LIMIT]
        calendar = _calendar([], request)
        # A named calendar that apps subscribe to (RFC 7986 and the common X- names).
        site = SiteIdentity.current().name
        calendar.add("x-wr-calname", _("%(site)s: events") % {"site": site})
        calendar.add("x-wr-caldesc", _("Upcoming events of %(site)s.") % {"site": site})
        calendar.add(
            "refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
        # The calendar's own lines, then the events' (cached) VEVENTs before its end.
        end = b"END:VCALENDAR\r\n"
        head = calendar.to_ical()[: -len(end)]
        vevents = _cached_vevents(events, request)
        return HttpResponse(b"".join([head, vevents, end]), content_type=CONTENT_TYPE)


class EventCalendar(View):
    """/events/<slug>/event.ics: one live event, downloaded to add to a calendar.

    Live only, for staff too: a copy imported into someone's calendar cannot
    be withdrawn, so a draft never leaves the site this way.
    """

    http_method_names = ["get", "head"]

    def get(self, request, slug):
        event = get_object_or_404(Event.objects.live(), slug=slug)
        response = HttpResponse(
            _calendar([event], request).to_ical(), content_type=CONTENT_TYPE
        )
        # Slugs are ASCII letters, digits, hyphens and underscores: safe here.
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response
