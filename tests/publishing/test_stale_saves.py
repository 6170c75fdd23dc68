"""No lost edits: a save from a form opened before someone else's save (or a
bulk action, or a restore) is refused, and the text typed stays in the form."""

import pytest
from reversion.models import Version

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import add_form_data, admin_url, change_data, make_news, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff("Editor", "editor")


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
    assert "loaded_version" in response.context["adminform"].form.errors
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
    assert "saved this item at" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED  # not silently put back in review


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
