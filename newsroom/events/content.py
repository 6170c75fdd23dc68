"""Events in the content-kind registry."""

from django.conf import settings

from newsroom.events.models import Event
from newsroom.publishing.registry import ContentKind, HomeBlock, register
from newsroom.publishing.structured_data import describe, organisation

HOME_UPCOMING = 5


def event_data(request, event, data):
    return {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": data["url"],
        "startDate": event.starts_on,
        "endDate": event.last_day,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": event.location or settings.SITE_NAME},
        "organizer": organisation(request),
        "performer": [describe(request, o) for o in event.officials.all()],
    }


def home_block():
    return {"items": Event.objects.live().upcoming()[:HOME_UPCOMING]}


register(
    ContentKind(
        model=Event,
        name="event",
        plural="events",
        label="Event",
        label_plural="Events",
        detail_url="events:detail",
        urls=(("events/", "newsroom.events.urls"),),
        index_url="events:index",
        date_field="starts_on",
        schema_type="Event",
        structured_data=event_data,
        navigation=40,
        home=HomeBlock("events/home_block.html", home_block, order=20),
    )
)
