"""A third language is a line in settings.LANGUAGES plus a catalogue: shown with
German, its catalogue compiled by msgfmt into a folder of LOCALE_PATHS.

Django's own receivers of `setting_changed` (which pytest-django's `settings`
fixture sends) empty the caches this depends on: the catalogues loaded
(trans_real._translations), the languages known (get_languages,
get_supported_language_variant, check_for_language) and the catalogues found
(translation_catalog_exists). URL resolvers keep their patterns per active
language, so /de/ needs nothing cleared there. The last test checks that
nothing of German is left once the settings are back.
"""

import re
import subprocess

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from tests.factories import make_news

pytestmark = pytest.mark.django_db

GERMAN = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "All news"
msgstr "Alle Nachrichten"

msgid "%(counter)s news item"
msgid_plural "%(counter)s news items"
msgstr[0] "%(counter)s Nachricht"
msgstr[1] "%(counter)s Nachrichten"
"""


def german_catalogue(folder):
    """A LOCALE_PATHS folder holding the tiny German catalogue, compiled."""
    po = folder / "de" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(GERMAN, encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],
        check=True,
    )
    return folder


@pytest.fixture
def german(settings, tmp_path):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    settings.LOCALE_PATHS = [german_catalogue(tmp_path), *settings.LOCALE_PATHS]


def test_a_language_added_in_settings_serves_its_pages(client, frozen_now, german):
    make_news(language="de", title="Übung abgeschlossen")
    make_news(language="de", title="Zweite Übung")
    make_news(language="en", title="Exercise held")
    response = client.get("/de/news/")
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<html lang="de">', body)
    assert "<h1>Alle Nachrichten</h1>" in body
    assert 'role="status">2 Nachrichten</p>' in body  # its own plural forms
    assert "Übung abgeschlossen" in body and "Exercise held" not in body
    # A string the tiny catalogue lacks falls back to the source (English).
    assert "Apply filters" in body
    # Django's own catalogue for the language comes with it (the months).
    assert ">April</option>" in body
    # The other languages are as they were.
    assert "<h1>Все новости</h1>" in client.get("/ru/news/").content.decode()
    assert "<h1>All news</h1>" in client.get("/news/").content.decode()


def test_an_item_of_the_added_language_is_at_its_address(client, frozen_now, german):
    item = make_news(language="de", title="Übung", slug="uebung")
    assert item.get_absolute_url().startswith("/de/news/")
    body = client.get(item.get_absolute_url()).content.decode()
    assert '<html lang="de">' in body and "Übung" in body


def test_without_the_settings_line_the_language_is_gone(client, frozen_now, tmp_path):
    """Nothing of German outlives its settings: no cached language, catalogue
    or URL pattern keeps /de/ alive."""
    make_news(language="en", title="Exercise held")
    folder = german_catalogue(tmp_path)
    with override_settings(
        LANGUAGES=[*settings.LANGUAGES, ("de", "Deutsch")],
        LOCALE_PATHS=[folder, *settings.LOCALE_PATHS],
    ):
        assert "Alle Nachrichten" in client.get("/de/news/").content.decode()
    assert client.get("/de/news/").status_code == 404
    assert "<h1>All news</h1>" in client.get("/news/").content.decode()
    with translation.override("de"):
        assert translation.gettext("All news") == "All news"
