"""Past events: a group of their own after the upcoming ones, no "Add to calendar"."""

import datetime
import re

import pytest
from django.utils import timezone

from newsroom.events.models import Event
from tests.factories import make_event

# "Past" is counted from today in the site's time zone: the clock is frozen so
# that no test straddles midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

DAY = datetime.timedelta(days=1)
GROUP_OR_EVENT = re.compile(
    r'<h2 class="group-heading"[^>]*>(?P<group>[^<]+)</h2>'
    r'|<h3 class="card-title"><a [^>]*>(?P<event>[^<]+)</a></h3>'
)


def _days(n):
    return timezone.localdate() + n * DAY


def groups(response):
    """The listing as [(group heading, [event titles under it]), ...], in page order."""
    assert response.status_code == 200
    found = []
    for match in GROUP_OR_EVENT.finditer(response.content.decode()):
        if match["group"]:
            found.append((match["group"], []))
        else:
            assert found, f"{match['event']} is listed before any group heading"
            found[-1][1].append(match["event"])
    return found


@pytest.fixture
def calendar():
    make_event(title="Long ago", starts_on=_days(-30))
    make_event(title="Ended yesterday", starts_on=_days(-3), ends_on=_days(-1))
    make_event(title="Ongoing", starts_on=_days(-2), ends_on=_days(2))
    make_event(title="Today", starts_on=_days(0))
    make_event(title="Next week", starts_on=_days(7))


def test_past_events_are_listed_under_their_own_heading_after_upcoming(
    client, calendar
):
    assert groups(client.get("/events/")) == [
        ("Upcoming events", ["Ongoing", "Today", "Next week"]),
        ("Past events", ["Ended yesterday", "Long ago"]),
    ]


@pytest.mark.parametrize(
    "when, expected",
    [
        ("upcoming", [("Upcoming events", ["Ongoing", "Today", "Next week"])]),
        ("past", [("Past events", ["Ended yesterday", "Long ago"])]),
    ],
)
def test_a_listing_of_one_kind_has_only_that_heading(client, calendar, when, expected):
    assert groups(client.get("/events/", {"when": when})) == expected


def test_every_page_heads_the_groups_it_shows(client):
    for n in range(15):
        make_event(title=f"Upcoming {n:02}", starts_on=_days(n + 1))
    for n in range(10):
        make_event(title=f"Past {n:02}", starts_on=_days(-n - 1))

    first, second = (
        groups(client.get("/events/")),
        groups(client.get("/events/?page=2")),
    )

    assert [(heading, len(titles)) for heading, titles in first] == [
        ("Upcoming events", 15),
        ("Past events", 5),
    ]
    assert second == [("Past events", [f"Past {n:02}" for n in range(5, 10)])]


def test_the_listing_offers_no_calendar_file_for_past_events(client):
    make_event(title="Past", slug="past-session", starts_on=_days(-5))
    body = client.get("/events/", {"when": "past"}).content.decode()
    assert "Past" in body
    assert "Add to calendar" not in body
    assert "/events/past-session/event.ics" not in body


@pytest.mark.parametrize(
    "starts, ends, offered",
    [
        (-30, None, False),
        (-1, None, False),
        (-5, -1, False),
        (0, None, True),  # today's event is not over yet
        (-2, 0, True),  # its last day is today
        (-2, 2, True),
        (7, None, True),
    ],
)
def test_only_an_event_that_is_not_over_offers_add_to_calendar(
    client, starts, ends, offered
):
    event = make_event(
        slug="the-event",
        starts_on=_days(starts),
        ends_on=None if ends is None else _days(ends),
    )
    body = client.get(event.get_absolute_url()).content.decode()

    assert ('href="/events/the-event/event.ics"' in body) is offered
    assert ("Add to calendar" in body) is offered
    assert ("This event has ended." in body) is not offered


@pytest.mark.parametrize(
    "starts, ends", [(-30, None), (-1, None), (0, None), (-5, -1), (-2, 0), (3, 5)]
)
def test_is_past_agrees_with_the_past_queryset(starts, ends):
    event = make_event(
        starts_on=_days(starts), ends_on=None if ends is None else _days(ends)
    )
    assert event.is_past is Event.objects.past().filter(pk=event.pk).exists()
