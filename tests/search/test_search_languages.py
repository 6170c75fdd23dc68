"""Search in both languages: each page searches its own language's items, with
that language's stemming on PostgreSQL; officials are found by their name as
either language spells it, from either language's page, on both databases."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_news, make_official, make_speech

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's"
)

ENGLISH, RUSSIAN = "/search/", "/ru/search/"


def results(client, page, q):
    response = client.get(page, {"q": q})
    assert response.status_code == 200
    return response.context["results"] or []


def titles(client, page, q):
    return sorted(
        str(r.title).replace("<mark>", "").replace("</mark>", "")
        for r in results(client, page, q)
    )


@on_postgres
@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("учения", "Итоги совместных учений ОДКБ"),
        ("учений", "Учения «Взаимодействие» завершены"),
        ("саммит", "Решения саммита в Минске"),
        ("саммита", "Саммит ОДКБ открылся в Минске"),
        ("министров", "Заседание Совета министров иностранных дел"),
    ],
)
def test_russian_words_find_their_other_forms(client, frozen_now, q, title):
    make_news(language="ru", title=title)
    make_news(language="ru", title="Пресс-конференция в Москве")  # never found
    assert titles(client, RUSSIAN, q) == [title]


@on_postgres
def test_the_russian_form_found_is_marked(client, frozen_now):
    make_news(
        language="ru",
        title="Итоги совместных учений ОДКБ",
        summary="В учениях приняли участие подразделения пяти государств.",
    )
    [result] = results(client, RUSSIAN, "учения")
    assert "<mark>учений</mark>" in result.title
    assert "<mark>учениях</mark>" in result.snippet


@on_postgres
def test_english_stemming_is_unchanged(client, frozen_now):
    make_news(language="en", title="Joint exercises held", summary="Plain.")
    make_news(language="en", title="Summit decisions", summary="Plain.")
    assert titles(client, ENGLISH, "exercise") == ["Joint exercises held"]
    assert titles(client, ENGLISH, "decision") == ["Summit decisions"]
    assert titles(client, ENGLISH, "the summits") == ["Summit decisions"]


@on_postgres
@pytest.mark.parametrize(("page", "q"), [(ENGLISH, "the"), (RUSSIAN, "и в")])
def test_a_query_of_stop_words_finds_nothing(client, frozen_now, page, q):
    make_news(language="en", title="The summit and the council")
    make_news(language="ru", title="Саммит и совет в Минске")
    assert titles(client, page, q) == []


@on_postgres
def test_a_russian_query_on_the_english_page_finds_no_russian_item(client, frozen_now):
    make_news(language="ru", title="Итоги совместных учений ОДКБ")
    assert titles(client, ENGLISH, "учений") == []
    assert titles(client, RUSSIAN, "учений") == ["Итоги совместных учений ОДКБ"]


def test_each_page_finds_only_its_own_languages_items(client, frozen_now):
    english = make_news(language="en", title="Quasar summit in Minsk")
    russian = make_news(language="ru", title="Саммит Quasar в Минске")
    make_speech(language="ru", title="Выступление Quasar")
    assert titles(client, ENGLISH, "quasar") == [english.title]
    assert titles(client, RUSSIAN, "quasar") == sorted(
        [russian.title, "Выступление Quasar"]
    )
    [found] = results(client, RUSSIAN, "Минске")
    assert found.url == russian.get_absolute_url()
    assert found.url.startswith("/ru/news/")


@pytest.fixture
def leaders(frozen_now):
    make_official(
        name="Imangali Tasmagambetov",
        name_ru="Имангали Тасмагамбетов",
        slug="imangali-tasmagambetov",
        position="Secretary General",
        position_ru="Генеральный секретарь",
    )
    make_official(
        name="Anatoly Serdyukov",
        name_ru="Анатолий Сердюков",
        slug="anatoly-serdyukov",
        position="Chief of the Joint Staff",
        position_ru="Начальник Объединённого штаба",
    )


NAMES = {
    ENGLISH: {
        "imangali-tasmagambetov": "Imangali Tasmagambetov",
        "anatoly-serdyukov": "Anatoly Serdyukov",
    },
    RUSSIAN: {
        "imangali-tasmagambetov": "Имангали Тасмагамбетов",
        "anatoly-serdyukov": "Анатолий Сердюков",
    },
}


@pytest.mark.parametrize("page", [ENGLISH, RUSSIAN])
@pytest.mark.parametrize(
    ("q", "who"),
    [
        ("Tasmagambetov", "imangali-tasmagambetov"),
        ("Тасмагамбетов", "imangali-tasmagambetov"),
        ("Serdyukov", "anatoly-serdyukov"),
        ("Сердюков", "anatoly-serdyukov"),
        # Any case, in either script (SQLite's own LOWER folds A-Z only).
        ("сердюков", "anatoly-serdyukov"),
        ("ТАСМАГАМБЕТОВ", "imangali-tasmagambetov"),
    ],
)
def test_officials_are_found_by_either_spelling_on_either_page(
    client, leaders, page, q, who
):
    found = results(client, page, q)
    assert [r.kind for r in found] == ["official"]
    # The name as the page's language writes it.
    assert (
        str(found[0].title).replace("<mark>", "").replace("</mark>", "")
        == (NAMES[page][who])
    )
    prefix = "/ru" if page == RUSSIAN else ""
    assert found[0].url == f"{prefix}/officials/{who}/"


@pytest.mark.parametrize("page", [ENGLISH, RUSSIAN])
def test_officials_are_found_by_their_post_in_either_language(client, leaders, page):
    assert titles(client, page, "Генеральный") == [
        NAMES[page]["imangali-tasmagambetov"]
    ]
    assert titles(client, page, "Joint Staff") == [NAMES[page]["anatoly-serdyukov"]]


def test_an_official_without_a_russian_name_shows_the_english_one(client, frozen_now):
    make_official(name="Quasar Person", slug="quasar-person")
    assert titles(client, RUSSIAN, "quasar") == ["Quasar Person"]
    assert titles(client, ENGLISH, "quasar") == ["Quasar Person"]


def test_the_name_found_in_the_pages_language_is_marked(client, leaders):
    [result] = results(client, RUSSIAN, "Тасмагамбетов")
    assert "<mark>Тасмагамбетов</mark>" in result.title


@pytest.fixture
def demo():
    call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("q", "russian_speeches"), [("Tasmagambetov", 0), ("Тасмагамбетов", 1)]
)
def test_the_demo_secretary_general_is_found_from_both_pages(
    client, demo, q, russian_speeches
):
    english = {r.url: str(r.title) for r in results(client, ENGLISH, q)}
    russian = {r.url: str(r.title) for r in results(client, RUSSIAN, q)}
    official = "/officials/imangali-tasmagambetov/"
    assert "Imangali" in english[official]
    assert "Имангали" in russian[f"/ru{official}"]
    # Items are found by their own words: the Russian speech names him in
    # Cyrillic only.
    speeches = [url for url in russian if url.startswith("/ru/speeches/")]
    assert len(speeches) == russian_speeches
