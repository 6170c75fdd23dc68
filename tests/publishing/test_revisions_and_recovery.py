"""Every save keeps a revision; editors compare, restore and recover deleted
items, reporters do not."""

import pytest
from reversion.models import Version

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import add_form_data, admin_url, change_data, make_news, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff("Editor", "editor")


@pytest.fixture
def reporter():
    return staff("Reporter", "reporter")


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
    assert "<del>First</del> <ins>Second</ins> words" in compare.content.decode()

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
