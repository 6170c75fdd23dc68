"""/sitemap.xml: an index of one sitemap per kind, listing every public page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from newsroom.site.sitemaps import KindSitemap, sitemaps
from tests.factories import (
    editorial_factories,
    make_event,
    make_news,
    make_of_kind,
    make_official,
    make_section,
    make_speech,
    make_statement,
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


def listings():
    """The home page and every kind's listing, in every language."""
    paths = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("site:home"))
            paths += [
                reverse(kind.index_url) for kind in content_kinds if kind.index_url
            ]
    return paths


def every_public_page():
    """The address of every row of every kind in the sitemap (all public here)."""
    return [
        obj.get_absolute_url()
        for kind in content_kinds.in_sitemap()
        for obj in kind.model._default_manager.all()
    ]


def test_sitemap_lists_listing_pages_and_every_live_item(client):
    section = make_section(slug="csto-news")
    make_news(slug="live-news", section=section)
    make_speech(slug="live-speech")
    make_event(slug="live-event")
    make_statement(slug="live-statement")
    make_official(slug="secretary-general")
    make_section(slug="empty-section")

    urls = _urls(client)

    for path in (
        *listings(),
        "/news/csto-news/",
        "/news/empty-section/",
        "/news/csto-news/live-news/",
        "/speeches/live-speech/",
        "/events/live-event/",
        "/statements/live-statement/",
        "/officials/secretary-general/",
    ):
        assert f"http://testserver{path}" in urls


def test_sitemap_leaves_out_what_is_not_live_but_keeps_former_officials(client):
    for n, state in enumerate(_hidden_states()):
        for model, factory in editorial_factories().items():
            factory(slug=f"hidden-{model._meta.model_name}-{n}", **state)
    make_official(slug="former-official", is_active=False)

    content = "\n".join(_urls(client))

    assert "hidden-" not in content
    # A former official's page stays public: their speeches link to it.
    assert "http://testserver/officials/former-official/" in content


def test_every_sitemap_url_is_absolute_for_the_requested_host(client):
    for kind in content_kinds.in_sitemap():
        make_of_kind(kind)
    urls = _urls(client, secure=True, HTTP_HOST="localhost")
    expected = {
        f"https://localhost{path}" for path in [*listings(), *every_public_page()]
    }
    assert set(urls) == expected


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


def test_sitemap_runs_the_same_few_queries_however_many_items(client):
    def populate(count):
        section, official = make_section(), make_official()
        for _ in range(count):
            make_news(section=section)
            make_speech(speaker=official)
            make_event()
            make_statement()

    def queries_per_page():
        counts = []
        for page in _sitemap_pages(client):
            path = "/" + page.split("://", 1)[1].split("/", 1)[1]
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts.append(len(queries))
        return counts

    def queries_of_the_index():
        with CaptureQueriesContext(connection) as queries:
            client.get("/sitemap.xml")
        return len(queries)

    populate(1)
    few, index = queries_per_page(), queries_of_the_index()
    populate(99)
    assert queries_per_page() == few
    assert queries_of_the_index() == index
    assert max(few) <= 3
    # The index asks each sitemap for its size and newest change: two a kind.
    assert index <= 2 * len(sitemaps())
    assert sorted(_urls(client)) == sorted(
        f"http://testserver{path}" for path in [*listings(), *every_public_page()]
    )


def test_large_sitemaps_are_split_into_pages(client, monkeypatch):
    section = make_section()
    for _ in range(3):
        make_news(section=section)
    monkeypatch.setattr(KindSitemap, "limit", 2)
    pages = _sitemap_pages(client)
    assert "http://testserver/sitemap-news.xml?p=2" in pages
    assert "http://testserver/sitemap-news.xml?p=3" not in pages
    second = _get_xml(client, "/sitemap-news.xml", data={"p": "2"})
    assert len(second.findall(f"{SM}url")) == 1


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
