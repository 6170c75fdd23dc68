"""Events in the content-kind registry."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.events.models import Event
from newsroom.identity.models import SiteIdentity
from newsroom.publishing.registry import ContentKind, HomeBlock, register
from newsroom.publishing.structured_data import describe, organisation

HOME_UPCOMING = 5


def _place(event) -> dict:
    """Where: the event's own place, else the organisation's (its address).

    The place is one line of text ("Minsk, Republic of Belarus"): it is the
    address too, as search engines require one, until events have an address
    of their own.
    """
    identity = SiteIdentity.current()
    address = event.location or " ".join(identity.address.split())
    place = {"@type": "Place", "name": event.location or identity.name}
    if address:
        place["address"] = address
    return place


def event_data(request, event, data):
    result = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": data["url"],
        "startDate": event.starts_on,
        "endDate": event.last_day,
        # Moved or cancelled events are not told apart yet: all are as planned.
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event),
        "organizer": organisation(request),
        "performer": [describe(request, o) for o in event.officials.all()],
    }
    if event.lead_image:
        result["image"] = request.build_absolute_uri(event.lead_image.url)
    return result


def home_block():
    return {"items": Event.objects.live().in_language().upcoming()[:HOME_UPCOMING]}


register(
    ContentKind(
        model=Event,
        name="event",
        plural="events",
        label=pgettext_lazy("one item of this kind", "Event"),
        label_plural=_("Events"),
        detail_url="events:detail",
        urls=(("events/", "newsroom.events.urls"),),
        index_url="events:index",
        date_field="starts_on",
        schema_type="Event",
        structured_data=event_data,
        navigation=40,
        home=HomeBlock("events/home_block.html", home_block, order=20),
        feeds=((_("upcoming events (iCalendar)"), "events:calendar", "text/calendar"),),
    )
)
