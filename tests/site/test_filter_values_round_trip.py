"""Filter forms show back what they applied, in the input's own format: a date
typed as the site writes it (24.04.2024) comes back as the ISO date a date
picker can show, and a value that cannot be read comes back empty beside its
error, never as a value the browser would blank out and drop on the next
submit."""

import datetime
from html.parser import HTMLParser

import pytest

from tests.factories import (
    DATED_BUILDERS,
    make_dated,
    make_section,
)

pytestmark = pytest.mark.django_db

DATED_LISTINGS = [
    "/news/",
    "/news/csto-news/",
    "/speeches/",
    "/events/",
    "/statements/",
]
DATE_FORMS = [*DATED_LISTINGS, "/search/?q=sample&"]


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "name" in attrs:
            self.inputs[attrs["name"]] = attrs


def inputs(response) -> dict[str, dict]:
    """{name: attributes} of the page's <input> elements."""
    assert response.status_code == 200
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.inputs


def get(client, url, query):
    return client.get(f"{url}{'&' if '?' in url else '?'}{query}")


@pytest.fixture(autouse=True)
def section():
    return make_section(slug="csto-news")


@pytest.mark.parametrize("url", DATE_FORMS)
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("24.04.2024", "2024-04-24"),
        ("2024-04-24", "2024-04-24"),
        ("%2024.04.2024%20", "2024-04-24"),  # spaces around it
    ],
)
def test_a_date_in_an_accepted_format_comes_back_as_an_iso_date(
    client, url, typed, shown
):
    page = inputs(get(client, url, f"date_from={typed}&date_to=30.04.2024"))
    assert page["date_from"]["type"] == "date"
    assert page["date_from"]["value"] == shown
    assert page["date_to"]["value"] == "2024-04-30"
    assert "aria-invalid" not in page["date_from"]


@pytest.mark.parametrize("url", DATE_FORMS)
@pytest.mark.parametrize("typed", ["2024-13-45", "31.02.2024", "24/04/2024", "soon"])
def test_a_date_that_cannot_be_read_is_an_error_and_an_empty_input(client, url, typed):
    response = get(client, url, f"date_from={typed}")
    field = inputs(response)["date_from"]
    assert "value" not in field
    assert field["aria-invalid"] == "true"
    assert "Enter a valid date." in response.content.decode()


@pytest.mark.parametrize("url", DATED_LISTINGS)
@pytest.mark.parametrize(
    ("typed", "shown"), [("2024", "2024"), ("%202024%20", "2024"), ("2024.0", "2024")]
)
def test_a_year_comes_back_as_a_number(client, url, typed, shown):
    assert inputs(get(client, url, f"year={typed}"))["year"]["value"] == shown


@pytest.mark.parametrize("url", DATED_LISTINGS)
@pytest.mark.parametrize("typed", ["abc", "20x4", "1e3", "20 24"])
def test_a_year_that_is_not_a_number_is_an_error_and_an_empty_input(client, url, typed):
    response = get(client, url, f"year={typed}")
    field = inputs(response)["year"]
    assert field["type"] == "number"
    assert "value" not in field
    assert "Enter a whole number." in response.content.decode()


def test_a_year_out_of_range_is_shown_with_its_error(client):
    response = get(client, "/news/", "year=1800")
    assert inputs(response)["year"]["value"] == "1800"
    assert "greater than or equal to 1900" in response.content.decode()


@pytest.mark.parametrize("url", DATED_BUILDERS)
def test_submitting_the_form_again_keeps_the_filters(client, url):
    make_dated(url, "Before", datetime.date(2024, 4, 20))
    make_dated(url, "In the range", datetime.date(2024, 4, 24))
    make_dated(url, "After", datetime.date(2024, 4, 28))
    first = client.get(url, {"date_from": "23.04.2024", "date_to": "25.04.2024"})
    shown = inputs(first)
    # What the browser sends when the visitor presses "Apply" again.
    again = client.get(
        url,
        {name: shown[name].get("value", "") for name in ("date_from", "date_to")},
    )
    titles = [[item.title for item in r.context["page_obj"]] for r in (first, again)]
    assert titles == [["In the range"], ["In the range"]]
