"""The editorial workflow through the admin: scheduling, preview, no lost edits,
revisions, recovery and the record of decisions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from reversion.models import Version

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import make_news, make_user
from tests.test_admin import add_form_data, admin_url

pytestmark = pytest.mark.django_db


def staff(role, username=None):
    user = make_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor():
    return staff("Editor", "editor")


@pytest.fixture
def reporter():
    return staff("Reporter", "reporter")


def change_data(item, **changes):
    """The change form of `item` as the admin would post it, with `changes`."""
    data = add_form_data(NewsItem) | {
        "title": item.title,
        "slug": item.slug,
        "section": item.section_id,
        "summary": item.summary,
        "body": item.body,
        "status": item.status,
        "published_at_0": "",
        "published_at_1": "",
        "officials": [],
        "event": "",
        "loaded_version": item.edit_version,
    }
    if item.published_at:
        local = timezone.localtime(item.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.pop("is_featured", None)
    return data | changes


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
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1="09:00:00",
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


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(client):
    first, second = staff("Editor", "anna"), staff("Editor", "boris")
    item = make_news(title="Original title", created_by=first)
    opened = change_data(item)  # both open the form now

    client.force_login(first)
    assert (
        client.post(
            admin_url(NewsItem, "change", item.pk), opened | {"title": "Anna's title"}
        ).status_code
        == 302
    )

    client.force_login(second)
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        opened | {"title": "Boris's title", "summary": "Boris's careful summary."},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "anna saved this item at" in body
    assert "Boris&#x27;s careful summary." in body  # the text is still in the form
    item.refresh_from_db()
    assert item.title == "Anna's title"

    # Having seen the message, Boris saves again from the re-rendered form.
    form = response.context["adminform"].form
    retry = opened | {
        "title": "Boris's title",
        "loaded_version": form.data["loaded_version"],
    }
    assert client.post(admin_url(NewsItem, "change", item.pk), retry).status_code == 302
    item.refresh_from_db()
    assert item.title == "Boris's title"


def test_a_save_without_the_loaded_version_is_refused(client, editor):
    item = make_news(created_by=editor)
    client.force_login(editor)
    data = change_data(item, title="Forged")
    del data["loaded_version"]
    response = client.post(admin_url(NewsItem, "change", item.pk), data)
    assert response.status_code == 200
    assert NewsItem.objects.get(pk=item.pk).title != "Forged"


def test_a_bulk_action_also_makes_an_open_form_stale(client, editor):
    item = make_news(status=Status.IN_REVIEW, published_at=None, created_by=editor)
    opened = change_data(item)
    client.force_login(editor)
    client.post(
        admin_url(NewsItem, "changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED

    response = client.post(admin_url(NewsItem, "change", item.pk), opened)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED  # not silently put back in review


def test_buttons_move_the_status_and_every_move_is_recorded(client, editor):
    item = make_news(status=Status.DRAFT, published_at=None, created_by=editor)
    client.force_login(editor)
    url = admin_url(NewsItem, "change", item.pk)
    for button, status, action in [
        ("_submit_review", Status.IN_REVIEW, "submitted"),
        ("_publish", Status.PUBLISHED, "published"),
        ("_archive", Status.ARCHIVED, "archived"),
    ]:
        item.refresh_from_db()
        response = client.post(url, change_data(item) | {button: "1"})
        assert response.status_code == 302, (
            response.context and response.context["adminform"].form.errors
        )
        item.refresh_from_db()
        assert item.status == status
        assert WorkflowEvent.objects.first().action == action
    item.refresh_from_db()
    client.post(url, change_data(item, status=Status.PUBLISHED))
    item.refresh_from_db()
    client.post(url, change_data(item) | {"_unpublish": "1"})
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert WorkflowEvent.objects.first().action == "unpublished"

    record = client.get(admin_url(WorkflowEvent, "changelist"))
    assert record.status_code == 200
    assert "editor" in record.content.decode()


def test_the_record_is_for_editors_not_reporters(client, reporter):
    client.force_login(reporter)
    assert client.get(admin_url(WorkflowEvent, "changelist")).status_code == 403


def test_awaiting_review_filter(client, editor):
    make_news(title="Waiting for you", status=Status.IN_REVIEW, published_at=None)
    make_news(title="Already out")
    client.force_login(editor)
    body = client.get(admin_url(NewsItem, "changelist"), {"queue": "review"}).content
    assert b"Waiting for you" in body and b"Already out" not in body


def test_every_save_keeps_a_revision_and_an_editor_restores_one(client, editor):
    client.force_login(editor)
    client.post(
        admin_url(NewsItem, "add"), add_form_data(NewsItem) | {"title": "First words"}
    )
    item = NewsItem.objects.get()
    client.post(
        admin_url(NewsItem, "change", item.pk), change_data(item, title="Second words")
    )
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 2
    assert versions[0].revision.user == editor

    history = client.get(admin_url(NewsItem, "history", item.pk))
    assert history.status_code == 200
    compare = client.get(
        admin_url(NewsItem, "compare", item.pk),
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == 200
    assert "First words" in compare.content.decode()
    assert "Second words" in compare.content.decode()

    oldest = versions[1]
    form = client.get(admin_url(NewsItem, "revision", item.pk, oldest.pk))
    assert form.status_code == 200
    data = change_data(item, title="First words")
    data["loaded_version"] = form.context["adminform"].form["loaded_version"].value()
    response = client.post(admin_url(NewsItem, "revision", item.pk, oldest.pk), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "First words"
    assert WorkflowEvent.objects.filter(action="restored").exists()


def test_an_editor_recovers_a_deleted_item(client, editor):
    client.force_login(editor)
    client.post(
        admin_url(NewsItem, "add"), add_form_data(NewsItem) | {"title": "Lost item"}
    )
    item = NewsItem.objects.get()
    client.post(admin_url(NewsItem, "delete", item.pk), {"post": "yes"})
    assert not NewsItem.objects.exists()

    recover_list = client.get(admin_url(NewsItem, "recoverlist"))
    assert recover_list.status_code == 200
    assert "Lost item" in recover_list.content.decode()
    version = Version.objects.get_deleted(NewsItem).get()
    form = client.get(admin_url(NewsItem, "recover", version.pk))
    data = change_data(item)
    data["loaded_version"] = form.context["adminform"].form["loaded_version"].value()
    response = client.post(admin_url(NewsItem, "recover", version.pk), data)
    assert response.status_code == 302
    assert NewsItem.objects.get().title == "Lost item"
    assert WorkflowEvent.objects.filter(action="recovered").exists()


def test_reporters_cannot_restore_or_recover(client, reporter):
    item = make_news(created_by=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)
    assert client.get(admin_url(NewsItem, "recoverlist")).status_code == 403
    assert client.get(admin_url(NewsItem, "revision", item.pk, 1)).status_code == 403


def test_only_editors_are_offered_recovery(client, reporter, editor):
    client.force_login(reporter)
    assert b"recoverlink" not in client.get(admin_url(NewsItem, "changelist")).content
    client.force_login(editor)
    assert b"recoverlink" in client.get(admin_url(NewsItem, "changelist")).content


def test_a_form_opened_before_a_restore_is_stale_after_it(client, editor):
    client.force_login(editor)
    client.post(admin_url(NewsItem, "add"), add_form_data(NewsItem) | {"title": "One"})
    item = NewsItem.objects.get()
    client.post(admin_url(NewsItem, "change", item.pk), change_data(item, title="Two"))
    item.refresh_from_db()
    opened_before_restore = change_data(item, title="Three")

    oldest = Version.objects.get_for_object(item).last()
    response = client.post(
        admin_url(NewsItem, "revision", item.pk, oldest.pk),
        change_data(item, title="One"),
    )
    assert response.status_code == 302
    assert NewsItem.objects.get().title == "One"

    stale = client.post(admin_url(NewsItem, "change", item.pk), opened_before_restore)
    assert stale.status_code == 200
    assert "saved this item at" in stale.content.decode()
    assert NewsItem.objects.get().title == "One"
