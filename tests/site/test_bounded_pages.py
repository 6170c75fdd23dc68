"""Listings page through a bounded range: no full count, no deep OFFSET scan
(newsroom/publishing/pagination.py), and `?page=` keeps its meaning."""

import datetime

import pytest
from django.utils import timezone

from newsroom.publishing import pagination
from newsroom.publishing.pagination import BoundedPaginator
from tests.factories import make_news, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifty_items():
    """50 live items in one section, newest first by title number; items 10-14
    share one publication time (the id breaks the tie)."""
    section = make_section(slug="archive")
    now = timezone.now()
    items = []
    for n in range(50):
        moment = now - datetime.timedelta(hours=min(n, 10) if 10 <= n < 15 else n)
        items.append(make_news(section=section, title=f"Item {n}", published_at=moment))
    # Newest first, then the highest id first among equal times.
    return sorted(items, key=lambda i: (i.published_at, i.pk), reverse=True)


def titles(response):
    return [item.title for item in response.context["page_obj"]]


def test_pages_list_the_items_in_order_with_ties_broken_by_id(client, fifty_items):
    expected = [item.title for item in fifty_items]
    pages = [titles(client.get("/news/", {"page": n})) for n in (1, 2, 3)]
    assert pages[0] + pages[1] + pages[2] == expected
    assert [len(page) for page in pages] == [20, 20, 10]


def test_deep_pages_load_their_keys_first_and_show_the_same_items(
    client, fifty_items, monkeypatch, django_assert_max_num_queries, settings
):
    settings.NEWSROOM_PAGE_CACHE = False  # the cost of rendering, not of a hit
    by_offset = [titles(client.get("/news/", {"page": n})) for n in (1, 2, 3)]
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_FROM", 0)
    with django_assert_max_num_queries(10):
        deep = client.get("/news/archive/", {"page": "3"})
    assert titles(deep) == by_offset[2]
    assert [titles(client.get("/news/", {"page": n})) for n in (1, 2, 3)] == by_offset


def test_only_max_pages_are_counted_and_reachable(client, fifty_items, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "max_pages", 2)
    first = client.get("/news/")
    body = first.content.decode()
    assert first.context["page_obj"].paginator.count == 40
    assert "More than 40 news items" in body
    assert "Page 1 of more than 2" in body
    assert 'href="?page=2">Last' in body

    last = client.get("/news/", {"page": "last"})
    assert last.status_code == 200
    assert titles(last) == [item.title for item in fifty_items[20:40]]
    assert "Older items: choose a year or dates above." in last.content.decode()

    # Beyond the bound: not found, never a server error.
    assert client.get("/news/", {"page": "3"}).status_code == 404


def test_a_listing_under_the_bound_says_the_exact_count(client, fifty_items):
    response = client.get("/news/")
    body = response.content.decode()
    assert "50 news items" in body and "More than" not in body
    assert "Page 1 of 3" in body


@pytest.mark.parametrize(
    "page", ["0", "-1", "4", "abc", "1e9", "99999999999999999999", "last", "", "2.5"]
)
def test_bad_page_values_are_a_page_or_not_found(client, fifty_items, page):
    response = client.get("/news/", {"page": page})
    assert response.status_code in (200, 404)


def test_the_count_reads_at_most_the_bound(client, fifty_items, monkeypatch):
    """The count query stops at max_pages × 20 + 1 rows (a LIMIT), whatever the
    size of the archive."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(BoundedPaginator, "max_pages", 2)
    with CaptureQueriesContext(connection) as queries:
        client.get("/news/")
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "LIMIT 41" in counts[0]
