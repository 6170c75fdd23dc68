"""iCalendar: the subscription feed of coming events and one event's file."""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from newsroom.publishing.models import Status
from tests.factories import make_event, make_user

# "Upcoming" is counted from today in the site's time zone: the clock is frozen
# so that no test straddles midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _vevents(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return calendar, calendar.walk("VEVENT")


def _titles(vevents):
    return [str(vevent["SUMMARY"]) for vevent in vevents]


def test_calendar_feed_lists_live_upcoming_events_soonest_first(client, settings):
    settings.SITE_NAME = "Press Service Test"
    make_event(title="Next month", starts_on=_days(30))
    make_event(title="Next week", starts_on=_days(7))
    make_event(title="Ongoing", starts_on=_days(-2), ends_on=_days(2))
    make_event(title="Ends today", starts_on=_days(-3), ends_on=_days(0))
    make_event(title="Over", starts_on=_days(-10), ends_on=_days(-1))
    make_event(title="Yesterday", starts_on=_days(-1))

    calendar, vevents = _vevents(client.get("/events/calendar.ics"))

    assert _titles(vevents) == ["Ends today", "Ongoing", "Next week", "Next month"]
    assert str(calendar["X-WR-CALNAME"]) == "Press Service Test: events"


NOT_LIVE = {
    "draft": lambda: {"status": Status.DRAFT, "published_at": None},
    "in-review": lambda: {"status": Status.IN_REVIEW},
    "scheduled": lambda: {"published_at": timezone.now() + datetime.timedelta(days=1)},
    "archived": lambda: {"status": Status.ARCHIVED, "published_at": timezone.now()},
}


@pytest.mark.parametrize("state", NOT_LIVE)
def test_calendar_feed_and_event_file_leave_out_events_that_are_not_live(
    client, admin_client, state
):
    make_event(title="Live event", starts_on=_days(5))
    make_event(
        title="Hidden event",
        slug="hidden-event",
        starts_on=_days(5),
        **NOT_LIVE[state](),
    )

    _, vevents = _vevents(client.get("/events/calendar.ics"))
    assert _titles(vevents) == ["Live event"]
    assert client.get("/events/hidden-event/event.ics").status_code == 404
    # A file imported into a calendar cannot be withdrawn: no preview for staff.
    assert admin_client.get("/events/hidden-event/event.ics").status_code == 404


def test_event_file_describes_one_all_day_event(client):
    event = make_event(
        title="Joint exercise, phase 1; field stage",
        slug="joint-exercise",
        summary="Forces of six states\ntrain together.",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 4, 23),
        location="Minsk, Republic of Belarus",
    )

    response = client.get("/events/joint-exercise/event.ics")

    assert (
        response["Content-Disposition"] == 'attachment; filename="joint-exercise.ics"'
    )
    assert b"DTSTART;VALUE=DATE:20240401\r\n" in response.content
    # RFC 5545: DTEND of an all-day event is exclusive, the day after the last day.
    assert b"DTEND;VALUE=DATE:20240424\r\n" in response.content
    _, [vevent] = _vevents(response)
    assert vevent.decoded("DTSTART") == datetime.date(2024, 4, 1)
    assert vevent.decoded("DTEND") == datetime.date(2024, 4, 24)
    assert str(vevent["SUMMARY"]) == "Joint exercise, phase 1; field stage"
    assert str(vevent["DESCRIPTION"]) == "Forces of six states\ntrain together."
    assert str(vevent["LOCATION"]) == "Minsk, Republic of Belarus"
    assert str(vevent["URL"]) == "http://testserver/events/joint-exercise/"
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert vevent.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)


def test_one_day_event_ends_the_next_day(client):
    make_event(slug="one-day", starts_on=datetime.date(2024, 4, 24))
    _, [vevent] = _vevents(client.get("/events/one-day/event.ics"))
    assert vevent.decoded("DTSTART") == datetime.date(2024, 4, 24)
    assert vevent.decoded("DTEND") == datetime.date(2024, 4, 25)
    assert "LOCATION" not in vevent


def test_event_uid_stays_the_same_between_downloads_and_the_feed(client):
    make_event(slug="stable", starts_on=_days(3))
    _, [first] = _vevents(client.get("/events/stable/event.ics"))
    _, [again] = _vevents(client.get("/events/stable/event.ics"))
    _, [in_feed] = _vevents(client.get("/events/calendar.ics"))
    assert first["UID"] == again["UID"] == in_feed["UID"]


def test_past_live_event_can_still_be_downloaded(client):
    make_event(slug="last-year", starts_on=_days(-365))
    _, [vevent] = _vevents(client.get("/events/last-year/event.ics"))
    assert vevent.decoded("DTSTART") == _days(-365)


def test_unknown_event_file_is_404(client):
    assert client.get("/events/no-such-event/event.ics").status_code == 404


def test_markup_in_a_title_is_plain_text_in_the_calendar(client):
    make_event(slug="hostile", title="<img src=x onerror=alert(4242)>")
    _, [vevent] = _vevents(client.get("/events/hostile/event.ics"))
    assert str(vevent["SUMMARY"]) == "<img src=x onerror=alert(4242)>"


def test_calendar_feed_is_empty_but_valid_without_events(client):
    _, vevents = _vevents(client.get("/events/calendar.ics"))
    assert vevents == []


def test_staff_with_change_permission_get_no_preview_either(client):
    user = make_user(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_event"))
    client.force_login(user)
    make_event(slug="draft", status=Status.DRAFT, published_at=None)
    assert client.get("/events/draft/event.ics").status_code == 404


def test_calendar_feed_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(100):
        make_event(starts_on=_days(n))
    with django_assert_max_num_queries(5):
        _, vevents = _vevents(client.get("/events/calendar.ics"))
    assert len(vevents) == 100


def test_the_subscription_feed_holds_the_coming_year_only(client):
    today = timezone.localdate()
    make_event(title="Next month", starts_on=today + datetime.timedelta(days=30))
    make_event(title="In two years", starts_on=today + datetime.timedelta(days=800))
    body = client.get("/events/calendar.ics").content.decode()
    assert "Next month" in body
    assert "In two years" not in body
