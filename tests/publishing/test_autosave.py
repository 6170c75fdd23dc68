"""Autosave: the form's text stored apart from the item, every minute while one
edits; offered back when newer than the saved item; refused with a message
(and nothing stored) for someone who may not change the item, a stale form, an
oversize body or control characters (newsroom/publishing/admin/autosave.py)."""

from urllib.parse import urlencode

import pytest
from reversion.models import Version

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Autosave, Status
from newsroom.publishing.registry import content_kinds
from tests.factories import (
    FACTORIES,
    admin_url,
    change_data,
    make_news,
    staff,
)

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"


@pytest.fixture
def author():
    return staff(REPORTER, "rita")


@pytest.fixture
def draft(author, clock):
    return make_news(title="Saved title", status=Status.DRAFT, created_by=author)


def autosave(client, item, **changes):
    data = change_data(item, **changes)
    return client.post(
        admin_url(type(item), "autosave", item.pk),
        urlencode(data, doseq=True),
        content_type=URLENCODED,
    )


def test_an_autosave_is_stored_apart_and_changes_nothing_of_the_item(
    client, author, draft, clock
):
    client.force_login(author)
    versions = Version.objects.count()
    clock(minutes=5)
    response = autosave(client, draft, title="Typed but not saved")

    assert response.status_code == 200
    assert response.json()["message"] == "Autosaved at 24.04.2024 12:05"
    stored = Autosave.objects.get()
    assert stored.user == author and stored.object_id == str(draft.pk)
    assert stored.data["title"] == ["Typed but not saved"]
    assert stored.based_on_version == draft.edit_version
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Saved title", Status.DRAFT)
    assert Version.objects.count() == versions  # no revision of the item


def test_autosaving_again_replaces_the_users_autosave(client, author, draft):
    client.force_login(author)
    autosave(client, draft, title="First")
    autosave(client, draft, title="Second")
    assert [a.data["title"] for a in Autosave.objects.all()] == [["Second"]]


@pytest.mark.parametrize(
    "role, own, status, allowed",
    [
        (REPORTER, True, Status.DRAFT, True),
        (REPORTER, True, Status.IN_REVIEW, True),
        (REPORTER, True, Status.PUBLISHED, False),
        (REPORTER, False, Status.DRAFT, False),
        (EDITOR, False, Status.DRAFT, True),
        (EDITOR, False, Status.PUBLISHED, True),
        (SITE_ADMINISTRATOR, False, Status.PUBLISHED, True),
        (None, False, Status.DRAFT, False),  # staff, but in no role
    ],
)
def test_only_who_may_change_the_item_may_autosave_it(
    client, author, role, own, status, allowed
):
    user = author if own else staff(role)
    item = make_news(status=status, created_by=author)
    client.force_login(user)
    response = autosave(client, item, title="Autosaved title")
    if allowed:
        assert response.status_code == 200
        assert Autosave.objects.get().user == user
    else:
        assert response.status_code == 403
        assert response.json()["error"] == (
            "You may not change this item, so nothing was autosaved."
        )
        assert not Autosave.objects.exists()


def test_every_editorial_kind_has_the_autosave_endpoint(admin_client):
    for kind in content_kinds.editorial():
        item = FACTORIES[kind.model](status=Status.DRAFT)
        response = admin_client.post(
            admin_url(kind.model, "autosave", item.pk),
            {"title": "Typed", "loaded_version": item.edit_version},
        )
        assert response.status_code == 200, kind.model
    assert Autosave.objects.count() == len(content_kinds.editorial())


def test_a_logged_out_autosave_goes_to_the_login_page_and_stores_nothing(client, draft):
    response = autosave(client, draft, title="Anonymous")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_a_stale_autosave_is_refused_with_who_saved_and_when(
    client, author, draft, clock
):
    opened = change_data(draft)
    editor = staff(EDITOR, "eddie")
    clock(minutes=2)
    draft.title, draft.updated_by = "An editor's title", editor
    draft.save()

    client.force_login(author)
    response = client.post(
        admin_url(NewsItem, "autosave", draft.pk), opened | {"title": "Mine"}
    )
    assert response.status_code == 409
    assert response.json()["error"].startswith(
        "eddie saved this item at 24.04.2024 12:02, after you opened it: this "
        "autosave was not stored."
    )
    assert not Autosave.objects.exists()


@pytest.mark.parametrize("version", [None, "", "abc"])
def test_an_autosave_without_a_version_is_refused(client, author, draft, version):
    data = change_data(draft)
    if version is None:
        del data["loaded_version"]
    else:
        data["loaded_version"] = version
    client.force_login(author)
    response = client.post(admin_url(NewsItem, "autosave", draft.pk), data)
    assert response.status_code == 400
    assert not Autosave.objects.exists()


def test_an_oversize_autosave_is_refused(client, author, draft, settings):
    settings.NEWSROOM_AUTOSAVE_MAX_BYTES = 10_000
    client.force_login(author)
    response = autosave(client, draft, body="<p>" + "word " * 4_000 + "</p>")
    assert response.status_code == 413
    assert "too large to autosave" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_control_characters_are_refused(client, author, draft):
    client.force_login(author)
    response = autosave(client, draft, title="Nul\x00here")
    assert response.status_code == 400
    assert not Autosave.objects.exists()


def test_rich_text_is_sanitised_before_it_is_stored(client, author, draft):
    client.force_login(author)
    dangerous = "<p>a</p><script>alert(1)</script><img src=x onerror=alert(2)>"
    autosave(client, draft, body=dangerous)
    body = Autosave.objects.get().data["body"][0]
    assert "<p>a</p>" in body
    assert "script" not in body and "onerror" not in body


def test_a_reporter_autosave_keeps_no_field_the_reporter_cannot_see(
    client, author, draft
):
    client.force_login(author)
    autosave(client, draft, published_at_0="2024-04-25", is_featured="on")
    data = Autosave.objects.get().data
    assert "published_at_0" not in data and "is_featured" not in data
    assert "title" in data


def test_a_get_is_refused(client, author, draft):
    client.force_login(author)
    assert client.get(admin_url(NewsItem, "autosave", draft.pk)).status_code == 405


def test_an_unknown_item_is_a_404(client, author):
    client.force_login(author)
    response = client.post(admin_url(NewsItem, "autosave", 999_999), {})
    assert response.status_code == 404


def test_the_form_offers_an_autosave_newer_than_the_saved_item(
    client, author, draft, clock
):
    client.force_login(author)
    clock(minutes=5)
    autosave(client, draft, title="Typed but not saved")

    page = client.get(admin_url(NewsItem, "change", draft.pk)).content.decode()
    assert "An autosave from 24.04.2024 12:05 is newer than the saved version." in page
    assert "data-autosave-restore" in page and "data-autosave-discard" in page
    assert '"title": ["Typed but not saved"]' in page  # for the Restore button


def test_an_autosave_older_than_the_saved_item_is_not_offered(
    client, author, draft, clock
):
    client.force_login(author)
    clock(minutes=1)
    autosave(client, draft, title="Typed")
    clock(minutes=1)
    editor = staff(EDITOR)
    draft.title, draft.updated_by = "Saved later by an editor", editor
    draft.save()
    page = client.get(admin_url(NewsItem, "change", draft.pk)).content.decode()
    assert "is newer than the saved version" not in page


def test_only_ones_own_autosave_is_offered(client, author, draft, clock):
    editor = staff(EDITOR)
    client.force_login(editor)
    clock(minutes=5)
    autosave(client, draft, title="The editor's draft text")
    client.force_login(author)
    page = client.get(admin_url(NewsItem, "change", draft.pk)).content.decode()
    assert "is newer than the saved version" not in page
    assert "The editor&#x27;s draft text" not in page


def test_discard_deletes_the_autosave(client, author, draft, clock):
    client.force_login(author)
    clock(minutes=5)
    autosave(client, draft, title="Typed")
    response = client.delete(admin_url(NewsItem, "autosave", draft.pk))
    assert response.json() == {"discarded": True}
    assert not Autosave.objects.exists()


def test_saving_the_item_drops_its_autosave(client, author, draft, clock):
    client.force_login(author)
    clock(minutes=5)
    autosave(client, draft, title="Typed")
    response = client.post(
        admin_url(NewsItem, "change", draft.pk), change_data(draft, title="Saved")
    )
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_an_add_form_autosaves_and_is_offered_on_the_next_add_form(
    client, author, clock
):
    client.force_login(author)
    response = client.post(
        admin_url(NewsItem, "add_autosave"),
        {"title": "A new item, not saved yet", "summary": "Its lead."},
    )
    assert response.status_code == 200
    assert Autosave.objects.get().object_id == ""
    page = client.get(admin_url(NewsItem, "add")).content.decode()
    assert "An autosave from 24.04.2024 12:00 is newer than this empty form." in page


def test_a_staff_member_who_may_not_add_may_not_autosave_an_add_form(client):
    client.force_login(staff(None))
    response = client.post(admin_url(NewsItem, "add_autosave"), {"title": "x"})
    assert response.status_code == 403
    assert not Autosave.objects.exists()
