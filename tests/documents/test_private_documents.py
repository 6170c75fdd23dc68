"""Documents are private files: served by /documents/<id>/<name> only, with
their item's live rule, on disk and on object storage alike, and never with
the headers of a download lost (attachment, nosniff, sandbox)."""

import pytest
from django.core.files.base import ContentFile

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.documents.models import Attachment
from newsroom.publishing.models import Status
from tests.factories import make_news, pdf_bytes, staff

pytestmark = pytest.mark.django_db


def attach(item):
    return Attachment.objects.create(
        item=item,
        title="Final communiqué",
        file=ContentFile(pdf_bytes(), name="upload.pdf"),
    )


def assert_a_safe_download(response):
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="final-communique.pdf"'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_live_items_document_is_streamed_with_its_download_headers(
    client, media_store
):
    attachment = attach(make_news())
    assert attachment.file.name in media_store.names()

    response = client.get(attachment.get_absolute_url())

    assert_a_safe_download(response)
    # Streamed by the site even from object storage: a signed address of the
    # bucket could not carry nosniff and the sandbox.
    assert b"".join(response.streaming_content) == pdf_bytes()


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 404), ("other-reporter", 404), ("owner", 200), ("editor", 200)],
)
def test_a_drafts_document_only_for_staff_who_may_see_the_draft(
    client, media_store, who, expected
):
    owner = staff(REPORTER)
    attachment = attach(
        make_news(status=Status.DRAFT, published_at=None, created_by=owner)
    )
    user = {"anonymous": None, "other-reporter": staff(REPORTER), "owner": owner,
            "editor": staff(EDITOR)}[who]  # fmt: skip
    if user:
        client.force_login(user)

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == expected
    if expected == 200:
        assert_a_safe_download(response)
        assert "no-cache" in response["Cache-Control"]


def test_after_unpublishing_the_document_is_no_longer_served(client, media_store):
    item = make_news()
    attachment = attach(item)
    assert client.get(attachment.get_absolute_url()).status_code == 200

    item.status = Status.DRAFT
    item.save()

    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_document_whose_object_is_gone_is_not_found(client, object_storage):
    attachment = attach(make_news())
    attachment.file.storage.delete(attachment.file.name)

    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_behind_nginx_the_download_keeps_its_headers(client, settings):
    settings.NEWSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    attachment = attach(make_news())
    hidden = attach(make_news(status=Status.DRAFT, published_at=None))

    response = client.get(attachment.get_absolute_url())

    assert_a_safe_download(response)
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response.content == b""
    refused = client.get(hidden.get_absolute_url())
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
