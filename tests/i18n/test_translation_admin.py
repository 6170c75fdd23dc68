"""Translations in the back office (issue 13): "Translate" makes a linked,
pre-filled draft for a translator; each item shows its translations' state
(missing, up to date, outdated with the words changed since); the desk lists
translations to do; the report lists the last 30 days' with their age."""

import datetime

import pytest
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement
from tests.factories import (
    admin_form_data,
    admin_url,
    make_news,
    make_official,
    make_speech,
    make_statement,
    staff,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def people():
    return {
        "eddie": staff(EDITOR, "eddie"),
        "rita": staff(REPORTER, "rita"),
        "ralf": staff(REPORTER, "ralf"),
        "sasha": staff(SITE_ADMINISTRATOR, "sasha"),
        "nobody": staff(None, "nobody"),
    }


@pytest.fixture
def original(clock):
    official = make_official()
    news = make_news(
        language="ru",
        title="Учения «Взаимодействие-2024»",
        summary="Учения прошли в Беларуси.",
        body="<p>Учения объединённых сил прошли успешно.</p>",
        slug="",
    )
    news.officials.set([official])
    return news


def translate_url(item, language):
    return admin_url(type(item), "translate", item.pk, language)


def translate(client, user, item, language="en", translator=None):
    client.force_login(user)
    return client.post(
        translate_url(item, language), {"translator": (translator or user).pk}
    )


def panel(client, item) -> str:
    html = client.get(admin_url(type(item), "change", item.pk)).content.decode()
    start = html.index('class="module translations-panel"')
    return html[start : html.index("</section>", start)]


def test_translate_makes_a_prefilled_linked_draft_for_the_translator(
    client, people, original
):
    client.force_login(people["eddie"])
    form = client.get(translate_url(original, "en"))
    assert form.status_code == 200
    assert "Create the translation" in form.content.decode()

    response = translate(client, people["eddie"], original, translator=people["rita"])
    english = NewsItem.objects.get(translation_of=original)
    assert response.status_code == 302
    assert response["Location"] == admin_url(NewsItem, "change", english.pk)
    assert english.language == "en" and english.status == Status.DRAFT
    assert english.created_by == people["rita"]
    assert (english.title, english.summary, english.body) == (
        original.title,
        original.summary,
        original.body,
    )
    assert english.section == original.section
    assert list(english.officials.all()) == list(original.officials.all())
    assert english.unofficial_translation is False  # news: off by default
    assert english.slug == f"{original.slug}-en"
    assert not english.is_live


@pytest.mark.parametrize(
    ("factory", "model"), [(make_speech, Speech), (make_statement, Statement)]
)
def test_speeches_and_statements_are_unofficial_translations_by_default(
    client, people, factory, model, clock
):
    item = factory(language="ru", title="Заявление", slug="")
    translate(client, people["eddie"], item)
    assert model.objects.get(translation_of=item).unofficial_translation is True


def test_the_slug_follows_the_translated_title_until_published(
    client, people, original
):
    translate(client, people["eddie"], original, translator=people["rita"])
    english = NewsItem.objects.get(translation_of=original)
    client.force_login(people["rita"])
    url = admin_url(NewsItem, "change", english.pk)
    data = admin_form_data(client.get(url), title="Interaction-2024 exercise")
    assert client.post(url, data).status_code == 302
    english.refresh_from_db()
    assert english.slug == "interaction-2024-exercise"


def test_the_original_shows_each_state_missing_up_to_date_outdated(
    client, people, original, clock
):
    client.force_login(people["eddie"])
    shown = panel(client, original)
    assert "Missing" in shown and "Translate into English" in shown

    translate(client, people["eddie"], original)
    english = NewsItem.objects.get(translation_of=original)
    assert "Up to date" in panel(client, original)

    # Publishing the original or re-saving it unchanged is no change of text.
    clock(hours=1)
    url = admin_url(NewsItem, "change", original.pk)
    client.post(url, admin_form_data(client.get(url)))
    assert "Up to date" in panel(client, original)

    clock(hours=1)
    changed = "<p>Учения объединённых сил прошли успешно в Беларуси.</p>"
    client.post(url, admin_form_data(client.get(url), body=changed))
    shown = panel(client, original)
    assert "Outdated" in shown and english.title in shown

    client.force_login(people["eddie"])
    on_translation = panel(client, english)
    assert "Outdated" in on_translation
    assert "<ins>в Беларуси</ins>" in on_translation
    assert "Brought up to date with the original" in on_translation


def test_ticking_brought_up_to_date_makes_it_up_to_date(client, people, original):
    translate(client, people["eddie"], original, translator=people["rita"])
    english = NewsItem.objects.get(translation_of=original)
    original.summary = "Учения прошли в Беларуси и России."
    original.save()

    client.force_login(people["rita"])
    url = admin_url(NewsItem, "change", english.pk)
    page = client.get(url)
    assert "<ins>и России</ins>" in panel(client, english)
    data = admin_form_data(
        page, summary="The exercise took place in Belarus and Russia."
    )
    data["translation_up_to_date"] = "on"
    assert client.post(url, data).status_code == 302
    assert "Up to date" in panel(client, english)
    assert "translation_up_to_date" not in client.get(url).content.decode()


def test_saving_a_translation_without_the_tick_keeps_it_outdated(
    client, people, original
):
    translate(client, people["eddie"], original, translator=people["rita"])
    english = NewsItem.objects.get(translation_of=original)
    original.title = "Учения «Взаимодействие-2025»"
    original.save()
    client.force_login(people["rita"])
    url = admin_url(NewsItem, "change", english.pk)
    client.post(url, admin_form_data(client.get(url), title="Interaction exercise"))
    assert "Outdated" in panel(client, english)


def test_a_reporter_translates_only_for_themselves(client, people, original):
    response = translate(client, people["rita"], original, translator=people["ralf"])
    assert response.status_code == 200  # a form error: not theirs to give out
    assert not NewsItem.objects.filter(translation_of=original).exists()
    assert translate(client, people["rita"], original).status_code == 302
    assert NewsItem.objects.get(translation_of=original).created_by == people["rita"]


@pytest.mark.parametrize(
    ("who", "status"), [("nobody", 403), ("rita", 302), ("eddie", 302), ("sasha", 302)]
)
def test_who_may_translate(client, people, original, who, status):
    assert translate(client, people[who], original).status_code == status


def test_a_reporter_may_not_translate_a_colleagues_draft(client, people, clock):
    draft = make_news(
        language="ru", title="Черновик", slug="", status=Status.DRAFT,
        created_by=people["ralf"],
    )  # fmt: skip
    assert translate(client, people["rita"], draft).status_code == 404


@pytest.mark.parametrize("language", ["ru", "de", "xx", "RU", "en-"])
def test_no_translation_into_its_own_or_an_unknown_language(
    client, people, original, language
):
    client.force_login(people["eddie"])
    assert client.get(translate_url(original, language)).status_code == 404


def test_translate_twice_leads_to_the_existing_translation(client, people, original):
    translate(client, people["eddie"], original)
    english = NewsItem.objects.get(translation_of=original)
    again = translate(client, people["eddie"], original)
    assert again["Location"] == admin_url(NewsItem, "change", english.pk)
    assert NewsItem.objects.filter(translation_of=original).count() == 1


def test_a_translation_of_a_translation_links_to_the_original(
    client, people, settings, clock
):
    settings.LANGUAGES = [*settings.LANGUAGES, ("kk", "Қазақша")]
    original = make_news(language="en", title="Summit held", slug="")
    russian = make_news(language="ru", translation_of=original, title="Саммит", slug="")
    client.force_login(people["sasha"])
    # "Translate" on the translation is "Translate" on the original.
    response = client.get(translate_url(russian, "ru"))
    assert response["Location"] == admin_url(NewsItem, "change", russian.pk)
    translate(client, people["sasha"], russian, language="kk")
    kazakh = NewsItem.objects.get(language="kk")
    assert kazakh.translation_of == original
    # Saved pointing at a translation, an item points at the original.
    kazakh.translation_of = russian
    kazakh.save()
    kazakh.refresh_from_db()
    assert kazakh.translation_of == original


# --- The desk and the report ------------------------------------------------------


def desk_block(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.context["translations_to_do"], response.content.decode()


def test_the_desk_lists_missing_and_outdated_translations(client, people, clock):
    missing = make_news(language="ru", title="Без перевода", slug="")
    done = make_news(language="ru", title="Переведено", slug="")
    english = make_news(language="en", translation_of=done, title="Translated", slug="")
    from newsroom.publishing.translations import bring_up_to_date

    bring_up_to_date(english)
    block, page = desk_block(client, people["eddie"])
    assert [e.original_title for e in block["entries"]] == ["Без перевода"]
    assert block["count"] == 1
    assert "Translations to do" in page

    clock(days=1)
    done.body = "<p>Новый текст.</p>"
    done.save()
    block, _ = desk_block(client, people["eddie"])
    states = {(e.original_title, e.state) for e in block["entries"]}
    assert states == {("Без перевода", "missing"), ("Переведено", "outdated")}
    outdated = next(e for e in block["entries"] if e.state == "outdated")
    assert outdated.translation_url == admin_url(NewsItem, "change", english.pk)
    assert missing.pk


def test_older_than_thirty_days_is_not_to_do(client, people, clock):
    make_news(language="ru", title="Старое", slug="")
    clock(days=31)
    block, _ = desk_block(client, people["eddie"])
    assert block["count"] == 0


def test_a_reporter_sees_only_their_own_translations_to_do(client, people, clock):
    make_news(language="ru", title="Чужое", slug="", created_by=people["ralf"])
    make_news(language="ru", title="Своё", slug="", created_by=people["rita"])
    block, page = desk_block(client, people["rita"])
    assert [e.original_title for e in block["entries"]] == ["Своё"]
    assert "Чужое" not in page


def test_the_report_lists_with_age_and_filters(client, people, clock):
    make_news(language="ru", title="Первое", slug="")
    clock(days=2)
    make_news(language="en", title="Second", slug="")
    clock(days=1)
    client.force_login(people["eddie"])
    url = reverse("admin:translations_report")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Первое") < html.index("Second")  # oldest first
    assert "3\xa0days" in html or "3 days" in html
    only_en = client.get(url, {"language": "en"}).content.decode()
    assert "Первое" in only_en and "Second" not in only_en
    outdated_only = client.get(url, {"state": "outdated"}).content.decode()
    assert "Первое" not in outdated_only
    # A value not offered is ignored, not an error page.
    for bad in ({"language": "zz"}, {"state": "<script>"}, {"page": "999"}):
        assert client.get(url, bad).status_code == 200


def test_the_report_is_for_staff_with_a_kind(client, people):
    url = reverse("admin:translations_report")
    client.force_login(people["nobody"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_desk_and_report_cost_the_same_queries_whatever_the_rows(
    client, people, clock, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["eddie"])
    url = reverse("admin:translations_report")

    def queries():
        counts = []
        for path in (reverse("admin:index"), url):
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            counts.append(len(captured))
        return counts

    make_news(language="ru", title="Одно", slug="")
    few = queries()
    for n in range(30):
        make_news(language="ru", title=f"Новость {n}", slug="")
    assert queries() == few
