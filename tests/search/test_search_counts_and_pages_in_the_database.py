"""/search/ counts and pages in the database: one query counts the matches of
every kind, one fetches the page's rows, and only those rows are highlighted."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_news, make_section, make_speech

pytestmark = pytest.mark.django_db


def make_matches(news, speeches):
    section = make_section()
    now = timezone.now()
    for n in range(news):
        make_news(
            section=section,
            title=f"Quasar news {n}",
            published_at=now - datetime.timedelta(hours=n + 1),
        )
    for n in range(speeches):
        make_speech(title=f"Quasar speech {n}")


def queries_of(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "quasar", **params})
    assert response.status_code == 200
    return response, len(queries)


def test_the_count_covers_every_kind_and_pages_split_it(client):
    make_matches(news=23, speeches=4)
    first, _ = queries_of(client)
    assert "27 results for" in first.content.decode()
    assert len(first.context["results"]) == 20
    second, _ = queries_of(client, page="2")
    assert len(second.context["results"]) == 7
    shown = {r.url for r in first.context["results"] + second.context["results"]}
    assert len(shown) == 27


def test_queries_do_not_grow_with_the_matches(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False  # the cost of rendering, not of a hit
    settings.NEWSROOM_FRAGMENT_CACHE = False
    make_matches(news=25, speeches=0)
    queries_of(client)  # the first request also loads the site's identity
    _, few = queries_of(client)
    make_matches(news=100, speeches=0)
    queries_of(client)  # after a change: the cache's look-ups
    response, many = queries_of(client)
    assert many == few
    assert len(response.context["results"]) == 20


@pytest.mark.parametrize("page", ["0", "-3", "99", "abc", "last", "1e9"])
def test_bad_pages_of_results_are_a_page(client, page):
    make_matches(news=25, speeches=0)
    response, _ = queries_of(client, page=page)
    assert response.context["results"]


def test_the_last_page_holds_the_oldest_matches(client):
    make_matches(news=25, speeches=0)
    response, _ = queries_of(client, page="2", type="news")
    titles = [
        str(r.title).replace("<mark>", "").replace("</mark>", "")
        for r in response.context["results"]
    ]
    assert titles == [f"Quasar news {n}" for n in range(20, 25)]
