"""The home page: a block per kind, live items only, a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from tests.factories import (
    make_event,
    make_news,
    make_official,
    make_speech,
    make_statement,
)

pytestmark = pytest.mark.django_db


def test_home_lists_live_items_only(client):
    make_news(title="Live news item")
    make_news(title="Draft news item", status=Status.DRAFT, published_at=None)
    make_news(
        title="Scheduled news item",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    make_news(title="Archived news item", status=Status.ARCHIVED)
    make_speech(title="Live speech")
    make_speech(title="Speech in review", status=Status.IN_REVIEW)
    make_event(
        title="Coming event",
        starts_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    make_event(title="Draft event", status=Status.DRAFT, starts_on=timezone.localdate())
    make_statement(title="Live statement")
    make_statement(title="Statement in review", status=Status.IN_REVIEW)

    content = client.get("/").content.decode()

    for title in ("Live news item", "Live speech", "Coming event", "Live statement"):
        assert title in content
    for title in (
        "Draft news item",
        "Scheduled news item",
        "Archived news item",
        "Speech in review",
        "Draft event",
        "Statement in review",
    ):
        assert title not in content


def test_home_shows_the_featured_item_first(client):
    make_news(title="Ordinary item")
    make_news(
        title="Featured item",
        is_featured=True,
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    content = client.get("/").content.decode()
    assert content.index("Featured item") < content.index("Ordinary item")


def test_a_title_with_markup_is_escaped(client):
    make_news(title="<img src=x onerror=alert(4242)>")
    content = client.get("/").content.decode()
    assert "<img src=x onerror=alert(4242)>" not in content
    assert "&lt;img src=x onerror=alert(4242)&gt;" in content


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    speaker = make_official()
    for n in range(30):
        make_news(title=f"Item {n}")
        make_speech(speaker=speaker)
        make_event(starts_on=timezone.localdate() + datetime.timedelta(days=n))
        make_official()
        make_statement()
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "url", [reverse(kind.index_url) for kind in content_kinds if kind.index_url]
)
def test_listings_answer_and_bad_pages_are_not_server_errors(client, url):
    make_news()
    assert client.get(url).status_code == 200
    for page in ("abc", "-1", "0", "99999", "1e9"):
        assert client.get(url, {"page": page}).status_code in (200, 404)
