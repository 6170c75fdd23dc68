"""Kind sitemaps are pages of consecutive primary keys: the index asks one
MIN/MAX query a kind, a page reads its key range, and every public item is on
exactly one page whatever the gaps."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.publishing.models import Status
from newsroom.site.sitemaps import KindSitemap
from tests.factories import make_news, make_section

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SM}loc")]


@pytest.fixture
def news_with_gaps(monkeypatch):
    """Seven news items, pages of three keys; one deleted, one a draft."""
    monkeypatch.setattr(KindSitemap, "limit", 3)
    section = make_section(slug="s")
    items = [make_news(section=section, slug=f"item-{n}") for n in range(7)]
    items[1].delete()
    items[4].status, items[4].published_at = Status.DRAFT, None
    items[4].save()
    return [item for n, item in enumerate(items) if n not in (1, 4)]


def test_every_public_item_is_on_exactly_one_page(client, news_with_gaps):
    index = locations(client, "/sitemap.xml")
    pages = [url for url in index if "/sitemap-news.xml" in url]
    # Keys first..last of the live items span 7 keys: 3 pages of 3.
    assert pages == [
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-news.xml?p=2",
        "http://testserver/sitemap-news.xml?p=3",
    ]
    listed = []
    for page in ("", "?p=2", "?p=3"):
        urls = locations(client, f"/sitemap-news.xml{page}")
        assert len(urls) <= 3
        listed += urls
    assert listed == [
        f"http://testserver{item.get_absolute_url()}" for item in news_with_gaps
    ]


@pytest.mark.parametrize("page", ["0", "4", "-1", "abc", "1e3", ""])
def test_pages_outside_the_range_are_not_found(client, news_with_gaps, page):
    assert client.get("/sitemap-news.xml", {"p": page}).status_code == 404


def test_a_page_says_when_its_newest_item_changed(client, news_with_gaps):
    response = client.get("/sitemap-news.xml")
    assert response.has_header("Last-Modified")


def test_the_index_asks_one_query_a_kind(client, news_with_gaps, settings):
    settings.NEWSROOM_PAGE_CACHE = False  # the cost of rendering, not of a hit
    settings.NEWSROOM_FRAGMENT_CACHE = False
    client.get("/sitemap.xml")  # the site's identity, loaded once
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    news = [q["sql"] for q in queries if "news_newsitem" in q["sql"]]
    assert len(news) == 1
    assert "MIN(" in news[0].upper() and "MAX(" in news[0].upper()
    assert "COUNT(" not in news[0].upper()


def test_an_empty_kind_has_one_empty_page(client):
    urls = locations(client, "/sitemap-news.xml")
    assert urls == []
