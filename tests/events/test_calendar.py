"""iCalendar: the subscription feed of coming events and one event's file."""

import datetime

import icalendar
import pytest
import vobject
from django.contrib.auth.models import Permission
from django.utils import timezone

from newsroom.identity.models import SiteIdentity
from newsroom.publishing.models import Status
from tests.factories import make_event, make_user

# "Upcoming" is counted from today in the site's time zone: the clock is frozen
# so that no test straddles midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def strictly_valid(content: bytes):
    """`content` read by a strict parser, or the test fails.

    vobject (the parser of the Radicale CalDAV server) with validation: every
    content line must parse, each component must carry the properties RFC 5545
    requires and no more than one of those allowed once (UID, DTSTAMP, DTSTART,
    PRODID…), and each DATE, DATE-TIME and DURATION value must read as one.
    icalendar, which writes the files, reads leniently and would not notice.
    """
    text = content.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    calendar = vobject.readOne(text, validate=True)
    assert calendar.version.value == "2.0"
    for vevent in calendar.contents.get("vevent", []):
        vevent.validate(raiseException=True)
        # All-day events: DTEND (exclusive) after DTSTART, both plain dates.
        start, end = vevent.dtstart.value, vevent.dtend.value
        assert type(start) is type(end) is datetime.date and end > start
    return calendar


def _vevents(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    strictly_valid(response.content)
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


def test_event_file_describes_one_all_day_event(client, settings):
    settings.SITE_DOMAIN = "press.example.org"
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
    assert str(vevent["UID"]) == f"event-{event.pk}@press.example.org"
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


def test_uids_are_the_same_whichever_host_name_a_subscriber_uses(client, settings):
    settings.SITE_DOMAIN = "press.example.org"
    event = make_event(slug="summit", starts_on=_days(3))
    uids = set()
    for host in ("localhost", "127.0.0.1"):
        _, [in_feed] = _vevents(client.get("/events/calendar.ics", HTTP_HOST=host))
        _, [one] = _vevents(client.get("/events/summit/event.ics", HTTP_HOST=host))
        assert str(one["URL"]) == f"http://{host}/events/summit/"
        uids |= {str(in_feed["UID"]), str(one["UID"])}
    assert uids == {f"event-{event.pk}@press.example.org"}


def test_a_uid_survives_a_new_title_and_slug(client):
    event = make_event(title="Old title", slug="old-slug", starts_on=_days(3))
    _, [before] = _vevents(client.get("/events/old-slug/event.ics"))
    event.title, event.slug = "New title", "new-slug"
    event.save()
    _, [after] = _vevents(client.get("/events/new-slug/event.ics"))
    assert str(after["SUMMARY"]) == "New title"
    assert after["UID"] == before["UID"]


def test_without_the_setting_uids_take_the_identity_domain(client, settings):
    settings.SITE_DOMAIN = ""
    event = make_event(slug="summit", starts_on=_days(3))
    _, [vevent] = _vevents(client.get("/events/summit/event.ics"))
    assert str(vevent["UID"]) == f"event-{event.pk}@localhost"
    SiteIdentity.objects.create(name="Sample", domain="news.example.net")
    _, [vevent] = _vevents(client.get("/events/summit/event.ics"))
    assert str(vevent["UID"]) == f"event-{event.pk}@news.example.net"


# (what is wrong, text replaced, by what) in an event's file.
BROKEN = [
    ("no UID", "\r\nUID:", "\r\nX-UID:"),
    ("two DTSTAMPs", "\r\nDTSTAMP:", "\r\nDTSTAMP:20240101T000000Z\r\nDTSTAMP:"),
    ("no PRODID", "\r\nPRODID:", "\r\nX-PRODID:"),
    ("a bad date", "DTSTART;VALUE=DATE:20240501", "DTSTART;VALUE=DATE:20241345"),
    ("a broken line", "\r\nSUMMARY:", '\r\nSUMMARY;X="a:'),
    ("bare line feeds", "\r\n", "\n"),
]


@pytest.mark.parametrize(("fault", "old", "new"), BROKEN, ids=[b[0] for b in BROKEN])
def test_the_strict_parser_refuses_what_is_not_icalendar(client, fault, old, new):
    make_event(slug="summit", starts_on=datetime.date(2024, 5, 1))
    text = client.get("/events/summit/event.ics").content.decode()
    strictly_valid(text.encode())
    assert old in text
    with pytest.raises((AssertionError, vobject.base.VObjectError, ValueError)):
        strictly_valid(text.replace(old, new).encode())
