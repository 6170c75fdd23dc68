"""Listings and search open on their results: the filters wait behind "Filter".

The disclosure is a native <details>: closed unless a filter is set or has an
error (wide screens show the fields anyway, in site.css).
"""

import re

import pytest

from tests.factories import make_news, make_section

pytestmark = pytest.mark.django_db

DISCLOSURE = re.compile(
    r'<details class="filter-disclosure"( open)?>\s*<summary>Filter</summary>'
)
LISTINGS = ["/news/", "/news/csto-news/", "/speeches/", "/statements/", "/events/"]
ERROR_SUMMARY = "Some filters could not be applied"


@pytest.fixture(autouse=True)
def section():
    section = make_section(slug="csto-news", name="CSTO News")
    make_news(section=section, title="Consultations held")
    return section


def disclosure_is_open(response) -> bool:
    assert response.status_code == 200
    [match] = DISCLOSURE.finditer(response.content.decode())
    return match[1] is not None


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize(
    "params", [{}, {"page": "1"}, {"year": ""}, {"q": ""}], ids=str
)
def test_listing_filters_are_closed_when_none_is_set(client, url, params):
    response = client.get(url, params)
    assert not disclosure_is_open(response)
    assert ERROR_SUMMARY not in response.content.decode()


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("params", [{"year": "2024"}, {"q": "consultations"}], ids=str)
def test_listing_filters_are_open_while_one_is_set(client, url, params):
    assert disclosure_is_open(client.get(url, params))


@pytest.mark.parametrize(
    "url, params",
    [
        ("/news/", {"section": "csto-news"}),
        ("/events/", {"when": "past"}),
        ("/events/", {"kind": "session"}),
        ("/news/", {"date_from": "2024-04-24"}),
    ],
)
def test_a_listings_own_filters_open_it_too(client, url, params):
    assert disclosure_is_open(client.get(url, params))


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize(
    "params, message",
    [
        ({"year": "20x4"}, "Enter a whole number."),
        ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "before the start"),
    ],
    ids=["year", "dates"],
)
def test_listing_filters_are_open_with_their_errors_shown(client, url, params, message):
    response = client.get(url, params)
    body = response.content.decode()
    assert disclosure_is_open(response)
    assert ERROR_SUMMARY in body
    assert message in body


@pytest.mark.parametrize(
    "params, is_open, has_error",
    [
        ({}, False, False),
        ({"q": "consultations"}, False, False),  # the words are not a filter
        ({"q": "consultations", "page": "1"}, False, False),
        ({"q": "consultations", "type": "news"}, True, False),
        ({"q": "consultations", "section": "csto-news"}, True, False),
        ({"q": "consultations", "date_from": "2024-04-01"}, True, False),
        ({"q": "consultations", "type": "party"}, True, True),
        ({"q": "consultations", "date_to": "notadate"}, True, True),
    ],
    ids=str,
)
def test_search_filters_are_closed_unless_set_or_wrong(
    client, params, is_open, has_error
):
    response = client.get("/search/", params)
    assert disclosure_is_open(response) is is_open
    assert (ERROR_SUMMARY in response.content.decode()) is has_error
