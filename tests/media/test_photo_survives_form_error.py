"""A photo chosen on a form that fails for another reason is kept as a pending
upload, shown as a thumbnail, and attached by the next valid save; a token of
another user, altered or expired is refused; unsaved pending uploads are
cleaned up (newsroom/media/pending.py)."""

import io
import os
import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from tests.factories import (
    add_form_data,
    admin_form_data,
    admin_url,
    change_data,
    image_bytes,
    make_news,
    staff,
    stored_files,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="lead_image__pending" value="([^"]+)"')


def news_draft_data(**changes):
    return add_form_data(NewsItem) | {
        "status": Status.DRAFT,
        "lead_image_alt": "Delegates around a table",
    } | changes  # fmt: skip


def photo(name="DSC_0042.JPG"):
    fmt = "PNG" if name.endswith(".png") else "JPEG"
    return SimpleUploadedFile(name, image_bytes(fmt, (1200, 800)))


def pending_files(media_root):
    return [p for p in stored_files(media_root) if p.parent.name == "pending"]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def fail_with_photo(client, **changes):
    """An add form with a photo and no summary: refused, the photo kept."""
    data = news_draft_data(summary="", lead_image=photo(), **changes)
    response = client.post(admin_url(NewsItem, "add"), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    return response


@pytest.mark.parametrize("role", [REPORTER, EDITOR, SITE_ADMINISTRATOR])
def test_the_photo_chosen_before_a_form_error_is_attached_by_the_next_save(
    role, media_root, django_capture_on_commit_callbacks
):
    client = logged_in(staff(role))
    response = fail_with_photo(client)
    body = response.content.decode()
    assert not NewsItem.objects.exists()
    assert "will be attached on save" in body
    assert re.search(r'<img src="data:image/webp;base64,[A-Za-z0-9+/=]+"', body)
    [kept] = pending_files(media_root)
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", kept.name)
    token = TOKEN.search(body)[1]

    # The next save, the summary typed, the file input empty as browsers send it.
    fixed = news_draft_data(lead_image__pending=token)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(admin_url(NewsItem, "add"), fixed).status_code == 302

    item = NewsItem.objects.get()
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", item.lead_image.name)
    assert (media_root / item.lead_image.name).is_file()
    widths = {s["width"] for s in item.lead_image_renditions["sources"]}
    assert widths == {480, 960, 1200}
    assert pending_files(media_root) == []  # attached: the pending copy is gone


def test_the_photo_survives_a_second_error_and_a_stale_save_on_a_change_form(
    media_root, django_capture_on_commit_callbacks
):
    editor = staff(EDITOR)
    item = make_news(created_by=editor, status=Status.DRAFT)
    client = logged_in(editor)
    url = admin_url(NewsItem, "change", item.pk)
    opened = change_data(item, lead_image_alt="A photo")

    first = client.post(url, opened | {"title": "", "lead_image": photo()})
    token = TOKEN.search(first.content.decode())[1]
    # A colleague saves in between: the stale-save refusal, photo still kept.
    item.refresh_from_db()
    item.title = "Changed by a colleague"
    item.save()
    second = client.post(url, opened | {"lead_image__pending": token})
    body = second.content.decode()
    assert "saved this item at" in body
    assert TOKEN.search(body)[1] == token
    assert len(pending_files(media_root)) == 1

    retry = opened | {
        "lead_image__pending": token,
        "loaded_version": second.context["adminform"].form.data["loaded_version"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, retry).status_code == 302
    item.refresh_from_db()
    assert item.lead_image.name.startswith("images/")
    assert pending_files(media_root) == []


def test_an_officials_portrait_survives_a_form_error(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    data = add_form_data(Official) | {
        "portrait_alt_en": "Portrait of a sample official"
    }
    refused = admin_client.post(
        admin_url(Official, "add"), data | {"name_en": "", "portrait": photo("p.png")}
    )
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "will be attached on save" in body
    token = re.search(r'name="portrait__pending" value="([^"]+)"', body)[1]

    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(
            admin_url(Official, "add"), data | {"portrait__pending": token}
        )
    assert saved.status_code == 302
    official = Official.objects.get()
    assert official.portrait.name.startswith("officials/")
    assert pending_files(media_root) == []


def test_the_site_emblem_survives_a_form_error(
    client, media_root, django_capture_on_commit_callbacks
):
    client.force_login(staff(SITE_ADMINISTRATOR))
    add = reverse("admin:identity_siteidentity_add")
    data = admin_form_data(client.get(add), name_en="Organisation", short_name_en="ORG")
    emblem = SimpleUploadedFile("emblem.png", image_bytes("PNG", (300, 300)))
    refused = client.post(add, data | {"name_en": "", "emblem": emblem})
    body = refused.content.decode()
    assert "will be attached on save" in body
    token = re.search(r'name="emblem__pending" value="([^"]+)"', body)[1]

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(add, data | {"emblem__pending": token}).status_code == 302
    assert SiteIdentity.objects.get().emblem.name.endswith(".png")
    assert pending_files(media_root) == []


def assert_refused(response, media_root, kept_before):
    assert response.status_code == 200
    assert "The photo chosen before could not be kept" in response.content.decode()
    assert not NewsItem.objects.exists()
    assert pending_files(media_root) == kept_before


def test_a_token_of_another_user_is_refused(media_root):
    alice, bob = staff(REPORTER), staff(REPORTER)
    token = TOKEN.search(fail_with_photo(logged_in(alice)).content.decode())[1]
    kept = pending_files(media_root)
    response = logged_in(bob).post(
        admin_url(NewsItem, "add"), news_draft_data(lead_image__pending=token)
    )
    assert_refused(response, media_root, kept)


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"),
        lambda token: "not-a-token",
        # A validly signed token naming a file outside the pending folder.
        lambda token: signing.dumps(
            {"name": "../settings.py", "user": 0}, salt="newsroom.media.pending"
        ),
    ],
    ids=["altered", "garbage", "signed-for-nobody-outside-pending"],
)
def test_an_altered_or_made_up_token_is_refused(forge, media_root):
    client = logged_in(staff(EDITOR))
    token = TOKEN.search(fail_with_photo(client).content.decode())[1]
    kept = pending_files(media_root)
    response = client.post(
        admin_url(NewsItem, "add"), news_draft_data(lead_image__pending=forge(token))
    )
    assert_refused(response, media_root, kept)


def test_an_expired_token_is_refused(settings, monkeypatch, media_root):
    client = logged_in(staff(EDITOR))
    made_long_ago = int(time.time()) - settings.NEWSROOM_PENDING_UPLOAD_MAX_AGE - 60
    with monkeypatch.context() as patched:
        patched.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(made_long_ago),
        )
        token = TOKEN.search(fail_with_photo(client).content.decode())[1]
    kept = pending_files(media_root)
    response = client.post(
        admin_url(NewsItem, "add"), news_draft_data(lead_image__pending=token)
    )
    assert_refused(response, media_root, kept)


def test_do_not_attach_saves_the_item_without_the_photo(media_root):
    client = logged_in(staff(EDITOR))
    token = TOKEN.search(fail_with_photo(client).content.decode())[1]
    data = news_draft_data(lead_image__pending=token, lead_image__pending_drop="on")
    assert client.post(admin_url(NewsItem, "add"), data).status_code == 302
    assert not NewsItem.objects.get().lead_image


def test_a_new_file_replaces_the_pending_one(media_root):
    client = logged_in(staff(EDITOR))
    token = TOKEN.search(fail_with_photo(client).content.decode())[1]
    replacement = SimpleUploadedFile("new.png", image_bytes("PNG", (300, 200)))
    data = news_draft_data(lead_image__pending=token, lead_image=replacement)
    assert client.post(admin_url(NewsItem, "add"), data).status_code == 302
    item = NewsItem.objects.get()
    assert item.lead_image.name.endswith(".png")
    assert item.lead_image_renditions["width"] == 300


def test_a_bad_file_with_another_error_keeps_nothing(media_root):
    client = logged_in(staff(EDITOR))
    data = news_draft_data(
        summary="", lead_image=SimpleUploadedFile("x.jpg", b"<html>not an image")
    )
    response = client.post(admin_url(NewsItem, "add"), data)
    assert response.status_code == 200
    assert "will be attached on save" not in response.content.decode()
    assert stored_files(media_root) == []


def test_pending_uploads_older_than_the_age_rule_are_cleaned_up(settings, media_root):
    client = logged_in(staff(EDITOR))
    fail_with_photo(client)
    fail_with_photo(client)
    old, recent = pending_files(media_root)
    long_ago = time.time() - settings.NEWSROOM_PENDING_UPLOAD_MAX_AGE - 60
    os.utime(old, (long_ago, long_ago))

    out = io.StringIO()
    call_command("clean_pending_uploads", stdout=out)
    assert "Deleted 1 expired pending upload(s)." in out.getvalue()
    assert pending_files(media_root) == [recent]
