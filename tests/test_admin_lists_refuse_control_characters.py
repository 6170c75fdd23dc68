"""A NUL or another control character in an admin list's filters is a 400, not
a 500 (PostgreSQL refuses a NUL in a query) on every changelist, whatever the
filter; list search and autocomplete still take such text (they clean it)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import WorkflowEvent
from newsroom.statements.models import Statement
from tests.factories import admin_url, make_event, make_news, make_official, staff

pytestmark = pytest.mark.django_db

NAMED_FILTERS = [
    (NewsItem, "status__exact"),
    (NewsItem, "queue"),
    (NewsItem, "year"),
    (NewsItem, "section__id__exact"),
    (Event, "kind__exact"),
    (Statement, "organ__exact"),
    (Official, "organ__exact"),
    (Official, "country__exact"),
    (WorkflowEvent, "action__exact"),
]


def changelists():
    return [pytest.param(model, id=model._meta.label) for model in admin.site._registry]


@pytest.mark.parametrize(("model", "parameter"), NAMED_FILTERS)
@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f"])
def test_a_control_character_in_a_filter_is_a_400(
    admin_client, model, parameter, character
):
    make_news()
    response = admin_client.get(
        admin_url(model, "changelist"), {parameter: f"published{character}"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("model", changelists())
def test_every_changelist_refuses_a_nul_in_any_parameter(admin_client, model):
    url = admin_url(model, "changelist")
    assert admin_client.get(url, {"status__exact": "\x00"}).status_code == 400
    assert admin_client.get(url, {"x\x00": "1"}).status_code == 400  # in a name
    assert admin_client.get(url, {"o": "1\x00"}).status_code == 400  # ordering
    assert admin_client.get(url, {"p": "\x00"}).status_code == 400  # page


def test_an_editor_gets_the_same_400(client):
    client.force_login(staff("Editor"))
    response = client.get(admin_url(NewsItem, "changelist"), {"status__exact": "\x00"})
    assert response.status_code == 400


def test_plain_filters_and_a_search_with_a_nul_still_list(admin_client):
    make_news(title="Findable item")
    url = admin_url(NewsItem, "changelist")
    assert admin_client.get(url, {"status__exact": "published"}).status_code == 200
    # Tabs and line breaks are text, not control characters to refuse.
    assert admin_client.get(url, {"q": "Findable\titem"}).status_code == 200
    searched = admin_client.get(url, {"q": "Find\x00able"})
    assert searched.status_code == 200


def test_autocomplete_still_takes_a_nul_in_its_search(admin_client):
    event = make_event(title="Findable event")
    make_official()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "news", "model_name": "newsitem", "field_name": "event",
         "term": "Find\x00able"},
    )  # fmt: skip
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(event.pk)]
