"""The demo content in both languages: the Russian is the original, the
seed's English its linked, up-to-date translation."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from newsroom.events.models import Event
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.translations import snapshot_of
from newsroom.speeches.models import Speech
from tests.conftest import FIXED_NOW

# Every test here reads the demo as one run of the command left it, loaded once
# for the module (tests/demo/conftest.py) on the frozen clock.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "demo")]
KINDS = [NewsItem, Speech, Event]
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo_clock():
    """The shared load (tests/demo/conftest.py) on this module's frozen clock."""
    return FIXED_NOW


def load():
    out = io.StringIO()
    call_command("load_demo_content", "--no-accounts", stdout=out)
    return out.getvalue()


def english_items():
    return [item for model in KINDS for item in model.objects.filter(language="en")]


def test_every_english_item_translates_a_live_russian_original(client):
    english = english_items()
    assert len(english) == 2 + 1 + 4
    for item in english:
        original = item.translation_of
        assert original is not None, item.slug
        assert original.language == "ru"
        assert original.translation_of is None
        assert original.is_live
        assert original.published_at == item.published_at
        assert CYRILLIC.search(original.title) and not LATIN.search(
            original.title.replace("ОДКБ", "").replace("IX", "").replace("XVI", "")
        ), original.title
        assert CYRILLIC.search(original.summary)
        url = original.get_absolute_url()
        assert url.startswith("/ru/")
        response = client.get(url)
        assert response.status_code == 200
        assert escape(original.title) in response.content.decode()


def test_the_english_is_up_to_date_with_the_russian_it_translates():
    for item in english_items():
        original = type(item).objects.get(pk=item.translation_of_id)
        assert item.source_snapshot == snapshot_of(original)
        assert item.source_snapshot["title"] == original.title


def test_only_the_speech_is_an_unofficial_translation():
    flags = {
        (type(item).__name__, item.unofficial_translation) for item in english_items()
    }
    assert flags == {("NewsItem", False), ("Event", False), ("Speech", True)}
    assert not any(
        model.objects.filter(language="ru", unofficial_translation=True).exists()
        for model in KINDS
    )


def test_the_russian_items_are_linked_to_each_other():
    speech = Speech.objects.get(language="ru")
    news = NewsItem.objects.get(
        translations__slug="ix-training-courses-of-the-csto-member-states"
    )

    assert speech.event.language == "ru"
    assert speech.event.translations.get().slug == (
        "joint-meeting-council-16th-plenary-session-pa-2023"
    )
    assert speech.speaker.name_ru == "Имангали Тасмагамбетов"
    assert news.event.language == "ru"
    assert news.event.title == "IX Учебные курсы государств – членов ОДКБ"
    assert news.section.slug == "csto-news"


def test_the_russian_speech_is_the_whole_address():
    body = Speech.objects.get(language="ru").body

    assert body.startswith("<p>Уважаемый господин Председатель!</p>")
    assert body.endswith("<p>Благодарю за внимание.</p>")
    # Paragraph for paragraph the English, with the same list of treaties.
    assert body.count("<p>") == 48
    assert body.count("<li>") == 3
    assert "«О мерах по развитию системы кризисного реагирования»" in body


def test_russian_slugs_are_transliterated_titles():
    assert NewsItem.objects.get(
        language="ru", title__startswith="В Секретариате"
    ).slug == (
        "v-sekretariate-odkb-sostoyalis-konsultatsii-po-aktualnym-voprosam-kontrolya-nad"
    )
    assert Event.objects.get(language="ru", location="Минск").slug == (
        "sessiya-soveta-kollektivnoy-bezopasnosti-odkb-v-minske"
    )
    for model in KINDS:
        for slug in model.objects.filter(language="ru").values_list("slug", flat=True):
            # Latin words of the title: no Cyrillic, no numeric suffix, no cut word.
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
            assert not re.search(r"-\d+$", slug), slug


OFFICIALS = {
    "imangali-tasmagambetov": ("Имангали Тасмагамбетов", "Генеральный секретарь"),
    "andrei-serdyukov": ("Андрей Сердюков", "Начальник Объединённого штаба ОДКБ"),
}


@pytest.mark.parametrize("slug", OFFICIALS)
def test_officials_have_their_names_and_posts_in_cyrillic(client, slug):
    official = Official.objects.get(slug=slug)
    name, position = OFFICIALS[slug]

    assert (official.name_ru, official.position_ru) == (name, position)
    assert official.name_en != name
    with translation.override("ru"):
        url = official.get_absolute_url()
    page = client.get(url)
    assert url.startswith("/ru/")
    assert page.status_code == 200
    assert name in page.content.decode()
    assert position in page.content.decode()


def test_sections_and_the_identity_have_russian_names(client):
    assert {s.slug: s.name_ru for s in Section.objects.all()} == {
        "csto-news": "Новости ОДКБ",
        "secretary-general": "Генеральный секретарь",
        "parliamentary-assembly": "Парламентская Ассамблея",
    }
    assert all(CYRILLIC.search(s.description_ru) for s in Section.objects.all())
    identity = SiteIdentity.objects.get()
    assert (identity.name_ru, identity.short_name_ru, identity.service_name_ru) == (
        "Организация Договора о коллективной безопасности",
        "ОДКБ",
        "Пресс-служба",
    )
    assert identity.name_en == "Collective Security Treaty Organization"
    home = client.get("/ru/").content.decode()
    assert "В Военной академии Генерального штаба прошли IX Учебные курсы" in home
    assert "Collective Security Treaty Organization" not in home


def rows():
    """Every row of the demo, with the fields a second run could change."""
    return {
        model.__name__: sorted(
            model.objects.values_list(
                "pk", "slug", "language", "translation_of", "edit_version", "title"
            )
        )
        for model in KINDS
    } | {
        "Section": sorted(Section.objects.values_list("pk", "name_en", "name_ru")),
        "Official": sorted(Official.objects.values_list("pk", "name_en", "name_ru")),
        "SiteIdentity": list(SiteIdentity.objects.values_list("pk", "name_ru")),
    }


def test_running_twice_changes_nothing():
    first = rows()

    output = load()

    assert rows() == first
    assert "0 objects created." in output
    assert "completed" not in output


def test_a_database_loaded_before_the_russian_gets_it_on_the_next_run():
    """What the command loaded before the demo had Russian: the English items
    as originals, and no Russian columns."""
    english_pks = {
        model: set(model.objects.filter(language="en").values_list("pk", flat=True))
        for model in KINDS
    }
    for model in KINDS:
        model.objects.filter(language="ru").delete()
        model.objects.update(unofficial_translation=False, source_snapshot=None)
        assert not model.objects.exclude(translation_of=None).exists()
    Section.objects.update(name_ru=None, description_ru=None)
    Official.objects.update(
        name_ru=None, position_ru=None, rank_ru=None, biography_ru=None
    )
    SiteIdentity.objects.update(name_ru=None, short_name_ru=None)
    # A Russian name staff gave meanwhile is theirs.
    Section.objects.filter(slug="csto-news").update(name_ru="Новости Организации")

    output = load()

    assert "completed with their Russian text" in output
    for model in KINDS:
        # The English items are the same rows, now translations.
        assert (
            set(model.objects.filter(language="en").values_list("pk", flat=True))
            == english_pks[model]
        )
    for item in english_items():
        assert item.translation_of.language == "ru"
        assert item.source_snapshot == snapshot_of(item.translation_of)
    assert Speech.objects.get(language="en").unofficial_translation
    assert Section.objects.get(slug="csto-news").name_ru == "Новости Организации"
    assert (
        Section.objects.get(slug="secretary-general").name_ru == "Генеральный секретарь"
    )
    assert Official.objects.get(slug="andrei-serdyukov").rank_ru == "генерал-полковник"
    assert SiteIdentity.objects.get().short_name_ru == "ОДКБ"
    again = rows()
    assert "0 objects created." in load()
    assert rows() == again
