"""Slugs of titles in any script, and the links between an original and its
translations (issue 13): readable transliteration, never empty, never cut
mid-word, readable suffixes before numbers; one translation per language, a
translation of a translation linked to the original."""

import datetime

import pytest

from newsroom.news.models import NewsItem
from newsroom.publishing.languages import SLUG_MAX_LENGTH
from tests.factories import (
    add_form_data,
    admin_form_data,
    admin_url,
    make_news,
    make_section,
)

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2024, 4, 24, 9, 0, tzinfo=datetime.UTC)


def news(title, language="ru", **fields):
    return make_news(
        title=title, language=language, slug="", published_at=DAY, **fields
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Учения «Взаимодействие-2024»", "ucheniya-vzaimodeystviye-2024"),
        ("Пресс-служба ОДКБ", "press-sluzhba-odkb"),
        ("Саммит ОДКБ 2024 — CSTO summit 🚀", "sammit-odkb-2024-csto-summit"),
        ("Генеральный секретарь ОДКБ Имангали Тасмагамбетов",
         "generalny-sekretar-odkb-imangali-tasmagambetov"),
        ("Council of Foreign Ministers", "council-of-foreign-ministers"),
    ],
)  # fmt: skip
def test_a_title_in_any_script_gives_a_readable_slug(title, slug):
    assert news(title).slug == slug


@pytest.mark.parametrize("title", ["🚀🔥", "«»—…", "   "])
def test_a_title_with_nothing_to_transliterate_still_gives_a_slug(title):
    item = make_news(title=title or "x", language="ru", slug="")
    assert item.slug == "news-item"


def test_a_long_title_is_cut_at_a_word():
    title = (
        "В Секретариате ОДКБ состоялись консультации по актуальным вопросам "
        "контроля над вооружениями, разоружения и нераспространения"
    )
    slug = news(title).slug
    assert len(slug) <= SLUG_MAX_LENGTH and not slug.endswith("-")
    assert slug == (  # whole words only
        "v-sekretariate-odkb-sostoyalis-konsultatsii-po-aktualnym-voprosam-kontrolya-nad"
    )


def test_a_taken_slug_gets_a_readable_suffix_before_a_number():
    first = news("Саммит ОДКБ", language="en")  # a title kept as it was typed
    russian = news("Саммит ОДКБ")
    same_day = news("Саммит ОДКБ")
    again = news("Саммит ОДКБ")
    assert first.slug == "sammit-odkb"
    assert russian.slug == "sammit-odkb-ru"
    assert same_day.slug == "sammit-odkb-2024-04-24"
    assert again.slug == "sammit-odkb-2"


def test_the_admin_makes_the_slug_when_it_is_left_empty(admin_client):
    data = add_form_data(NewsItem) | {
        "title": "Заседание Совета министров иностранных дел",
        "slug": "",
        "language": "ru",
    }
    response = admin_client.post(admin_url(NewsItem, "add"), data)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.slug == "zasedaniye-soveta-ministrov-inostrannykh-del"
    assert item.get_absolute_url().startswith("/ru/news/")


# --- Links between an original and its translations ----------------------------


def post_translation(admin_client, original, **changes):
    data = add_form_data(NewsItem) | {
        "title": "Translation",
        "slug": "",
        "language": "en",
        "translation_of": original.pk,
    }
    return admin_client.post(admin_url(NewsItem, "add"), data | changes)


def errors(response):
    return response.context["adminform"].form.errors


def test_one_translation_per_language(admin_client, clock):
    original = news("Оригинал", section=make_section())
    assert post_translation(admin_client, original).status_code == 302
    second = post_translation(admin_client, original, title="Another")
    assert second.status_code == 200
    assert "already has a translation" in str(errors(second))
    assert NewsItem.objects.filter(translation_of=original).count() == 1


def test_a_translation_is_in_another_language(admin_client, clock):
    original = news("Оригинал")
    response = post_translation(admin_client, original, language="ru")
    assert response.status_code == 200
    assert "language" in errors(response)


def test_an_item_is_not_its_own_translation(admin_client, clock):
    item = news("Оригинал")
    url = admin_url(NewsItem, "change", item.pk)
    data = admin_form_data(admin_client.get(url), translation_of=item.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "translation_of" in errors(response)


def test_a_translation_of_a_translation_is_linked_to_the_original(settings, clock):
    settings.LANGUAGES = [*settings.LANGUAGES, ("kk", "Қазақша")]
    original = news("Оригинал")
    english = news("Original", language="en", translation_of=original)
    kazakh = news("Түпнұсқа", language="kk", translation_of=english)
    assert kazakh.translation_of == original
    assert set(original.translations.all()) == {english, kazakh}


def test_a_deleted_original_leaves_its_translations_as_originals(clock):
    original = news("Оригинал")
    english = news("Original", language="en", translation_of=original)
    original.delete()
    english.refresh_from_db()
    assert english.translation_of is None and english.is_live
