"""The language switcher and the hreflang alternates (issue 13): a page leads
to the same item in the other language when it is live, else to the matching
listing, never to a draft or a 404; unknown prefixes are 404s."""

import re

import pytest

from newsroom.publishing.models import Status
from tests.factories import make_news, make_official, make_section, make_speech

pytestmark = pytest.mark.django_db


def switch_links(response) -> dict[str, str]:
    """{language code: href} of the switcher's links (the current language
    is not a link)."""
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher') :]
    switcher = switcher[: switcher.index("</nav>")]
    pattern = r'<a href="([^"]*)" hreflang="([^"]+)"'
    return {code: href for href, code in re.findall(pattern, switcher)}


def alternates(response) -> dict[str, str]:
    html = response.content.decode()
    pattern = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    return dict(re.findall(pattern, html))


@pytest.fixture
def pair(clock):
    """A Russian original and its live English translation, in one section
    (on the frozen clock of tests/conftest.py)."""
    section = make_section(
        name_en="Press releases", name_ru="Пресс-релизы", slug="press-releases"
    )
    original = make_news(
        section=section,
        language="ru",
        title="Совещание секретарей советов безопасности",
        slug="",
    )
    english = make_news(
        section=section,
        language="en",
        translation_of=original,
        title="Meeting of security council secretaries",
        slug="",
    )
    return original, english


def test_an_item_leads_to_its_translation_and_back(client, pair):
    original, english = pair
    assert original.get_absolute_url().startswith("/ru/news/press-releases/")
    assert not english.get_absolute_url().startswith("/ru/")

    page = client.get(english.get_absolute_url())
    assert page.status_code == 200
    assert switch_links(page) == {"ru": original.get_absolute_url()}
    back = client.get(switch_links(page)["ru"])
    assert back.status_code == 200
    assert 'lang="ru"' in back.content.decode()[:200]
    assert switch_links(back) == {"en": english.get_absolute_url()}


def test_the_head_names_each_language_version(client, pair):
    original, english = pair
    head = alternates(client.get(original.get_absolute_url()))
    assert head == {
        "ru": f"http://testserver{original.get_absolute_url()}",
        "en": f"http://testserver{english.get_absolute_url()}",
        "x-default": f"http://testserver{english.get_absolute_url()}",
    }


@pytest.mark.parametrize(
    "unseen",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.ARCHIVED},
        {"published_at": "future"},
    ],
    ids=["draft", "in-review", "archived", "scheduled"],
)
def test_a_translation_not_live_leads_to_the_listing(client, clock, pair, unseen):
    original, english = pair
    if unseen.get("published_at") == "future":
        unseen = {"published_at": clock(days=3)}
        clock(days=-3)
    type(english).objects.filter(pk=english.pk).update(**unseen)

    page = client.get(original.get_absolute_url())
    assert switch_links(page) == {"en": "/news/"}
    assert english.slug not in page.content.decode()
    assert alternates(page) == {}  # one version only: no hreflang
    assert client.get("/news/").status_code == 200


def test_an_item_without_translation_leads_to_the_listing_of_its_kind(client):
    speech = make_speech(title="Address to the Council", slug="address")
    page = client.get(speech.get_absolute_url())
    assert switch_links(page) == {"ru": "/ru/speeches/"}


@pytest.mark.parametrize(
    ("path", "russian"),
    [
        ("/", "/ru/"),
        ("/news/", "/ru/news/"),
        ("/speeches/", "/ru/speeches/"),
        ("/events/", "/ru/events/"),
        ("/statements/", "/ru/statements/"),
        ("/officials/", "/ru/officials/"),
        ("/search/?q=summit", "/ru/search/?q=summit"),
        ("/news/?page=1", "/ru/news/?page=1"),
    ],
)
def test_other_pages_lead_to_the_same_page_under_the_other_prefix(
    client, path, russian
):
    english = client.get(path)
    assert english.status_code == 200
    assert switch_links(english) == {"ru": russian}
    assert client.get(russian).status_code == 200
    assert switch_links(client.get(russian)) == {"en": path}


def test_an_official_has_one_page_in_each_language(client):
    official = make_official(
        name_en="Imangali Tasmagambetov",
        name_ru="Имангали Тасмагамбетов",
        slug="tasmagambetov",
    )
    english = client.get(f"/officials/{official.slug}/")
    russian = client.get(f"/ru/officials/{official.slug}/")
    assert "Imangali Tasmagambetov" in english.content.decode()
    assert "Имангали Тасмагамбетов" in russian.content.decode()
    assert switch_links(english) == {"ru": f"/ru/officials/{official.slug}/"}
    assert set(alternates(russian)) == {"en", "ru", "x-default"}


@pytest.mark.parametrize("path", ["/de/", "/de/news/", "/xx/news/", "/RU/news/"])
def test_an_unknown_language_prefix_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_an_item_asked_for_under_the_wrong_prefix_moves_to_its_own(client, pair):
    original, english = pair
    wrong = "/" + original.get_absolute_url().removeprefix("/ru/")
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == original.get_absolute_url()


def test_a_russian_listing_shows_only_russian_items(client, pair):
    original, english = pair
    russian = client.get("/ru/news/").content.decode()
    assert original.title in russian and english.title not in russian
    english_page = client.get("/news/").content.decode()
    assert english.title in english_page and original.title not in english_page


@pytest.mark.parametrize(
    "path",
    ["/", "/news/", "/speeches/", "/statements/", "/events/", "/officials/",
     "/search/?q=sample", "/feeds/news/", "/sitemap-news.xml"],
)  # fmt: skip
def test_language_costs_no_query_per_item_on_listings(client, clock, settings, path):
    """A Russian page of 20 items costs what an English one does, and what
    it costs with 2 items: no query per item for languages or translations
    (the page cache off: each request is rendered)."""
    settings.NEWSROOM_PAGE_CACHE = False
    settings.NEWSROOM_FRAGMENT_CACHE = False
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_event, make_statement

    def fill(count):
        section = make_section()
        for n in range(count):
            for language, title in (("ru", f"Образец {n}"), ("en", f"Sample {n}")):
                original = make_news(section=section, language=language, title=title)
                make_news(
                    section=section,
                    language="en" if language == "ru" else "ru",
                    translation_of=original,
                    title=f"{title} (translation)",
                )
                make_speech(language=language, title=title)
                make_statement(language=language, title=title)
                make_event(language=language, title=title)

    def costs():
        counts = {}
        for prefix in ("", "/ru"):
            url = prefix + path
            client.get(url)  # warm what a first request fills
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts[prefix or "/"] = len(queries)
        assert all(counts.values())  # rendered, not served from a cache
        return counts

    fill(1)
    few = costs()
    fill(20)
    many = costs()
    assert many["/ru"] == many["/"]
    if not path.startswith("/search/"):  # search: a query per kind found
        assert many == few


def test_feeds_and_the_calendar_are_per_language(client, clock):
    import datetime

    from tests.factories import make_event

    ru_news = make_news(language="ru", title="Учения «Взаимодействие»", slug="")
    en_news = make_news(language="en", title="Interaction exercise", slug="")
    make_event(
        language="ru", title="Заседание СКБ", starts_on=datetime.date(2024, 5, 2)
    )
    make_event(language="en", title="CSC session", starts_on=datetime.date(2024, 5, 2))
    russian = client.get("/ru/feeds/news/").content.decode()
    english = client.get("/feeds/news/").content.decode()
    assert ru_news.title in russian and en_news.title not in russian
    assert en_news.title in english and ru_news.title not in english
    assert "<language>ru</language>" in russian
    assert "<language>en</language>" in english
    calendar = client.get("/ru/events/calendar.ics").content.decode()
    assert "Заседание СКБ" in calendar and "CSC session" not in calendar


def test_a_missing_page_names_no_alternates_and_leads_home(client):
    page = client.get("/news/no-such-section/no-such-item/")
    assert page.status_code == 404
    assert alternates(page) == {}
    assert switch_links(page) == {"ru": "/ru/"}


def notice(response) -> str:
    html = response.content.decode()
    if 'class="translation-notice' not in html:
        return ""
    start = html.index('class="translation-notice')
    return html[start : html.index("</p>", start)]


def test_an_unofficial_translation_names_the_authentic_text(client, clock):
    original = make_speech(language="ru", title="Выступление", slug="")
    english = make_speech(
        language="en",
        translation_of=original,
        title="Address",
        slug="",
        unofficial_translation=True,
    )
    shown = notice(client.get(english.get_absolute_url()))
    assert "Unofficial translation." in shown
    assert f'<a href="{original.get_absolute_url()}" hreflang="ru" lang="ru">' in shown
    # The Russian original says so, in Russian.
    assert "Аутентичный текст." in notice(client.get(original.get_absolute_url()))


def test_an_official_translation_says_no_unofficial_and_an_alone_item_nothing(
    client, pair
):
    original, english = pair
    shown = notice(client.get(english.get_absolute_url()))
    assert "Unofficial" not in shown and "authentic text is the original" in shown
    alone = make_news(language="en", title="Only in English", slug="")
    assert notice(client.get(alone.get_absolute_url())) == ""


def test_a_translation_whose_original_is_not_live_does_not_link_it(client, pair):
    original, english = pair
    type(original).objects.filter(pk=original.pk).update(status=Status.DRAFT)
    page = client.get(english.get_absolute_url())
    assert original.slug not in page.content.decode()
    assert "Translated from the original" in notice(page)
