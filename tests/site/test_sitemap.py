import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.publishing.models import Status
from tests.factories import (
    make_event,
    make_news,
    make_official,
    make_section,
    make_speech,
)

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _get_xml(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def _sitemap_pages(client, **extra):
    """The absolute addresses of the sitemaps that /sitemap.xml (an index) lists."""
    root = _get_xml(client, "/sitemap.xml", **extra)
    assert root.tag == f"{SM}sitemapindex"
    return [loc.text for loc in root.iter(f"{SM}loc")]


def _urls(client, **extra):
    """{location: lastmod or None} of every page, through the sitemap index."""
    urls = {}
    for page in _sitemap_pages(client, **extra):
        path = page.split("://", 1)[1].split("/", 1)[1]
        root = _get_xml(client, "/" + path, **extra)
        urls.update(
            (url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod"))
            for url in root.findall(f"{SM}url")
        )
    return urls


def _hidden_states():
    """Keyword sets for every state a visitor must not see."""
    future = timezone.now() + datetime.timedelta(days=1)
    return [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.IN_REVIEW},
        {"status": Status.PUBLISHED, "published_at": future},
        {"status": Status.ARCHIVED, "published_at": timezone.now()},
    ]


def test_sitemap_lists_listing_pages_and_every_live_item(client):
    section = make_section(slug="csto-news")
    make_news(slug="live-news", section=section)
    make_speech(slug="live-speech")
    make_event(slug="live-event")
    make_official(slug="secretary-general")
    make_section(slug="empty-section")

    urls = _urls(client)

    for path in (
        "/",
        "/news/",
        "/speeches/",
        "/events/",
        "/officials/",
        "/news/csto-news/",
        "/news/empty-section/",
        "/news/csto-news/live-news/",
        "/speeches/live-speech/",
        "/events/live-event/",
        "/officials/secretary-general/",
    ):
        assert f"http://testserver{path}" in urls


def test_sitemap_leaves_out_what_is_not_live_but_keeps_former_officials(client):
    for n, state in enumerate(_hidden_states()):
        make_news(slug=f"hidden-news-{n}", **state)
        make_speech(slug=f"hidden-speech-{n}", **state)
        make_event(slug=f"hidden-event-{n}", **state)
    make_official(slug="former-official", is_active=False)

    content = "\n".join(_urls(client))

    assert "hidden-" not in content
    # A former official's page stays public: their speeches link to it.
    assert "http://testserver/officials/former-official/" in content


def test_every_sitemap_url_is_absolute_for_the_requested_host(client):
    make_news()
    make_speech()
    make_event()
    urls = _urls(client, secure=True, HTTP_HOST="localhost")
    assert len(urls) == 5 + 1 + 1 + 1 + 1 + 1  # pages, section, items, speaker
    assert all(url.startswith("https://localhost/") for url in urls)


def test_items_and_officials_carry_lastmod_from_updated_at(client):
    news = make_news(slug="dated-news")
    speech = make_speech(slug="dated-speech")
    event = make_event(slug="dated-event")
    official = speech.speaker
    urls = {url.rsplit("/", 2)[-2]: lastmod for url, lastmod in _urls(client).items()}

    for slug, obj in (
        ("dated-news", news),
        ("dated-speech", speech),
        ("dated-event", event),
        (official.slug, official),
    ):
        # Django writes the day, in the site's time zone.
        assert urls[slug] == timezone.localdate(obj.updated_at).isoformat()


def test_sitemap_runs_the_same_few_queries_however_many_items(
    client, django_assert_max_num_queries
):
    def populate(count):
        section, official = make_section(), make_official()
        for _ in range(count):
            make_news(section=section)
            make_speech(speaker=official)
            make_event()

    def queries_per_page():
        counts = []
        for page in _sitemap_pages(client):
            path = "/" + page.split("://", 1)[1].split("/", 1)[1]
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts.append(len(queries))
        return counts

    populate(1)
    few = queries_per_page()
    populate(99)
    with django_assert_max_num_queries(10):
        client.get("/sitemap.xml")
    assert queries_per_page() == few
    assert max(few) <= 3
    assert len(_urls(client)) == 5 + 2 + 2 + 300


def test_large_sitemaps_are_split_into_pages(client, settings):
    from newsroom.site.sitemaps import PublishableSitemap

    section = make_section()
    for _ in range(3):
        make_news(section=section)
    original = PublishableSitemap.limit
    PublishableSitemap.limit = 2
    try:
        pages = _sitemap_pages(client)
    finally:
        PublishableSitemap.limit = original
    assert "http://testserver/sitemap-news.xml?p=2" in pages


def test_robots_txt_keeps_crawlers_out_of_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt", secure=True, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Disallow")] == [
        "Disallow: /admin/"
    ]
    assert "Sitemap: https://localhost/sitemap.xml" in lines


def test_robots_txt_refuses_writes(client):
    assert client.post("/robots.txt").status_code == 405
