"""Public listings: live content only, filters in the query string, bad input."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsroom.caching import generation
from newsroom.events.models import EventKind
from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from tests.factories import (
    DATED_BUILDERS,
    make_dated,
    make_event,
    make_news,
    make_official,
    make_section,
    make_speech,
    make_statement,
)

pytestmark = pytest.mark.django_db

# Every kind's listing, and a news section's.
LISTINGS = [
    *(reverse(kind.index_url) for kind in content_kinds if kind.index_url),
    "/news/{section}/",
]
BAD_QUERIES = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "99999"},
    {"page": "1e9"},
    {"page": ["2", "3"]},
    {"year": "20x4"},
    {"year": "99999999999999999999"},
    {"month": "13"},
    {"date_from": "2024-13-45"},
    {"date_to": "notadate"},
    {"date_from": "2024-05-01", "date_to": "2024-04-01"},
    {"q": "x" * 5_000},
    {"q": "nul\x00byte"},
    {"q": "\u202etxet lanoitcerid-iB 🎉"},
    {"q": "' OR 1=1 --"},
    {"section": "no-such-section"},
    {"speaker": "<script>alert(1)</script>"},
    {"kind": "party"},
    {"when": "tomorrow"},
    {"status": "draft"},
    {"author__password__startswith": "a"},
    {"_connector": "OR"},
    {"o": "-status"},
]


@pytest.fixture
def content():
    section = make_section(slug="csto-news", name="CSTO News")
    speaker = make_official(slug="speaker")
    for n in range(25):
        make_news(section=section, title=f"Live item {n}")
        make_speech(speaker=speaker)
        make_event(starts_on=datetime.date(2024, 4, 1) + datetime.timedelta(days=n))
        make_statement()
    return section


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize(
    "params",
    BAD_QUERIES,
    ids=lambda p: "&".join(f"{k}={str(v)[:20]}" for k, v in p.items()),
)
def test_bad_query_strings_never_give_a_server_error(client, content, url, params):
    response = client.get(url.format(section=content.slug), params)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/news/", {"year": "20x4"}, "Enter a whole number."),
        ("/news/", {"date_from": "2024-13-45"}, "Enter a valid date."),
        ("/news/", {"q": "x" * 5_000}, "Ensure this value has at most 200 characters"),
        ("/news/", {"q": "a\x00b"}, "Null characters are not allowed."),
        ("/news/", {"section": "nope"}, "Select a valid choice."),
        (
            "/news/",
            {"date_from": "2024-05-01", "date_to": "2024-04-01"},
            "The end date is before the start date.",
        ),
        ("/speeches/", {"speaker": "nobody"}, "Select a valid choice."),
        ("/events/", {"kind": "party"}, "Select a valid choice."),
    ],
)
def test_a_bad_filter_value_is_shown_as_an_error_and_ignored(
    client, content, url, params, message
):
    response = client.get(url, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Some filters could not be applied" in body
    # The bad filter is ignored: the listing still shows items.
    assert response.context["page_obj"].paginator.count > 0


def test_unknown_section_is_404(client):
    assert client.get("/news/no-such-section/").status_code == 404


def test_empty_section_is_a_page_that_says_so(client):
    make_section(slug="empty", name="Empty section")
    response = client.get("/news/empty/")
    assert response.status_code == 200
    assert "No news in this section yet." in response.content.decode()


def test_news_listing_shows_only_live_items_newest_first(client):
    now = timezone.now()
    older = make_news(title="Older item", published_at=now - datetime.timedelta(days=2))
    newer = make_news(title="Newer item", published_at=now - datetime.timedelta(days=1))
    make_news(title="Draft item", status=Status.DRAFT, published_at=None)
    make_news(title="Review item", status=Status.IN_REVIEW)
    make_news(title="Archived item", status=Status.ARCHIVED)
    make_news(title="Scheduled item", published_at=now + datetime.timedelta(hours=1))

    response = client.get("/news/")

    assert list(response.context["page_obj"]) == [newer, older]
    body = response.content.decode()
    for hidden in ("Draft item", "Review item", "Archived item", "Scheduled item"):
        assert hidden not in body
    assert "2 news items" in body


def test_news_is_paginated_20_a_page_and_page_links_keep_filters(
    client, frozen_now, content
):
    response = client.get("/news/", {"year": "2099"})
    assert response.context["page_obj"].paginator.count == 0

    year = 2024  # the frozen clock's: the content was published an hour before
    response = client.get("/news/", {"year": str(year)})
    page = response.context["page_obj"]
    assert len(page) == 20 and page.paginator.num_pages == 2
    body = response.content.decode()
    assert f'href="?year={year}&amp;page=2"' in body  # next and last keep the filter
    assert f'value="{year}"' in body  # the form keeps its value

    second = client.get("/news/", {"year": str(year), "page": "2"})
    assert len(second.context["page_obj"]) == 5
    assert f'href="?year={year}&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "training"}, ["Training courses"]),
        ({"q": "TRAINING"}, ["Training courses"]),
        ({"year": "2023"}, ["Speech at the session"]),
        ({"year": "2024", "month": "4"}, ["Consultations", "Training courses"]),
        ({"month": "12"}, ["Speech at the session"]),
        ({"date_from": "2024-04-24", "date_to": "2024-04-24"}, ["Consultations"]),
        ({"date_to": "2024-04-23"}, ["Training courses", "Speech at the session"]),
        ({"section": "secretary-general"}, ["Speech at the session"]),
    ],
)
def test_news_filters(client, params, expected):
    news = make_section(slug="csto-news")
    sg = make_section(slug="secretary-general")
    tz = timezone.get_current_timezone()
    make_news(
        title="Consultations",
        section=news,
        published_at=datetime.datetime(2024, 4, 24, 12, tzinfo=tz),
    )
    make_news(
        title="Training courses",
        section=news,
        published_at=datetime.datetime(2024, 4, 23, 23, 30, tzinfo=tz),
    )
    make_news(
        title="Speech at the session",
        section=sg,
        published_at=datetime.datetime(2023, 12, 19, 15, tzinfo=tz),
    )

    response = client.get("/news/", params)

    assert [i.title for i in response.context["page_obj"]] == expected


def test_section_page_lists_only_its_section(client):
    mine = make_section(slug="mine", name="Mine")
    make_news(section=mine, title="In my section")
    make_news(title="Elsewhere")
    response = client.get("/news/mine/")
    assert [i.title for i in response.context["page_obj"]] == ["In my section"]
    assert "section" not in response.context["filter"].form.fields


def test_speeches_filter_by_speaker_and_date(client):
    sg = make_official(slug="secretary-general")
    other = make_official(slug="other")
    make_speech(
        speaker=sg, title="December speech", delivered_on=datetime.date(2023, 12, 19)
    )
    make_speech(
        speaker=sg, title="April speech", delivered_on=datetime.date(2024, 4, 2)
    )
    make_speech(
        speaker=other, title="Other speech", delivered_on=datetime.date(2024, 4, 3)
    )

    def titles(params):
        return [s.title for s in client.get("/speeches/", params).context["page_obj"]]

    assert titles({}) == ["Other speech", "April speech", "December speech"]
    assert titles({"speaker": "secretary-general"}) == [
        "April speech",
        "December speech",
    ]
    assert titles({"year": "2023"}) == ["December speech"]
    assert titles({"date_from": "2024-04-01", "date_to": "2024-04-02"}) == [
        "April speech"
    ]


def test_events_list_upcoming_first_then_past(client, frozen_now):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_event(title="Past long ago", starts_on=today - 30 * day)
    make_event(
        title="Past recently", starts_on=today - 5 * day, ends_on=today - 2 * day
    )
    make_event(title="Ongoing", starts_on=today - 2 * day, ends_on=today + 2 * day)
    make_event(title="Next week", starts_on=today + 7 * day)
    make_event(title="Tomorrow", starts_on=today + day, kind=EventKind.SESSION)
    make_event(title="Draft upcoming", starts_on=today + day, status=Status.DRAFT)

    def titles(params):
        return [e.title for e in client.get("/events/", params).context["page_obj"]]

    assert titles({}) == [
        "Ongoing",
        "Tomorrow",
        "Next week",
        "Past recently",
        "Past long ago",
    ]
    assert titles({"when": "upcoming"}) == ["Ongoing", "Tomorrow", "Next week"]
    assert titles({"when": "past"}) == ["Past recently", "Past long ago"]
    assert titles({"kind": "session"}) == ["Tomorrow"]


def test_events_date_range_matches_any_day_of_the_event(client):
    make_event(
        title="Courses",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 4, 23),
    )
    make_event(title="Consultations", starts_on=datetime.date(2024, 4, 24))
    response = client.get(
        "/events/", {"date_from": "2024-04-10", "date_to": "2024-04-20"}
    )
    assert [e.title for e in response.context["page_obj"]] == ["Courses"]
    response = client.get("/events/", {"year": "2024"})
    assert {e.title for e in response.context["page_obj"]} == {
        "Courses",
        "Consultations",
    }


def test_officials_listing_in_display_order_without_former_officials(client):
    make_official(name="Second", order=2)
    make_official(name="First", order=1)
    make_official(name="Former", order=0, is_active=False)
    response = client.get("/officials/")
    assert [o.name for o in response.context["object_list"]] == ["First", "Second"]


@pytest.fixture
def hundred_items(frozen_now):
    """100 of each kind, published in 2024 (the frozen clock's year)."""
    section = make_section(slug="big", name="Big")
    speaker = make_official(slug="big-speaker")
    officials = [make_official() for _ in range(10)]
    today = timezone.localdate()
    for n in range(100):
        item = make_news(section=section)
        item.officials.set(officials[:3])
        make_speech(speaker=speaker)
        event = make_event(starts_on=today + datetime.timedelta(days=n - 50))
        event.officials.set(officials[:3])
        make_statement()
    for _ in range(90):
        make_official()
    return section


# The listings measured on the hundred items.
COUNTED_LISTINGS = [
    "/",
    "/news/",
    "/news/?page=5&year=2024&q=sample",  # the last page of the 100
    "/news/big/",
    "/speeches/",
    "/speeches/?speaker=big-speaker",
    "/events/",
    "/events/?when=upcoming",
    "/officials/",
    "/statements/",
]


def test_listings_run_a_fixed_number_of_queries(
    hundred_items, django_assert_max_num_queries, check_every
):
    def fixed_number_of_queries(url):
        # Each listing as the first request after a cold start: nothing cached
        # by the listing before, no cookie of its visit.
        cache.clear()
        generation.forget_memo()
        with django_assert_max_num_queries(10):
            response = Client().get(url)
        assert response.status_code == 200
        page = response.context.get("page_obj")
        if page is not None:  # a full page of 20, not an empty one
            assert len(page) == 20

    check_every(COUNTED_LISTINGS, fixed_number_of_queries)


def test_the_speaker_filter_names_only_speakers_of_live_speeches(client):
    embargoed = make_official(name="Embargoed Speaker", slug="embargoed")
    make_speech(
        speaker=embargoed, published_at=timezone.now() + datetime.timedelta(days=3)
    )
    make_speech(speaker=make_official(name="Public Speaker"))
    response = client.get("/speeches/", {"speaker": "embargoed"})
    body = response.content.decode()
    assert "Embargoed Speaker" not in body and "Public Speaker" in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("url", DATED_BUILDERS)
def test_listings_take_dates_as_the_site_writes_them(client, url):
    make_dated(url, "In the range", datetime.date(2024, 4, 24))
    make_dated(url, "After the range", datetime.date(2024, 4, 26))
    response = client.get(url, {"date_from": "24.04.2024", "date_to": "25.04.2024"})
    assert response.status_code == 200
    assert "Enter a valid date" not in response.content.decode()
    assert [item.title for item in response.context["page_obj"]] == ["In the range"]
