"""/events/calendar.ics keeps its serialised events in the cache, keyed by every
event's last change: an edit, a new event or a withdrawn one shows at once,
and a cache that fails leaves the calendar whole."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    today = timezone.localdate()
    return [
        make_event(title=f"Coming event {n}", starts_on=today + datetime.timedelta(n))
        for n in range(1, 4)
    ]


def calendar(client):
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200
    return response.content.decode()


def test_an_edited_event_shows_its_new_title_at_once(client, events):
    assert "SUMMARY:Coming event 1" in calendar(client)
    events[0].title = "Rescheduled consultations"
    events[0].save()
    body = calendar(client)
    assert "SUMMARY:Rescheduled consultations" in body
    assert "SUMMARY:Coming event 1\r\n" not in body
    assert body.count("BEGIN:VEVENT") == 3


def test_an_unpublished_event_leaves_the_calendar_at_once(client, events):
    calendar(client)
    events[1].published_at = timezone.now() + datetime.timedelta(days=1)
    events[1].save()
    body = calendar(client)
    assert "Coming event 2" not in body
    assert body.count("BEGIN:VEVENT") == 2


def test_a_new_event_shows_at_once(client, events):
    calendar(client)
    make_event(
        title="Added session", starts_on=timezone.localdate() + datetime.timedelta(9)
    )
    body = calendar(client)
    assert "SUMMARY:Added session" in body
    assert body.count("BEGIN:VEVENT") == 4


def test_the_same_calendar_comes_from_the_cache_and_without_it(client, events):
    first, second = calendar(client), calendar(client)
    assert first == second
    assert first.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
)
def test_a_failing_cache_leaves_the_calendar_whole(client, events):
    body = calendar(client)
    assert body.count("BEGIN:VEVENT") == 3


def test_a_long_ongoing_event_is_still_upcoming_and_first(client, events):
    """upcoming() starts its scan at the earliest ongoing start: an event that
    began months ago and has not ended is still found, before the others."""
    today = timezone.localdate()
    make_event(title="Year-long exercise", starts_on=today - datetime.timedelta(200),
               ends_on=today + datetime.timedelta(30))  # fmt: skip
    make_event(title="Long over", starts_on=today - datetime.timedelta(300),
               ends_on=today - datetime.timedelta(1))  # fmt: skip
    body = calendar(client)
    assert "Long over" not in body
    assert body.index("SUMMARY:Year-long exercise") < body.index("Coming event 1")
    listing = client.get("/events/", {"when": "upcoming"})
    assert [e.title for e in listing.context["page_obj"]][0] == "Year-long exercise"
