"""Scheduling and preview: a scheduled item goes live everywhere at its time;
its author and editors preview unpublished items, visitors get a 404."""

import datetime

import pytest
from django.utils import timezone

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import admin_url, change_data, make_news, make_user, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff("Editor", "editor")


@pytest.fixture
def reporter():
    return staff("Reporter", "reporter")


def test_a_scheduled_item_appears_everywhere_at_its_time(client, monkeypatch):
    start = timezone.now()
    item = make_news(
        title="Embargoed statement", published_at=start + datetime.timedelta(minutes=5)
    )
    public = [item.get_absolute_url(), "/news/", "/feeds/news/", "/search/?q=embargoed"]
    for url in public:
        assert item.slug not in client.get(url).content.decode()

    later = start + datetime.timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)

    for url in public:
        response = client.get(url)
        assert response.status_code == 200
        assert item.slug in response.content.decode(), url
    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert item.slug in sitemap


def test_an_editor_schedules_and_the_list_says_scheduled(client, editor):
    item = make_news(status=Status.IN_REVIEW, published_at=None, created_by=editor)
    client.force_login(editor)
    when = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(
            item,
            status=Status.PUBLISHED,
            published_at=f"{when:%d.%m.%Y} 09:00",
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_scheduled and not item.is_live
    changelist = client.get(admin_url(NewsItem, "changelist"), {"queue": "scheduled"})
    assert f"Scheduled for {when:%d.%m.%Y} 09:00" in changelist.content.decode()
    event = WorkflowEvent.objects.get()
    assert (event.action, event.actor_name) == ("scheduled", "editor")
    assert f"for {when:%d.%m.%Y} 09:00" in event.detail


def test_preview_for_the_author_404_for_visitors_and_no_cached_copy(client, reporter):
    item = make_news(
        title="Draft statement",
        status=Status.DRAFT,
        published_at=None,
        created_by=reporter,
    )
    client.force_login(reporter)
    preview = client.get(item.get_absolute_url())
    assert preview.status_code == 200
    assert "Not public: draft" in preview.content.decode()
    assert (
        "no-cache" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    )

    client.logout()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 404
    assert "Draft statement" not in response.content.decode()


def test_a_reporter_cannot_preview_a_colleagues_draft(client, reporter):
    item = make_news(status=Status.DRAFT, published_at=None, created_by=make_user())
    client.force_login(reporter)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_the_awaiting_review_queue_lists_only_items_in_review(client, editor):
    waiting = make_news(title="Waiting for you", status=Status.IN_REVIEW)
    make_news(title="Already out")
    client.force_login(editor)
    response = client.get(admin_url(NewsItem, "changelist"), {"queue": "review"})
    assert [row.pk for row in response.context["cl"].result_list] == [waiting.pk]
