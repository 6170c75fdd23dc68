"""Every public page answers conditional requests: an ETag from what it shows
(not its CSP nonce) and a Last-Modified from the content's last change, a 304
when unchanged, with no query when the page is in the cache; feeds and the
calendar included (issue 14, "Conditional GET everywhere")."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import make_event, make_news, make_public_pages

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture(params=["cache on", "cache off"])
def cache_state(request, settings):
    settings.NEWSROOM_PAGE_CACHE = request.param == "cache on"
    return request.param


def test_every_public_page_kind_answers_304_when_unchanged(
    cache_state, django_assert_num_queries
):
    visitor = Client()
    for name, url in make_public_pages().items():
        first = visitor.get(url)
        assert first.status_code == 200, name
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('"'), name

        unchanged = visitor.get(url, headers={"if-none-match": etag})
        assert unchanged.status_code == 304, name
        assert unchanged.content == b""
        assert unchanged["ETag"] == etag
        assert "Content-Security-Policy" not in unchanged  # the kept page's stays

        since = visitor.get(url, headers={"if-modified-since": last_modified})
        assert since.status_code == 304, name
        if cache_state == "cache on":
            with django_assert_num_queries(0):
                visitor.get(url, headers={"if-none-match": etag})

        other = visitor.get(url, headers={"if-none-match": '"another"'})
        assert other.status_code == 200, name


def test_an_edit_changes_the_etag_and_last_modified(clock):
    visitor = Client()
    item = make_news(title="Consultations held")
    for url in ["/news/", item.get_absolute_url(), "/feeds/news/"]:
        first = visitor.get(url)
        clock.now += datetime.timedelta(seconds=5)
        item.title = "Consultations concluded"
        item.save()
        again = visitor.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 200, url
        assert "Consultations concluded" in again.content.decode()
        since = visitor.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 200, url
        assert parse_http_date(again["Last-Modified"]) == int(clock.now.timestamp())
        item.title = "Consultations held"
        item.save()


def test_a_feed_reader_sees_an_unpublished_newest_item_go(clock):
    """The feed's own date is its newest item's: unpublishing that item makes the
    date older, so a reader asking "changed since?" would get a 304 and keep it."""
    reader = Client()
    make_news(title="Older news", published_at=clock.now - datetime.timedelta(days=2))
    newest = make_news(title="Newest news")
    first = reader.get("/feeds/news/")
    assert "Newest news" in first.content.decode()

    clock.now += datetime.timedelta(minutes=1)
    newest.status = Status.DRAFT
    newest.save()
    response = reader.get(
        "/feeds/news/", headers={"if-modified-since": first["Last-Modified"]}
    )
    assert response.status_code == 200
    assert "Newest news" not in response.content.decode()
    assert NewsItem.objects.live().count() == 1


def test_the_calendar_answers_304_until_an_event_changes(clock):
    subscriber = Client()
    event = make_event(title="Session of the Council", starts_on=timezone.localdate())
    first = subscriber.get("/events/calendar.ics")
    assert first["Content-Type"].startswith("text/calendar")
    headers = {"if-none-match": first["ETag"]}
    assert subscriber.get("/events/calendar.ics", headers=headers).status_code == 304
    since = {"if-modified-since": first["Last-Modified"]}
    assert subscriber.get("/events/calendar.ics", headers=since).status_code == 304

    clock.now += datetime.timedelta(seconds=1)
    event.location = "Minsk"
    event.save()
    assert subscriber.get("/events/calendar.ics", headers=headers).status_code == 200
    assert subscriber.get("/events/calendar.ics", headers=since).status_code == 200


def test_last_modified_is_never_before_midnight_of_the_sites_day(clock):
    """ "Upcoming" becomes "past" at midnight without a save: a page asked about
    with yesterday's date is sent again."""
    visitor = Client()
    first = visitor.get("/events/")
    yesterday = first["Last-Modified"]
    clock.now = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate(clock.now) + datetime.timedelta(days=1),
            datetime.time(0, 0, 1),
        )
    )
    again = visitor.get("/events/", headers={"if-modified-since": yesterday})
    assert again.status_code == 200
    midnight = timezone.localtime(clock.now).replace(hour=0, minute=0, second=0)
    assert again["Last-Modified"] == http_date(midnight.timestamp())


def test_public_pages_let_proxies_keep_them_a_second_and_browsers_revalidate():
    response = Client().get("/news/")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=1"}
