"""A save never changes a field its user cannot see (checklist 42): when an
editor links a reporter's item to an event that is not live yet, the
reporter's form cannot offer that event, and their next save keeps the link
instead of emptying it; the form says so without naming the event."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech
from tests.factories import (
    admin_form_data,
    admin_url,
    make_event,
    make_news,
    make_speech,
    staff,
)

pytestmark = pytest.mark.django_db


def browser(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter():
    return staff("Reporter", "reporter")


@pytest.fixture
def scheduled_event():
    return make_event(
        title="Summit not announced yet",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )


@pytest.mark.parametrize("factory", [make_news, make_speech], ids=["news", "speech"])
def test_a_reporters_save_keeps_the_event_an_editor_linked(
    reporter, scheduled_event, factory
):
    item = factory(
        created_by=reporter,
        status=Status.DRAFT,
        published_at=None,
        event=scheduled_event,
    )
    client = browser(reporter)
    url = admin_url(type(item), "change", item.pk)
    page = client.get(url)
    data = admin_form_data(page, title="Better headline")
    # What a browser sends: the event's select had no option it could show,
    # so the form posts nothing for it.
    data.pop("event", None)
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Better headline"
    assert item.event_id == scheduled_event.pk

    body = page.content.decode()
    assert "Summit not announced yet" not in body
    assert "Linked to an item you may not see yet" in body


def test_a_forged_post_cannot_change_or_empty_that_link(reporter, scheduled_event):
    item = make_news(
        created_by=reporter,
        status=Status.DRAFT,
        published_at=None,
        event=scheduled_event,
    )
    live_event = make_event(title="Live event")
    client = browser(reporter)
    url = admin_url(NewsItem, "change", item.pk)
    data = admin_form_data(client.get(url))
    for value in ("", str(live_event.pk)):
        data["loaded_version"] = NewsItem.objects.get(pk=item.pk).edit_version
        assert client.post(url, data | {"event": value}).status_code == 302
        item.refresh_from_db()
        assert item.event_id == scheduled_event.pk


def test_a_link_the_reporter_may_see_is_theirs_to_change(reporter):
    live_event, other_live_event = make_event(), make_event(title="Other live event")
    item = make_speech(
        created_by=reporter, status=Status.DRAFT, published_at=None, event=live_event
    )
    client = browser(reporter)
    url = admin_url(Speech, "change", item.pk)
    page = client.get(url)
    assert "Linked to an item you may not see yet" not in page.content.decode()
    response = client.post(url, admin_form_data(page, event=other_live_event.pk))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.event_id == other_live_event.pk
    response = client.post(
        url, admin_form_data(client.get(url), event="")
    )  # and to empty
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.event_id is None


def test_an_editor_sees_and_changes_the_link(scheduled_event):
    editor = staff("Editor", "editor")
    item = make_news(status=Status.DRAFT, published_at=None, event=scheduled_event)
    client = browser(editor)
    url = admin_url(NewsItem, "change", item.pk)
    page = client.get(url)
    assert "Summit not announced yet" in page.content.decode()
    assert client.post(url, admin_form_data(page, event="")).status_code == 302
    item.refresh_from_db()
    assert item.event_id is None
