"""Each language's sitemap lists its own items and names their other language
versions (hreflang alternates), as the pages' heads do (issue 13)."""

import xml.etree.ElementTree as ET

import pytest

from newsroom.publishing.models import Status
from tests.factories import make_news, make_official, make_section

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def entries(client, path) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of a sitemap page."""
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SM}loc"): {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        for url in root.findall(f"{SM}url")
    }


@pytest.fixture
def items(clock):
    section = make_section(slug="press")
    original = make_news(section=section, language="ru", title="Учения", slug="")
    english = make_news(
        section=section, language="en", translation_of=original, title="Drills", slug=""
    )
    alone = make_news(section=section, language="ru", title="Без перевода", slug="")
    make_news(
        section=section,
        language="en",
        translation_of=alone,
        title="Not yet",
        slug="",
        status=Status.DRAFT,
    )
    return original, english, alone


def test_each_language_lists_its_items_with_their_alternates(client, items):
    original, english, alone = items
    ru = f"http://testserver{original.get_absolute_url()}"
    en = f"http://testserver{english.get_absolute_url()}"
    russian = entries(client, "/ru/sitemap-news.xml")
    assert russian[ru] == {"ru": ru, "en": en}
    # Its translation is a draft: no alternate, and the draft is nowhere.
    assert russian[f"http://testserver{alone.get_absolute_url()}"] == {}
    english_map = entries(client, "/sitemap-news.xml")
    assert set(english_map) == {en}
    assert english_map[en] == {"ru": ru, "en": en}


def test_an_official_is_listed_in_both_languages_with_alternates(client):
    official = make_official(slug="serdyukov")
    en = "http://testserver/officials/serdyukov/"
    ru = "http://testserver/ru/officials/serdyukov/"
    assert entries(client, "/sitemap-officials.xml")[en] == {"en": en, "ru": ru}
    assert entries(client, "/ru/sitemap-officials.xml")[ru] == {"en": en, "ru": ru}
    assert official.pk


def test_listings_name_each_language(client):
    pages = entries(client, "/sitemap-pages.xml")
    assert pages["http://testserver/news/"]["ru"] == "http://testserver/ru/news/"
    assert pages["http://testserver/ru/news/"]["en"] == "http://testserver/news/"


def test_robots_names_the_sitemap_of_each_language(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/ru/sitemap.xml" in lines
