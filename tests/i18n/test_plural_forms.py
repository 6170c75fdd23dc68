"""Numbers shown with the words each language puts after them: Russian has
three forms (1 новость, 2 новости, 5 новостей; 21 новость again)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_event, make_news, make_section

pytestmark = pytest.mark.django_db


def make_many(count, **fields):
    section = make_section()
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(count):
        make_news(
            section=section,
            published_at=start - datetime.timedelta(minutes=n),
            **fields,
        )


@pytest.mark.parametrize(
    ("count", "russian", "english"),
    [
        (1, "1 новость", "1 news item"),
        (2, "2 новости", "2 news items"),
        (5, "5 новостей", "5 news items"),
        (11, "11 новостей", "11 news items"),
        (21, "21 новость", "21 news items"),
        (22, "22 новости", "22 news items"),
    ],
)
def test_the_news_count_takes_the_plural_form_of_its_number(
    client, frozen_now, count, russian, english
):
    make_many(count, language="ru")
    make_many(count, language="en")
    ru = client.get("/ru/news/").content.decode()
    en = client.get("/news/").content.decode()
    assert f'role="status">{russian}</p>' in ru
    assert f'role="status">{english}</p>' in en


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 результат"), (3, "3 результата"), (5, "5 результатов")],
)
def test_search_result_counts_take_the_plural_form(client, frozen_now, count, expected):
    make_many(count, language="ru", title="Заседание совета")
    body = client.get("/ru/search/?q=совета").content.decode()
    assert f"{expected} по запросу «совета»" in body


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 мероприятие"), (4, "4 мероприятия")]
)
def test_the_events_count_in_russian(client, frozen_now, count, expected):
    for n in range(count):
        make_event(language="ru", starts_on=datetime.date(2024, 5, 1 + n))
    body = client.get("/ru/events/").content.decode()
    assert f'role="status">{expected}</p>' in body


def test_pagination_speaks_russian(client, frozen_now):
    make_many(21, language="ru")
    body = client.get("/ru/news/").content.decode()
    assert "Страница 1 из 2" in body and "Следующая ›" in body
    body = client.get("/ru/news/?page=2").content.decode()
    assert "Страница 2 из 2" in body and "‹ Предыдущая" in body
