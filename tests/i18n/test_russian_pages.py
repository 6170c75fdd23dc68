"""The public site's interface in Russian under /ru/, and unchanged in English."""

import datetime
import re

import pytest

from tests.factories import make_event, make_news, make_section, make_speech

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)">', body).group(1)


@pytest.fixture
def russian_news(frozen_now):
    section = make_section(name="Security", slug="security")
    return make_news(
        language="ru",
        section=section,
        title="Манёвры «Взаимодействие» прошли в Беларуси",
        slug="ucheniya-vzaimodeystvie",
        summary="Манёвры завершились в срок.",
    )


def test_russian_home_page_speaks_russian(client, russian_news):
    body = page(client, "/ru/")
    assert html_lang(body) == "ru"
    for words in ("Последние новости", "Предстоящие мероприятия", "Все новости"):
        assert words in body
    assert "Перейти к содержанию" in body  # the skip link
    assert "Latest news" not in body and "Skip to content" not in body


def test_russian_news_listing_speaks_russian(client, russian_news):
    body = page(client, "/ru/news/")
    assert html_lang(body) == "ru"
    assert "<h1>Все новости</h1>" in body
    assert "<title>Все новости ·" in body
    assert "1 новость" in body
    assert "Применить" in body and "Текст в заголовке" in body  # the filters
    assert "Все разделы" in body and "Любой месяц" in body
    assert ">Апрель</option>" in body  # months in Russian
    assert russian_news.title in body


def test_a_russian_item_page_speaks_russian(client, russian_news):
    url = russian_news.get_absolute_url()
    assert url.startswith("/ru/news/")
    body = page(client, url)
    assert html_lang(body) == "ru"
    assert "Ко всем новостям" in body and "К разделу" in body
    assert "Back to the section" not in body


def test_russian_search_speaks_russian(client, russian_news):
    # Lower case: SQLite's LIKE folds the case of ASCII letters only.
    make_news(language="ru", title="Совместные учения", section=russian_news.section)
    make_news(language="ru", title="Новые учения", section=russian_news.section)
    body = page(client, "/ru/search/?q=учения")
    assert html_lang(body) == "ru"
    assert "2 результата по запросу «учения»" in body
    assert "<title>Поиск: учения ·" in body
    assert "Все материалы" in body  # the type filter's empty choice
    assert ">Новость</span>" in body  # a result's kind


def test_russian_search_without_results_says_so_in_russian(client, russian_news):
    body = page(client, "/ru/search/?q=нетакогослова")
    assert "По запросу «нетакогослова» ничего не найдено." in body


def test_russian_events_listing_writes_a_range_in_russian(client, frozen_now):
    make_event(
        language="ru",
        title="Учения",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 4, 23),
    )
    make_event(
        language="ru",
        title="Совет",
        starts_on=datetime.date(2024, 4, 30),
        ends_on=datetime.date(2024, 5, 2),
    )
    body = page(client, "/ru/events/")
    assert html_lang(body) == "ru"
    assert "<h1>Мероприятия</h1>" in body
    assert "2 мероприятия" in body
    assert "Прошедшие мероприятия" in body and "Предстоящие мероприятия" in body
    assert "1–23 апреля 2024 г." in body
    assert "30 апреля – 2 мая 2024 г." in body


def test_russian_event_page_writes_its_dates_in_russian(client, frozen_now):
    event = make_event(
        language="ru",
        title="Учения",
        starts_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2025, 1, 2),
    )
    body = page(client, event.get_absolute_url())
    assert "<dt>Когда</dt>" in body
    assert "30 декабря 2024 г. – 2 января 2025 г." in body
    assert "Добавить в календарь" in body


def test_english_pages_are_unchanged(client, frozen_now):
    make_news(title="Exercise held")
    make_event(
        title="Exercise",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 4, 23),
    )
    home = page(client, "/")
    assert html_lang(home) == "en"
    assert "Latest news" in home and "Последние новости" not in home
    news = page(client, "/news/")
    assert "<h1>All news</h1>" in news and "1 news item" in news
    assert ">April</option>" in news
    events = page(client, "/events/")
    assert "1–23 April 2024" in events and "1 event" in events
    search = page(client, "/search/?q=Exercise")
    assert "2 results for “Exercise”" in search


def test_the_404_page_speaks_the_language_of_its_address(client):
    response = client.get("/ru/news/no-such-section/")
    assert response.status_code == 404
    body = response.content.decode()
    assert html_lang(body) == "ru" and "Страница не найдена" in body
    response = client.get("/news/no-such-section/")
    assert "Page not found" in response.content.decode()


def test_russian_feeds_and_calendar_are_titled_in_russian(client, russian_news):
    feed = page(client, "/ru/feeds/news/")
    assert ": новости</title>" in feed
    calendar = page(client, "/ru/events/calendar.ics")
    assert "X-WR-CALNAME:" in calendar and ": мероприятия" in calendar


def test_a_speech_page_in_russian(client, frozen_now):
    speech = make_speech(language="ru", title="Выступление на сессии")
    body = page(client, speech.get_absolute_url())
    assert "Все выступления" in body and "Другие выступления:" in body
