"""RSS and Atom feeds of the latest live news, for all sections or one."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing.models import Status
from tests.factories import make_news, make_section

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "<img src=x onerror=alert(4242)>"


def _ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def _rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def _atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def _make_hidden_news(section=None):
    """One news item in every state a visitor must not see."""
    fields = {"section": section} if section else {}
    make_news(title="Draft item", status=Status.DRAFT, published_at=None, **fields)
    make_news(title="Item in review", status=Status.IN_REVIEW, **fields)
    make_news(title="Scheduled item", published_at=_ago(days=-1), **fields)
    make_news(
        title="Archived item",
        status=Status.ARCHIVED,
        published_at=_ago(days=3),
        **fields,
    )


@pytest.mark.parametrize("url", ["/feeds/news/", "/feeds/news/atom/"])
def test_feed_lists_live_news_only(client, url):
    make_news(title="Live item")
    _make_hidden_news()
    content = client.get(url).content.decode()
    assert "Live item" in content
    for title in ("Draft item", "Item in review", "Scheduled item", "Archived item"):
        assert title not in content


def test_rss_feed_lists_items_newest_first_with_their_fields(client, settings):
    settings.SITE_NAME = "Press Service Test"
    settings.SITE_DOMAIN = "press.example.org"
    section = make_section(name="CSTO News", slug="csto-news")
    make_news(
        title="Older item",
        slug="older-item",
        section=section,
        published_at=_ago(days=2),
    )
    newest = make_news(
        title="Newest item",
        slug="newest-item",
        section=section,
        summary="What happened today.",
        published_at=_ago(hours=1),
    )

    response = client.get("/feeds/news/")
    channel = ET.fromstring(response.content).find("channel")
    assert "Press Service Test" in channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/news/"

    items = _rss_items(response)
    assert [item.findtext("title") for item in items] == ["Newest item", "Older item"]
    first = items[0]
    url = "http://testserver/news/csto-news/newest-item/"
    assert first.findtext("link") == url
    created = newest.created_at.astimezone(datetime.UTC).date().isoformat()
    assert first.findtext("guid") == f"tag:press.example.org,{created}:news-{newest.pk}"
    assert first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("description") == "What happened today."
    assert first.findtext("category") == "CSTO News"
    pubdate = datetime.datetime.strptime(
        first.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z"
    )
    assert pubdate == newest.published_at.replace(microsecond=0)


def test_atom_feed_lists_entries_newest_first_with_their_fields(client, settings):
    settings.SITE_NAME = "Press Service Test"
    settings.SITE_DOMAIN = "press.example.org"
    section = make_section(name="CSTO News", slug="csto-news")
    make_news(title="Older item", section=section, published_at=_ago(days=2))
    newest = make_news(
        title="Newest item",
        slug="newest-item",
        section=section,
        summary="What happened today.",
        published_at=_ago(hours=1),
    )

    response = client.get("/feeds/news/atom/")
    root = ET.fromstring(response.content)
    assert "Press Service Test" in root.findtext(f"{ATOM}title")

    entries = _atom_entries(response)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Newest item",
        "Older item",
    ]
    first = entries[0]
    url = "http://testserver/news/csto-news/newest-item/"
    assert first.find(f"{ATOM}link").get("href") == url
    created = newest.created_at.astimezone(datetime.UTC).date().isoformat()
    assert (
        first.findtext(f"{ATOM}id")
        == f"tag:press.example.org,{created}:news-{newest.pk}"
    )
    assert first.findtext(f"{ATOM}summary") == "What happened today."
    assert first.find(f"{ATOM}category").get("term") == "CSTO News"
    assert first.findtext(f"{ATOM}published")
    assert first.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("url", ["/feeds/news/", "/feeds/news/atom/"])
def test_feed_holds_the_twenty_newest_items(client, url):
    section = make_section()
    for hours in range(1, 26):
        make_news(
            title=f"Item {hours:02d} hours old",
            section=section,
            published_at=_ago(hours=hours),
        )
    content = client.get(url).content.decode()
    assert "Item 20 hours old" in content
    assert "Item 21 hours old" not in content
    assert content.index("Item 01 hours old") < content.index("Item 20 hours old")


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_section_feed_holds_only_that_section(client, suffix):
    mine = make_section(name="Secretary General", slug="secretary-general")
    other = make_section(name="Parliamentary Assembly", slug="parliamentary-assembly")
    make_news(title="Item of the section", section=mine)
    make_news(title="Item of another section", section=other)
    _make_hidden_news(section=mine)

    response = client.get(f"/feeds/news/secretary-general/{suffix}")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Item of the section" in content
    assert "Secretary General" in content
    for title in (
        "Item of another section",
        "Draft item",
        "Item in review",
        "Scheduled item",
        "Archived item",
    ):
        assert title not in content


@pytest.mark.parametrize(
    "url", ["/feeds/news/no-such-section/", "/feeds/news/no-such-section/atom/"]
)
def test_unknown_section_feed_is_404(client, url):
    assert client.get(url).status_code == 404


def test_empty_section_feed_is_an_empty_feed(client):
    make_section(slug="quiet")
    assert _rss_items(client.get("/feeds/news/quiet/")) == []


def test_rss_title_and_summary_with_markup_stay_text(client):
    make_news(title=HOSTILE, summary=f"Summary {HOSTILE}")
    response = client.get("/feeds/news/")
    assert b"<img" not in response.content
    item = _rss_items(response)[0]
    # Readers read RSS title and description as HTML: the markup must arrive
    # escaped in the text, so they show it instead of running it.
    assert item.findtext("title") == "&lt;img src=x onerror=alert(4242)&gt;"
    assert item.findtext("description") == (
        "Summary &lt;img src=x onerror=alert(4242)&gt;"
    )


def test_atom_title_with_markup_is_plain_text_and_the_summary_escaped_html(client):
    make_news(title=f"{HOSTILE} & more", summary=HOSTILE)
    response = client.get("/feeds/news/atom/")
    assert b"<img" not in response.content
    entry = _atom_entries(response)[0]
    title = entry.find(f"{ATOM}title")
    # Atom says what a title is: text unless typed otherwise, so it is as typed.
    assert title.get("type") in (None, "text")
    assert title.text == f"{HOSTILE} & more"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == "&lt;img src=x onerror=alert(4242)&gt;"


def test_feed_survives_control_characters_pasted_into_a_title(client):
    make_news(title="Line one\x0bline two", summary="Lead\x0cpage")
    response = client.get("/feeds/news/")
    assert [item.findtext("title") for item in _rss_items(response)] == [
        "Line one line two"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/news/",
        "/feeds/news/atom/",
        "/feeds/news/busy/",
        "/feeds/news/busy/atom/",
    ],
)
def test_feed_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url
):
    sections = [make_section(slug="busy"), make_section()]
    for n in range(100):
        make_news(section=sections[n % 2], published_at=_ago(minutes=n + 1))
    with django_assert_max_num_queries(5):
        response = client.get(url)
    root = ET.fromstring(response.content)
    assert len(root.findall("./channel/item") or root.findall(f"{ATOM}entry")) == 20


def test_the_feeds_keep_their_addresses():
    assert reverse("newsfeeds:all") == "/feeds/news/"
    assert reverse("newsfeeds:all-atom") == "/feeds/news/atom/"
    section = {"section": "press"}
    assert reverse("newsfeeds:section", kwargs=section) == "/feeds/news/press/"
    assert reverse("newsfeeds:section-atom", kwargs=section) == (
        "/feeds/news/press/atom/"
    )


def test_a_section_name_with_a_control_character_keeps_its_feeds(client):
    section = make_section(name="Press\x0breleases", slug="press")
    make_news(title="Item of the press section", section=section)
    rss = client.get("/feeds/news/press/")
    assert [item.findtext("title") for item in _rss_items(rss)] == [
        "Item of the press section"
    ]
    entries = _atom_entries(client.get("/feeds/news/press/atom/"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Item of the press section"
    ]
