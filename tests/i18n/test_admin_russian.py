"""The back office in Russian: a staff member who chose Russian (the language
cookie set by the switch in the header) or whose browser asks for it reads the
desk, the lists, the forms, the workflow and the messages in Russian; in
English nothing changes."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from newsroom.accounts.roles import EDITOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import add_form_data, admin_url, make_news, staff

pytestmark = pytest.mark.django_db

RUSSIAN = {settings.LANGUAGE_COOKIE_NAME: "ru"}


@pytest.fixture
def editor(db):
    return staff(EDITOR, "eddie.editor")


@pytest.fixture
def russian(client, editor):
    """The editor's browser after choosing Русский in the header."""
    client.force_login(editor)
    client.cookies.load(RUSSIAN)
    return client


@pytest.fixture
def english(client, editor):
    client.force_login(editor)
    return client


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_the_desk_is_in_russian(russian, frozen_now):
    make_news(title="Учения «Взаимодействие»", status=Status.IN_REVIEW)
    html = page(russian, reverse("admin:index"))
    assert '<html lang="ru"' in html
    for text in [
        "Ожидают проверки",
        "Запланировано на ближайшие 7 дней",
        "Мои черновики",
        "Опубликовано за последние 7 дней",
        "Все разделы редакционной системы",
        "Мои уведомления",
        "Двухфакторный вход",
        "Везде указано время московское.",
        "Редакционная система",
    ]:
        assert text in html, text
    for text in ["Awaiting review", "My drafts", "All times are"]:
        assert text not in html, text


def test_the_list_of_news_is_in_russian(russian, frozen_now):
    make_news(title="Заседание Совета", status=Status.DRAFT, published_at=None)
    html = page(russian, admin_url(NewsItem, "changelist"))
    for text in [
        "Новости",  # the app and the list
        "Публикация (время московское)",  # the time column
        "Черновик",  # the status column
        "Отправить выбранные материалы на проверку",  # the bulk actions
        "Опубликовать выбранные материалы сейчас (или в назначенное время)",
        "Удалить выбранные материалы",
        "Ожидают проверки",  # the workflow filter
    ]:
        assert text in html, text
    assert "Publish selected items now" not in html
    assert "Draft<" not in html


def test_the_form_of_a_news_item_is_in_russian(russian, frozen_now):
    item = make_news(status=Status.DRAFT, published_at=None)
    html = page(russian, admin_url(NewsItem, "change", item.pk))
    for text in [
        ">Публикация</h2>",  # the fieldsets' titles
        "Связанные материалы",  # a fieldset's title
        "Заголовок",  # a name Django derives from the field ("title")
        "Главное изображение",
        "Посетители видят материал, только когда его статус",  # a help text
        "Сохранить и отправить на проверку",  # the workflow buttons
        "Сохранить и опубликовать",
        "Запланировать…",
        "Редакционные примечания",
        "Примечаний пока нет.",
    ]:
        assert text in html, text
    for text in ["Save and publish", "Visitors see the item only", "No notes yet."]:
        assert text not in html, text


def test_a_refused_time_is_explained_in_russian(russian, frozen_now):
    data = add_form_data(NewsItem) | {"published_at": "2024-04-24 12:00"}
    response = russian.post(admin_url(NewsItem, "add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Введите время в виде дд.мм.гггг ЧЧ:ММ (время московское), "
        "например 24.04.2024 12:00." in html
    )
    assert not NewsItem.objects.exists()


def test_returning_without_a_note_is_refused_in_russian(russian, frozen_now):
    item = make_news(title="Учения ОДКБ", status=Status.IN_REVIEW, published_at=None)
    form = page(russian, admin_url(NewsItem, "change", item.pk))
    assert "Вернуть автору" in form
    # The bulk way: an item in review cannot be returned from the list.
    response = russian.post(
        admin_url(NewsItem, "changelist"),
        {"action": "unpublish", "_selected_action": [item.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Ничего не возвращено в черновики: «Учения ОДКБ» на проверке." in html
    assert "на проверке. Вернуть материал автору можно на его странице" in html
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (1, "1 материал опубликован."),
        (2, "2 материала опубликованы."),
        (5, "5 материалов опубликовано."),
    ],
)
def test_a_bulk_publication_counts_in_russian(russian, frozen_now, count, message):
    items = [make_news(status=Status.DRAFT, published_at=None) for _ in range(count)]
    response = russian.post(
        admin_url(NewsItem, "changelist"),
        {"action": "publish_now", "_selected_action": [i.pk for i in items]},
        follow=True,
    )
    assert message in response.content.decode()
    assert NewsItem.objects.filter(status=Status.PUBLISHED).count() == count


def test_the_english_back_office_is_unchanged(english, frozen_now):
    item = make_news(status=Status.DRAFT, published_at=None)
    desk = page(english, reverse("admin:index"))
    assert '<html lang="en"' in desk
    assert "Awaiting review" in desk
    assert "All times are Moscow time." in desk
    form = page(english, admin_url(NewsItem, "change", item.pk))
    for text in ["Save and publish", "Publishing", "Visitors see the item only"]:
        assert text in form, text
    assert "Сохранить" not in form


def test_the_browser_language_is_followed_in_the_back_office_only(client, editor):
    client.force_login(editor)
    admin = client.get(reverse("admin:index"), headers={"accept-language": "ru"})
    assert admin["Content-Language"] == "ru"
    assert "Ожидают проверки" in admin.content.decode()
    assert "Accept-Language" in admin["Vary"] and "Cookie" in admin["Vary"]
    # A public page without a prefix stays in the default language.
    public = client.get("/news/", headers={"accept-language": "ru"})
    assert public.status_code == 200
    assert public["Content-Language"] == "en"


def test_the_admin_scripts_catalogue_is_russian(russian):
    response = russian.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    # The catalogue is JSON inside the script, non-ASCII escaped.
    for english, russian_text in [
        ("The autosave was discarded.", "Автосохранение удалено."),
        (
            "Autosave could not reach the server; it will try again.",
            "Автосохранению не удалось связаться с сервером; попытка будет повторена.",
        ),
    ]:
        assert json.dumps(english) in body
        assert json.dumps(russian_text) in body


def test_every_admin_page_loads_the_scripts_catalogue(russian, frozen_now):
    item = make_news(status=Status.DRAFT, published_at=None)
    html = page(russian, admin_url(NewsItem, "change", item.pk))
    assert f'<script src="{reverse("admin:jsi18n")}"></script>' in html
    assert "nothing-lost.js" in html


def test_a_staff_member_switches_to_russian_and_back(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    desk = browser.get(reverse("admin:index"))
    html = desk.content.decode()
    switch = reverse("set_language")
    assert f'action="{switch}" method="post"' in html
    assert 'name="language" value="ru" lang="ru">Русский</button>' in html
    token = desk.cookies[settings.CSRF_COOKIE_NAME].value
    chosen = browser.post(
        switch,
        {"language": "ru", "next": "/admin/", "csrfmiddlewaretoken": token},
    )
    assert chosen.status_code == 302
    assert chosen["Location"] == "/admin/"
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    html = browser.get(reverse("admin:index")).content.decode()
    assert "Ожидают проверки" in html
    assert 'name="language" value="en" lang="en">English</button>' in html
    back = browser.post(
        switch, {"language": "en", "next": "/admin/", "csrfmiddlewaretoken": token}
    )
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Awaiting review" in browser.get(reverse("admin:index")).content.decode()


def test_the_switch_refuses_a_post_without_the_csrf_token(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    refused = browser.post(
        reverse("set_language"), {"language": "ru", "next": "/admin/"}
    )
    assert refused.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in refused.cookies
    html = browser.get(reverse("admin:index")).content.decode()
    assert "Awaiting review" in html
