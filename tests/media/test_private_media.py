"""Uploaded images are fetched through the site (MEDIA_URL), with their item's
live rule: a draft's photo cannot be had by whoever has its name (issue 12).
Each test runs with the files on disk and on object storage (SeaweedFS)."""

import datetime
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.documents.models import Attachment
from newsroom.media.models import EditorImage
from newsroom.publishing.models import Status
from tests.factories import (
    image_bytes,
    make_news,
    make_official,
    pdf_bytes,
    staff,
    stored_image_names,
    with_photo,
)

pytestmark = pytest.mark.django_db


def media_url(name):
    return default_storage.url(name)


def fetched(response, media_store):
    """The bytes a browser gets for `response`: the body, or on object storage
    the object behind the signed address it is redirected to."""
    if media_store.kind == "object storage":
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith(media_store.server.endpoint + "/")
        assert "X-Amz-Signature=" in location
        with urllib.request.urlopen(location) as signed:
            return signed.headers["Content-Type"], signed.read()
    assert response.status_code == 200
    return response["Content-Type"], b"".join(response.streaming_content)


def stored_bytes(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def draft(**fields):
    return make_news(status=Status.DRAFT, published_at=None, **fields)


def test_a_drafts_photo_and_its_renditions_are_not_found_by_visitors(
    client, media_store
):
    item = with_photo(draft())
    names = stored_image_names(item)
    assert len(names) > 2 and set(names) <= set(media_store.names())

    for name in names:
        response = client.get(media_url(name))
        assert response.status_code == 404, name
        assert "Location" not in response


def test_a_live_items_photo_and_renditions_are_served_to_everyone(client, media_store):
    item = with_photo(make_news())

    for name in stored_image_names(item):
        response = client.get(media_url(name))
        content_type, content = fetched(response, media_store)
        assert content == stored_bytes(name)
        assert (
            content_type
            == {"png": "image/png", "webp": "image/webp"}[name.rsplit(".", 1)[1]]
        )
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]


def test_the_bucket_itself_answers_no_one_without_a_signature(client, object_storage):
    item = with_photo(make_news())
    unsigned = f"{object_storage.server.endpoint}/{object_storage.bucket}/"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned + item.lead_image.name)
    assert refused.value.code == 403


# fmt: off
PREVIEW = {
    #               anonymous  editor  reporter (owner)  other reporter
    "draft":        (404,      200,    200,              404),
    "scheduled":    (404,      200,    200,              404),
    "archived":     (404,      200,    200,              404),
}
# fmt: on
WHO = ["anonymous", "editor", "owner", "other-reporter"]


@pytest.mark.parametrize("state", PREVIEW)
@pytest.mark.parametrize("who", WHO)
def test_staff_who_may_see_an_item_see_its_photo_before_it_is_live(
    client, media_store, state, who
):
    owner = staff(REPORTER)
    fields = {
        "draft": {"status": Status.DRAFT, "published_at": None},
        "scheduled": {"published_at": timezone.now() + datetime.timedelta(hours=1)},
        "archived": {"status": Status.ARCHIVED},
    }[state]
    item = with_photo(make_news(created_by=owner, **fields))
    user = {"anonymous": None, "editor": staff(EDITOR), "owner": owner,
            "other-reporter": staff(REPORTER)}[who]  # fmt: skip
    if user:
        client.force_login(user)

    response = client.get(media_url(item.lead_image.name))

    expected = PREVIEW[state][WHO.index(who)]
    if expected == 404:
        assert response.status_code == 404
        return
    assert fetched(response, media_store)[1] == stored_bytes(item.lead_image.name)
    # Never kept by a shared cache: the next visitor is not this staff member.
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_after_unpublishing_the_photo_is_no_longer_served(client, media_store):
    item = with_photo(make_news())
    address = media_url(item.lead_image.name)
    fetched(client.get(address), media_store)

    item.status = Status.DRAFT
    item.save()

    assert client.get(address).status_code == 404


def test_a_scheduled_photo_is_served_from_its_time_with_no_job_to_run(
    client, media_store, monkeypatch
):
    publish_at = timezone.now() + datetime.timedelta(minutes=5)
    item = with_photo(make_news(published_at=publish_at))
    address = media_url(item.lead_image.name)
    assert client.get(address).status_code == 404

    later = publish_at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    fetched(client.get(address), media_store)


def test_a_replaced_photo_is_no_longer_served(client, media_store):
    item = with_photo(make_news())
    old = item.lead_image.name
    with_photo(item, size=(900, 600))

    assert old in media_store.names()  # kept for restoring the old version
    assert client.get(media_url(old)).status_code == 404
    fetched(client.get(media_url(item.lead_image.name)), media_store)


def test_a_portrait_of_an_official_is_public(client, media_store):
    official = make_official()
    official.portrait = ContentFile(image_bytes(size=(600, 800)), name="p.png")
    official.save()

    fetched(client.get(media_url(official.portrait.name)), media_store)


def test_documents_are_never_served_under_the_media_address(client, media_store):
    attachment = Attachment.objects.create(
        item=make_news(),
        title="Final communiqué",
        file=ContentFile(pdf_bytes(), name="upload.pdf"),
    )
    assert attachment.file.name.startswith("documents/")
    client.force_login(staff(EDITOR))

    assert client.get(media_url(attachment.file.name)).status_code == 404


def upload_from_the_editor(client, user):
    client.force_login(user)
    response = client.post(
        "/admin/editor/upload/",
        {"upload": SimpleUploadedFile("body.png", image_bytes(size=(1200, 800)))},
    )
    assert response.status_code == 200, response.content
    return response.json()["url"]


def test_an_editor_image_is_public_only_once_a_live_item_shows_it(client, media_store):
    reporter = staff(REPORTER)
    address = upload_from_the_editor(client, reporter)
    item = draft(created_by=reporter, body=f'<p><img src="{address}" alt="x"></p>')
    image = EditorImage.objects.get()
    every_name = [image.image.name, *(s["name"] for s in image.renditions["sources"])]

    fetched(client.get(address), media_store)  # its uploader, in the editor
    client.force_login(staff(REPORTER))
    assert client.get(address).status_code == 404  # another reporter
    client.logout()
    for name in every_name:
        assert client.get(media_url(name)).status_code == 404, name

    item.status, item.published_at = Status.PUBLISHED, timezone.now()
    item.save()

    for name in every_name:
        fetched(client.get(media_url(name)), media_store)


@pytest.mark.parametrize(
    "address",
    [
        "/media/../config/settings/base.py",
        "/media/images/2024/04/nothing.png",
        "/media/images/2024/04/x.html",
        "/media/images/2024/04/%00.png",
        "/media/images/2024/04/%ff%fe.png",
        "/media/images/2024/04/\u0436.png",
        "/media/images",
        "/media/" + "a/" * 300 + "x.png",
    ],
)
def test_names_that_no_row_holds_are_not_found(client, address):
    assert client.get(address).status_code in (400, 404)


def test_behind_nginx_the_file_is_sent_by_nginx_after_the_check(client, settings):
    settings.NEWSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    live = with_photo(make_news())
    hidden = with_photo(draft())

    response = client.get(media_url(live.lead_image.name))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{live.lead_image.name}"
    assert response["Content-Type"] == "image/png"
    assert response.content == b""
    refused = client.get(media_url(hidden.lead_image.name))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_a_public_photo_costs_at_most_two_queries(
    client, django_assert_max_num_queries
):
    item = with_photo(make_news())
    client.get(media_url(item.lead_image.name))  # after a change: the cache's look-ups

    with django_assert_max_num_queries(2):
        response = client.get(media_url(item.lead_image.name))

    assert response.status_code == 200


def test_every_image_the_rule_looks_up_by_name_is_indexed():
    """A visitor's request for a photo looks its name up in each table that
    stores images of an item (media_access): an index, not a scan of the
    archive, for every editorial kind's photo and every editor upload."""
    from django.db import connection

    from newsroom.media.access import image_fields
    from newsroom.publishing.models import Publishable

    looked_up = [
        (model, field)
        for pairs in image_fields().values()
        for model, field in pairs
        if issubclass(model, Publishable) or model._meta.label == "media.EditorImage"
    ]
    assert len(looked_up) >= 3
    with connection.cursor() as cursor:
        for model, field in looked_up:
            column = model._meta.get_field(field).column
            constraints = connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
            assert any(
                c["index"] and c["columns"] and c["columns"][0] == column
                for c in constraints.values()
            ), f"{model._meta.label}.{field} has no index"


def test_a_visitors_editor_image_is_looked_up_once_per_change(
    client, media_store, django_assert_num_queries
):
    """Whether a live item shows an editor upload is a search of every rich
    text: done once, then remembered until the content changes."""
    reporter = staff(REPORTER)
    address = upload_from_the_editor(client, reporter)
    client.logout()
    item = make_news(body=f'<p><img src="{address}" alt="x"></p>')
    fetched(client.get(address), media_store)
    with django_assert_num_queries(0):
        fetched(client.get(address), media_store)

    item.status = Status.DRAFT
    item.save()
    assert client.get(address).status_code == 404  # the change shows at once
    item.status = Status.PUBLISHED
    item.save()
    fetched(client.get(address), media_store)
