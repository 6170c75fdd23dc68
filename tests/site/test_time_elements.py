"""<time datetime> as HTML allows it: a date, or a moment to the second with
its offset; never the microseconds of an item published "now"."""

import datetime
import re

import pytest

from tests.factories import (
    make_event,
    make_news,
    make_section,
    make_speech,
    make_statement,
)

pytestmark = pytest.mark.django_db

# HTML's valid date string, or global date and time string (1-3 fraction digits).
HTML_DATE = r"\d{4}-\d{2}-\d{2}"
HTML_DATETIME = (
    rf"{HTML_DATE}T\d{{2}}:\d{{2}}(:\d{{2}}(\.\d{{1,3}})?)?(Z|[+-]\d{{2}}:\d{{2}})"
)
VALID = re.compile(rf"{HTML_DATE}|{HTML_DATETIME}")


def datetimes(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<time datetime="([^"]*)"', response.content.decode())


def test_a_moment_with_microseconds_is_written_to_the_second_in_local_time(
    client, frozen_now
):
    section = make_section(slug="press")
    # 24.04.2024 11:59:59.568917 in Moscow, as an item published "now" is stored.
    when = frozen_now - datetime.timedelta(microseconds=431083)
    item = make_news(section=section, published_at=when, is_featured=True)
    make_news(section=section, published_at=when - datetime.timedelta(days=1))

    pages = ["/", "/news/", "/news/press/", item.get_absolute_url()]
    for url in pages:
        values = datetimes(client.get(url))
        assert "2024-04-24T11:59:59+03:00" in values, url
        assert all(VALID.fullmatch(value) for value in values), (url, values)


def test_dates_of_every_kind_are_plain_dates(client, frozen_now):
    speech = make_speech(delivered_on=datetime.date(2023, 12, 19))
    statement = make_statement(issued_on=datetime.date(2024, 4, 2))
    event = make_event(starts_on=datetime.date(2024, 5, 1))
    for url, date in [
        ("/speeches/", "2023-12-19"),
        (speech.get_absolute_url(), "2023-12-19"),
        ("/statements/", "2024-04-02"),
        (statement.get_absolute_url(), "2024-04-02"),
        ("/events/", "2024-05-01"),
        (event.get_absolute_url(), "2024-05-01"),
        ("/", "2024-05-01"),
    ]:
        values = datetimes(client.get(url))
        assert date in values, url
        assert all(VALID.fullmatch(value) for value in values), (url, values)


def test_search_results_carry_their_dates(client, frozen_now):
    make_news(title="Consultations held", published_at=frozen_now)
    make_speech(title="Consultations speech", delivered_on=datetime.date(2023, 12, 19))
    values = datetimes(client.get("/search/", {"q": "consultations"}))
    assert sorted(values) == ["2023-12-19", "2024-04-24"]
