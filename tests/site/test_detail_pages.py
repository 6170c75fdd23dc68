"""Detail pages: what each shows, links between them, head metadata."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from newsroom.caching import generation
from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from tests.factories import (
    editorial_factories,
    make_event,
    make_news,
    make_of_kind,
    make_official,
    make_section,
    make_speech,
)

pytestmark = pytest.mark.django_db
HOSTILE = '</script><img src=x onerror=alert(4242)> "quoted" & <b>bold</b>'


@pytest.fixture
def at(frozen_now):
    """`at(n)`: n days before the frozen clock (24.04.2024 12:00 in Moscow), an
    hour earlier in the day, so `at(0)` is already public."""

    def at(days_ago):
        return frozen_now - datetime.timedelta(days=days_ago, hours=1)

    return at


def test_news_item_page_has_everything_of_the_seed_page(client, at):
    section = make_section(slug="csto-news", name="CSTO News")
    official = make_official(name="Andrei Serdyukov", slug="andrei-serdyukov")
    event = make_event(title="IX Training Courses")
    older = make_news(section=section, title="Older", published_at=at(3))
    item = make_news(
        section=section,
        title="The item",
        published_at=at(2),
        event=event,
        body="<h2>Heading</h2><p>Text</p>",
    )
    item.officials.add(official)
    newer = make_news(section=section, title="Newer", published_at=at(1))
    make_news(title="Elsewhere", published_at=at(0))
    make_news(section=section, title="Draft", status=Status.DRAFT, published_at=None)

    response = client.get(item.get_absolute_url())
    body = response.content.decode()

    assert response.status_code == 200
    assert "<h2>Heading</h2><p>Text</p>" in body
    assert '<time datetime="2024-04-22' in body and "22.04.2024" in body
    assert '<a href="/officials/andrei-serdyukov/">Andrei Serdyukov</a>' in body
    assert f'href="{event.get_absolute_url()}">IX Training Courses</a>' in body
    assert response.context["previous_item"] == older
    assert response.context["next_item"] == newer
    assert [i.title for i in response.context["latest_news"]] == [
        "Elsewhere",
        "Newer",
        "Older",
    ]
    assert '<a href="/news/csto-news/" data-go-back>Go back</a>' in body
    assert '<a href="/news/csto-news/">Back to the section</a>' in body
    assert '<a href="/news/">Back to the all news</a>' in body
    assert "Draft" not in body


def test_items_published_at_the_same_moment_still_chain(client, at):
    section = make_section()
    when = at(1)
    first = make_news(section=section, published_at=when)
    second = make_news(section=section, published_at=when)
    response = client.get(second.get_absolute_url())
    assert response.context["previous_item"] == first
    assert not response.context["next_item"]  # queried when shown: lazy


def test_a_related_event_that_is_not_live_is_not_linked(client):
    event = make_event(title="Secret event", status=Status.DRAFT, published_at=None)
    item = make_news(event=event)
    assert "Secret event" not in client.get(item.get_absolute_url()).content.decode()


def test_an_item_in_the_wrong_section_redirects_to_its_address(client):
    item = make_news(section=make_section(slug="right"))
    make_section(slug="wrong")
    response = client.get(f"/news/wrong/{item.slug}/")
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


def test_speech_page_shows_speaker_card_and_full_text(client):
    speaker = make_official(name="Imangali Tasmagambetov", position="Secretary General")
    event = make_event(title="Plenary session")
    speech = make_speech(
        speaker=speaker,
        event=event,
        location="Moscow",
        delivered_on=datetime.date(2023, 12, 19),
        body="<p>Dear Chairman</p><ul><li>Protocol</li></ul>",
    )
    body = client.get(speech.get_absolute_url()).content.decode()
    assert "19.12.2023" in body and "Moscow" in body
    assert "Imangali Tasmagambetov" in body and "Secretary General" in body
    assert "<p>Dear Chairman</p><ul><li>Protocol</li></ul>" in body
    assert "Plenary session" in body


@pytest.mark.parametrize(
    ("starts", "ends", "text"),
    [
        ((2024, 4, 24), None, "24.04.2024"),
        ((2024, 4, 24), (2024, 4, 24), "24.04.2024"),
        ((2024, 4, 1), (2024, 4, 23), "1–23 April 2024"),
        ((2024, 3, 28), (2024, 4, 3), "28 March – 3 April 2024"),
        ((2024, 12, 30), (2025, 1, 2), "30 December 2024 – 2 January 2025"),
    ],
)
def test_event_dates_read_as_people_write_them(client, starts, ends, text):
    event = make_event(
        starts_on=datetime.date(*starts),
        ends_on=datetime.date(*ends) if ends else None,
    )
    assert text in client.get(event.get_absolute_url()).content.decode()
    assert text in client.get("/events/").content.decode()


def test_event_page_lists_its_people_news_speeches_and_calendar_link(
    client, frozen_now
):
    official = make_official(name="Taking Part")
    # Upcoming (the clock is frozen on 24.04.2024): a past event has no calendar link.
    event = make_event(title="The session", starts_on=datetime.date(2024, 5, 20))
    event.officials.add(official)
    make_news(event=event, title="News of the session")
    make_news(
        event=event, title="Unpublished news", status=Status.DRAFT, published_at=None
    )
    make_speech(event=event, title="Speech at the session")

    body = client.get(event.get_absolute_url()).content.decode()

    assert "Taking Part" in body
    assert "News of the session" in body and "Speech at the session" in body
    assert "Unpublished news" not in body
    assert f'href="/events/{event.slug}/event.ics"' in body


def test_official_page_lists_their_work_newest_first(client):
    official = make_official(name="The Official", biography="<p>Biography.</p>")
    official.appointments.create(
        post="Chief of Staff", started_on=datetime.date(2023, 11, 23)
    )
    make_speech(
        speaker=official, title="Old speech", delivered_on=datetime.date(2023, 1, 1)
    )
    make_speech(
        speaker=official, title="New speech", delivered_on=datetime.date(2024, 1, 1)
    )
    make_speech(
        speaker=official, title="Draft speech", status=Status.DRAFT, published_at=None
    )
    event = make_event(title="Their event")
    event.officials.add(official)
    item = make_news(title="News about them")
    item.officials.add(official)

    response = client.get(official.get_absolute_url())
    body = response.content.decode()

    assert "<p>Biography.</p>" in body
    assert "Chief of Staff: 23.11.2023 – to date" in body
    assert [s.title for s in response.context["speeches"]] == [
        "New speech",
        "Old speech",
    ]
    assert "Their event" in body and "News about them" in body
    assert "Draft speech" not in body


def test_a_former_officials_page_stays_public(client):
    official = make_official(is_active=False)
    assert client.get(official.get_absolute_url()).status_code == 200


def page_head(response):
    body = response.content.decode()
    return body[: body.index("</head>")]


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def test_news_item_head_has_title_description_canonical_og_and_json_ld(client):
    item = make_news(
        title="Consultations held", summary="On 24 April 2024 consultations."
    )
    response = client.get(item.get_absolute_url(), {"utm": "x"})
    head = page_head(response)
    url = f"http://testserver{item.get_absolute_url()}"

    assert "<title>Consultations held · Newsroom</title>" in head
    assert '<meta name="description" content="On 24 April 2024 consultations.">' in head
    assert f'<link rel="canonical" href="{url}">' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Consultations held">' in head
    # No photo: the organisation's share picture stands for the item.
    assert '<meta property="og:image" content="http://testserver/share.png">' in head
    assert '<meta name="twitter:card" content="summary_large_image">' in head
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Consultations held"
    assert data["url"] == url


@pytest.mark.parametrize(
    "kind",
    [kind for kind in content_kinds if kind.schema_type],
    ids=lambda kind: kind.name,
)
def test_each_kind_has_its_schema_org_type(client, kind):
    obj = make_of_kind(kind)
    assert json_ld(client.get(obj.get_absolute_url()))["@type"] == kind.schema_type


@pytest.mark.parametrize(
    "factory", editorial_factories().values(), ids=lambda f: f.__name__
)
def test_a_hostile_title_is_escaped_in_head_body_and_json_ld(client, factory):
    obj = factory(title=HOSTILE, summary=HOSTILE)
    response = client.get(obj.get_absolute_url())
    body = response.content.decode()

    assert "<img src=x onerror=alert(4242)>" not in body
    assert "<b>bold</b>" not in body
    # Only the JSON-LD script element closes a <script> that is not ours.
    assert body.count("</script>") == body.count("<script")
    data = json_ld(response)
    assert data["name" if data["@type"] == "Event" else "headline"] == HOSTILE
    assert "&lt;img src=x onerror=alert(4242)&gt;" in page_head(response)


def test_listing_canonical_keeps_the_page_number_only(client):
    for _ in range(25):
        make_news()
    head = page_head(client.get("/news/", {"page": "2", "q": "sample"}))
    assert '<link rel="canonical" href="http://testserver/news/?page=2">' in head


def test_unknown_address_gets_the_404_page_in_the_site_layout(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="#main"' in body


@override_settings(DEBUG=False)
def test_a_server_error_shows_the_500_page_without_a_trace(monkeypatch):
    from newsroom.site import views

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views.HomeView, "get_context_data", explode)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internal detail" not in body and "Traceback" not in body


@pytest.fixture
def busy_objects():
    officials = [make_official() for _ in range(10)]
    section = make_section()
    event = make_event()
    event.officials.set(officials)
    speaker = officials[0]
    for _ in range(100):
        item = make_news(section=section, event=event)
        item.officials.set(officials)
        make_speech(speaker=speaker, event=event)
        other = make_event()
        other.officials.add(speaker)
    for n in range(20):
        speaker.appointments.create(
            post=f"Post {n}", started_on=datetime.date(2000 + n, 1, 1)
        )
    return {
        "news": item,
        "event": event,
        "official": speaker,
        "speech": speaker.speeches.first(),
    }


def test_detail_pages_run_a_fixed_number_of_queries(
    busy_objects, django_assert_max_num_queries, check_every
):
    def fixed_number_of_queries(kind):
        # Each page as the first request after a cold start (nothing cached).
        cache.clear()
        generation.forget_memo()
        with django_assert_max_num_queries(10):
            response = Client().get(busy_objects[kind].get_absolute_url())
        assert response.status_code == 200

    check_every(["news", "event", "official", "speech"], fixed_number_of_queries)
