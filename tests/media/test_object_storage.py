"""Uploads on S3-compatible object storage (MEDIA_STORAGE_URL), against a real
SeaweedFS server: the settings' URL, uploads with their renditions, and the
failed-save journal (no orphan object, no row pointing at a missing one)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.models.sql.compiler import SQLInsertCompiler
from storages.backends.s3 import S3Storage

from config.env import media_storage
from newsroom.media.models import EditorImage
from newsroom.news.models import NewsItem
from tests.factories import (
    add_form_data,
    admin_url,
    image_bytes,
    stored_files,
    stored_image_names,
)
from tests.objectstore import free_port

pytestmark = pytest.mark.django_db


def test_no_storage_url_is_the_local_disk():
    assert media_storage("") == {
        "BACKEND": "newsroom.media.storage.JournaledFileSystemStorage"
    }


def test_a_storage_url_names_endpoint_bucket_prefix_keys_and_region():
    storage = media_storage(
        "s3://AKIA%2Fkey:se%40cret%2F@store.internal:8333/press/site-a/"
        "?region=eu-central-1&tls=0"
    )

    assert storage["BACKEND"] == "newsroom.media.object_storage.JournaledS3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "press",
        "location": "site-a",
        "access_key": "AKIA/key",
        "secret_key": "se@cret/",
        "region_name": "eu-central-1",
        "addressing_style": "path",
        "signature_version": "s3v4",
        "endpoint_url": "http://store.internal:8333",
        "use_ssl": False,
    }


def test_a_storage_url_without_a_host_is_amazon_s3_over_tls():
    options = media_storage("s3://key:secret@/press?region=eu-west-1")["OPTIONS"]
    assert "endpoint_url" not in options
    assert options["bucket_name"] == "press"


@pytest.mark.parametrize(
    "url",
    [
        "http://key:secret@host/bucket",
        "s3://key:secret@host:8333",
        "s3://key:secret@host:8333/bucket?acl=public-read",
    ],
)
def test_a_wrong_storage_url_refuses_to_start(url):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE_URL"):
        media_storage(url)


def news_with_photo():
    data = add_form_data(NewsItem) | {"lead_image_alt": "A test photo"}
    data["lead_image"] = SimpleUploadedFile("photo.png", image_bytes(size=(1200, 800)))
    return data


def test_an_upload_and_its_renditions_go_to_the_bucket_not_the_disk(
    admin_client, object_storage, media_root
):
    response = admin_client.post(admin_url(NewsItem, "add"), news_with_photo())

    assert response.status_code == 302
    item = NewsItem.objects.get()
    names = stored_image_names(item)
    assert len(names) == 6  # the photo; 480 and 960 px in PNG and WebP; WebP
    assert sorted(names) == object_storage.names()
    assert stored_files(media_root) == []
    assert item.lead_image.url == f"/media/{item.lead_image.name}"


def test_an_editor_upload_goes_to_the_bucket(admin_client, object_storage):
    response = admin_client.post(
        "/admin/editor/upload/",
        {"upload": SimpleUploadedFile("body.png", image_bytes(size=(1200, 800)))},
    )

    assert response.status_code == 200
    image = EditorImage.objects.get()
    assert image.image.name in object_storage.names()
    assert response.json()["url"].startswith("/media/editor/")


def test_the_database_failing_after_the_objects_were_written_leaves_none(
    admin_client, object_storage, monkeypatch
):
    admin_client.raise_request_exception = False
    data = news_with_photo()  # its section and official made before the failure
    written = []
    real_save = S3Storage._save

    def save_and_note(self, name, content):
        written.append(real_save(self, name, content))
        return written[-1]

    def refuse(self, *args, **kwargs):
        self.as_sql()  # the file fields' pre_save: the objects are written
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(S3Storage, "_save", save_and_note)
    monkeypatch.setattr(SQLInsertCompiler, "execute_sql", refuse)

    response = admin_client.post(admin_url(NewsItem, "add"), data)

    assert response.status_code == 503
    monkeypatch.undo()
    assert len(written) == 6  # written, then removed by the journal
    assert object_storage.names() == []
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize("failure", ["credentials refused", "store unreachable"])
def test_the_store_failing_during_an_upload_is_an_error_and_leaves_nothing(
    admin_client, object_storage, settings, failure
):
    admin_client.raise_request_exception = False
    options = dict(settings.STORAGES["default"]["OPTIONS"])
    if failure == "credentials refused":
        options["secret_key"] = "not-the-secret"
    else:
        options["endpoint_url"] = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": options},
    }

    response = admin_client.post(admin_url(NewsItem, "add"), news_with_photo())

    assert response.status_code == 503
    assert "<h1>The file could not be stored</h1>" in response.content.decode()
    assert not NewsItem.objects.exists()
    assert object_storage.names() == []
