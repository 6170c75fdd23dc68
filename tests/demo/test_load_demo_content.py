import datetime
import io

import pytest
from django.core.management import call_command

from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.speeches.models import Speech

# Every test here reads the demo as one run of the command left it, loaded once
# for the module (tests/demo/conftest.py); the demo's accounts and
# generate_content start from an empty database (test_demo_accounts.py,
# test_generate_content.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
MODELS = [Section, NewsItem, Speech, Event, Official, Appointment]


def load(*args):
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_seed_page_becomes_content(client):
    # Each item in Russian (the original) and English (its translation).
    assert counts() == {
        "Section": 3,
        "NewsItem": 4,
        "Speech": 2,
        "Event": 8,
        "Official": 2,
        "Appointment": 1,
    }
    assert NewsItem.objects.live().count() == 4
    assert {n.published_at.date() for n in NewsItem.objects.all()} == {
        datetime.date(2024, 4, 24)
    }
    courses = Event.objects.get(slug="ix-training-courses-2024")
    for event in (courses, courses.translation_of):
        assert (event.starts_on, event.ends_on) == (
            datetime.date(2024, 4, 1),
            datetime.date(2024, 4, 23),
        )
    assert Official.objects.get(slug="andrei-serdyukov").rank == "Colonel-General"
    speech = Speech.objects.get(language="en")
    assert speech.speaker.position == "Secretary General"
    assert speech.delivered_on == datetime.date(2023, 12, 19)
    assert speech.event.slug == "joint-meeting-council-16th-plenary-session-pa-2023"


def test_the_speech_keeps_its_paragraphs_and_list_of_treaties():
    body = Speech.objects.get(language="en").body

    assert body.startswith("<p>Dear Chairman</p>")
    assert body.endswith("<p>Thank you for your attention.</p>")
    assert body.count("<ul>") == 1
    assert body.count("<li>") == 3
    assert "<li>Agreement on joint logistical and medical support for the CSTO " in body
    assert body.count("<p>") == 48  # every paragraph of the seed speech
    assert "“On measures to develop a crisis response system”" in body


# The widest each picture is shown on a page, in CSS pixels: a lead image in its
# 46rem column, a portrait on an official's page (templates/, `sizes`).
LEAD_IMAGE_SHOWN, PORTRAIT_SHOWN = 736, 240


ALT_TEXT = {
    "en": ("Illustration (not a photograph)", "Illustration"),
    "ru": ("Иллюстрация (не фотография)", "Иллюстрация"),
}


def test_the_pictures_are_plainly_placeholders_large_enough_for_the_pages():
    illustrated = [*NewsItem.objects.all(), *Event.objects.all()]
    assert len(illustrated) == 12
    for item in illustrated:
        assert (item.lead_image_alt, item.lead_image_caption) == ALT_TEXT[item.language]
        renditions = item.lead_image_renditions
        assert renditions["width"] > LEAD_IMAGE_SHOWN
        # Through the upload pipeline: a phone-sized copy, and WebP for all sizes.
        assert {(s["width"], s["format"]) for s in renditions["sources"]} >= {
            (480, "WEBP"),
            (renditions["width"], "WEBP"),
        }
    for official in Official.objects.all():
        assert official.portrait_alt_en == "Portrait placeholder (not a photograph)"
        assert official.portrait_alt_ru == "Заглушка вместо портрета (не фотография)"
        assert official.portrait_renditions["width"] >= 2 * PORTRAIT_SHOWN


def test_running_twice_adds_nothing_twice():
    first = counts()
    output = load("--no-accounts")
    assert counts() == first
    assert "0 objects created" in output


def test_running_again_never_overwrites_what_staff_changed():
    item = NewsItem.objects.get(slug="ix-training-courses-of-the-csto-member-states")
    item.title = "Edited by staff"
    item.save()
    official = Official.objects.get(slug="andrei-serdyukov")
    official.appointments.all().delete()

    load("--no-accounts")

    item.refresh_from_db()
    assert item.title == "Edited by staff"
    assert not official.appointments.exists()


def test_demo_pages_are_served(client):
    for obj in [*NewsItem.objects.all(), *Speech.objects.all(), *Event.objects.all()]:
        assert client.get(obj.get_absolute_url()).status_code == 200
    home = client.get("/").content.decode()
    assert "24.04.2024" in home
    assert "Imangali Tasmagambetov" in home
