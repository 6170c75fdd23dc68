"""A sitemap page finds its items' language versions from a key range, not a
list of 5,000 keys: versions on other pages, in other languages and out of
order are still named, in the model's order, and drafts never are."""

import xml.etree.ElementTree as ET

import pytest

from newsroom.publishing.models import Status
from newsroom.site.sitemaps import KindSitemap
from tests.factories import make_news, make_section

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def entries(response) -> dict[str, list[tuple[str, str]]]:
    """{loc: [(hreflang, href), …] in the page's order} of a sitemap page."""
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SM}loc"): [
            (link.get("hreflang"), link.get("href"))
            for link in url.findall(f"{XHTML}link")
        ]
        for url in root.findall(f"{SM}url")
    }


def every_page(client, path) -> dict:
    found, page = {}, 1
    while (response := client.get(path, {"p": page})).status_code == 200:
        found |= entries(response)
        page += 1
    assert page > 2, "the items span several pages"
    return found


def test_versions_on_other_pages_and_in_other_languages(client, monkeypatch, clock):
    section = make_section(slug="press")
    # Keys in creation order; pages of two keys: the original (ru) and its
    # English translation land on different pages of each language's sitemap.
    ru_original = make_news(section=section, language="ru", title="Учения", slug="")
    filler = [make_news(section=section, language="en") for _ in range(3)]
    en_translation = make_news(
        section=section,
        language="en",
        translation_of=ru_original,
        title="Drills",
        slug="",
    )
    en_original = make_news(section=section, language="en", title="Summit", slug="")
    ru_translation = make_news(
        section=section,
        language="ru",
        translation_of=en_original,
        title="Саммит",
        slug="",
    )
    make_news(
        section=section,
        language="ru",
        translation_of=filler[0],
        slug="",
        status=Status.DRAFT,
    )
    monkeypatch.setattr(KindSitemap, "limit", 2)

    def url(item):
        return f"http://testserver{item.get_absolute_url()}"

    english = every_page(client, "/sitemap-news.xml")
    russian = every_page(client, "/ru/sitemap-news.xml")
    drills = sorted([("ru", url(ru_original)), ("en", url(en_translation))])
    summit = sorted([("en", url(en_original)), ("ru", url(ru_translation))])
    assert sorted(english[url(en_translation)]) == drills
    assert sorted(russian[url(ru_original)]) == drills
    assert sorted(english[url(en_original)]) == summit
    assert sorted(russian[url(ru_translation)]) == summit
    # A draft translation is no version: the filler item names none.
    assert english[url(filler[0])] == []
    # Newest first, as the model orders items (the translation is newer).
    assert [code for code, _ in english[url(en_translation)]] == ["en", "ru"]
