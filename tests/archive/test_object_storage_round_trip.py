"""export_content and import_content with the files on object storage: an
archive made from one bucket restores every object, byte for byte, into
another, and the restored site serves them."""

import hashlib
import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from config.env import media_storage
from newsroom.documents.models import Attachment
from newsroom.news.models import NewsItem
from tests.factories import make_news, pdf_bytes, with_photo


def checksums(names):
    digests = {}
    for name in names:
        with default_storage.open(name, "rb") as stored:
            digests[name] = hashlib.sha256(stored.read()).hexdigest()
    return digests


@pytest.mark.django_db(transaction=True)
def test_a_site_on_object_storage_moves_to_another_bucket_prefix(
    client, object_storage, seaweedfs, settings, tmp_path
):
    item = with_photo(make_news(title="Session of the Council"))
    Attachment.objects.create(
        item=item, title="Communiqué", file=ContentFile(pdf_bytes(), name="c.pdf")
    )
    before = checksums(object_storage.names())
    assert len(before) == 7  # the photo, its 5 renditions, the document
    archive = tmp_path / "backup.zip"

    call_command("export_content", archive, stdout=io.StringIO())
    call_command("flush", "--no-input", stdout=io.StringIO())
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(
            seaweedfs.storage_url("media", f"restored-{uuid.uuid4().hex}/")
        ),
    }
    assert not default_storage.exists(item.lead_image.name)
    call_command("import_content", archive, stdout=io.StringIO())

    assert checksums(before) == before
    restored = NewsItem.objects.get()
    response = client.get(restored.lead_image.url)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
