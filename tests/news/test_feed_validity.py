"""The feeds as readers take them (feedparser, which flags any malformation as
"bozo"), by the W3C feed validator's rules: an author on Atom, a self link,
stable ids, titles as typed, absolute links."""

import datetime
import html
import re

import feedparser
import pytest

from newsroom.identity.models import SiteIdentity
from tests.factories import make_news, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

FEEDS = [
    "/feeds/news/",
    "/feeds/news/atom/",
    "/feeds/news/csto-news/",
    "/feeds/news/csto-news/atom/",
]


@pytest.fixture
def news():
    section = make_section(name="CSTO News", slug="csto-news")
    return [make_news(section=section) for _ in range(3)]


def read(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return feed


def shown(detail) -> str:
    """What a reader shows of a title: the text, or the text of the HTML."""
    if detail.type == "text/html":
        return html.unescape(re.sub(r"<[^>]*>", "", detail.value))
    return detail.value


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_is_well_formed_with_self_link_and_absolute_entry_links(
    client, news, url
):
    feed = read(client, url)
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"http://testserver{url}"]
    assert feed.feed.link.startswith("http://testserver/news/")
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/news/csto-news/")
        assert entry.id.startswith("tag:")
        assert entry.published_parsed


@pytest.mark.parametrize("url", [u for u in FEEDS if u.endswith("atom/")])
def test_atom_feeds_name_the_organisation_as_author(client, news, url):
    SiteIdentity.objects.create(name="Sample Treaty Organisation", short_name="STO")
    feed = read(client, url)
    # RFC 4287: every entry has an author, its own or (here) the feed's.
    assert feed.feed.author_detail.name == "Sample Treaty Organisation"


PLAIN_TITLES = [
    "The General's visit",
    'Talks on "security" & R&D',
    "Exercise 2 < 3 > 1",
]
MARKUP_TITLES = ["The <b>bold</b> move", "AT&amp;T's &#39;deal&#39;"]


@pytest.mark.parametrize("title", PLAIN_TITLES + MARKUP_TITLES)
def test_a_title_reaches_readers_as_typed(client, title):
    make_news(title=title)
    [atom_entry] = read(client, "/feeds/news/atom/").entries
    assert atom_entry.title == title
    assert atom_entry.title_detail.type == "text/plain"
    [rss_entry] = read(client, "/feeds/news/").entries
    assert shown(rss_entry.title_detail) == title


@pytest.mark.parametrize("title", PLAIN_TITLES)
def test_a_plain_title_is_escaped_once_in_rss(client, title):
    make_news(title=title)
    body = client.get("/feeds/news/").content.decode()
    assert "&amp;#x27;" not in body and "&amp;quot;" not in body
    [entry] = read(client, "/feeds/news/").entries
    assert entry.title == title
    assert entry.title_detail.type == "text/plain"


def test_ids_stay_the_same_after_renames_and_whatever_the_host(client, settings):
    settings.SITE_DOMAIN = "press.example.org"
    item = make_news(slug="before", section=make_section())
    [before] = read(client, "/feeds/news/").entries
    [atom_before] = read(client, "/feeds/news/atom/").entries

    item.title, item.slug, item.section = "Renamed", "after", make_section()
    item.save()
    [after] = read(client, "/feeds/news/", HTTP_HOST="127.0.0.1").entries
    [atom_after] = read(client, "/feeds/news/atom/", HTTP_HOST="localhost").entries

    created = item.created_at.astimezone(datetime.UTC).date().isoformat()
    expected = f"tag:press.example.org,{created}:news-{item.pk}"
    assert before.id == after.id == atom_before.id == atom_after.id == expected
    assert after.link.endswith("/after/") and after.link.startswith("http://127.0.0.1/")


def test_ids_take_the_identity_domain_when_the_setting_is_empty(client, settings):
    settings.SITE_DOMAIN = ""
    SiteIdentity.objects.create(name="Sample", domain="news.example.net")
    make_news()
    [entry] = read(client, "/feeds/news/atom/").entries
    assert entry.id.startswith("tag:news.example.net,")
