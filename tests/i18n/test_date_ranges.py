"""Event dates as each language writes them: one function (and the
`date_range` filter the templates use), the same rules in English and Russian."""

import datetime

import pytest
from django.utils import translation

from newsroom.events.templatetags.event_dates import date_range, long_date

D = datetime.date

CASES = {
    "one day": (D(2024, 4, 24), D(2024, 4, 24)),
    "one day, no end": (D(2024, 4, 24), None),
    "one month": (D(2024, 4, 1), D(2024, 4, 23)),
    "one year": (D(2024, 4, 30), D(2024, 5, 2)),
    "two years": (D(2024, 12, 30), D(2025, 1, 2)),
}
EXPECTED = {
    "en": {
        "one day": "24.04.2024",
        "one day, no end": "24.04.2024",
        "one month": "1–23 April 2024",
        "one year": "30 April – 2 May 2024",
        "two years": "30 December 2024 – 2 January 2025",
    },
    "ru": {
        "one day": "24.04.2024",
        "one day, no end": "24.04.2024",
        "one month": "1–23 апреля 2024 г.",
        "one year": "30 апреля – 2 мая 2024 г.",
        "two years": "30 декабря 2024 г. – 2 января 2025 г.",
    },
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_date_range_is_written_as_the_language_writes_it(language, case):
    start, end = CASES[case]
    with translation.override(language):
        assert date_range(start, end) == EXPECTED[language][case]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "9 May 2024"), ("ru", "9 мая 2024 г.")],
)
def test_a_day_in_words_has_the_month_as_it_stands_beside_a_day(language, expected):
    # Russian names the month in the genitive beside a day ("мая", not "май").
    with translation.override(language):
        assert long_date(D(2024, 5, 9)) == expected
