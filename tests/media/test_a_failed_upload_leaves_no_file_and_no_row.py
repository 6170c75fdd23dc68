"""Storage failing during an upload, or the database failing after the files
were written: an error for the staff member, no row pointing at a missing
file, no orphan file (checklist 40)."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.models.sql.compiler import SQLInsertCompiler

from newsroom.news.models import NewsItem
from tests.factories import add_form_data, admin_url, image_bytes, stored_files

pytestmark = pytest.mark.django_db


def news_with_photo():
    data = add_form_data(NewsItem) | {"lead_image_alt": "A test photo"}
    data["lead_image"] = SimpleUploadedFile("photo.png", image_bytes(size=(1200, 800)))
    return data


def post_news_with_photo(client, data=None):
    return client.post(admin_url(NewsItem, "add"), data or news_with_photo())


@pytest.fixture
def disk_full_after(monkeypatch):
    """The disk fills up after `n` files have been written."""

    def fill_after(n):
        real_save = FileSystemStorage._save
        written = []

        def save(self, name, content):
            if len(written) >= n:
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(name)
            return real_save(self, name, content)

        monkeypatch.setattr(FileSystemStorage, "_save", save)
        return written

    return fill_after


@pytest.mark.parametrize("files_before_failure", [0, 3])
def test_a_full_disk_during_an_upload_is_an_error_and_leaves_nothing(
    admin_client, media_root, disk_full_after, files_before_failure
):
    admin_client.raise_request_exception = False
    written = disk_full_after(files_before_failure)

    response = post_news_with_photo(admin_client)

    page = response.content.decode()
    assert response.status_code == 503
    assert "<h1>The file could not be stored</h1>" in page
    assert "nothing was saved" in page
    assert "No space left" not in page
    assert len(written) == files_before_failure
    assert not NewsItem.objects.exists()
    assert stored_files(media_root) == []


def test_the_database_failing_after_the_files_were_written_leaves_no_file(
    admin_client, media_root, monkeypatch
):
    admin_client.raise_request_exception = False
    data = news_with_photo()  # its section and official made before the failure

    def refuse(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SQLInsertCompiler, "execute_sql", refuse)

    response = post_news_with_photo(admin_client, data)

    assert response.status_code == 503
    monkeypatch.undo()
    assert not NewsItem.objects.exists()
    assert stored_files(media_root) == []


def test_a_saved_upload_keeps_its_files(admin_client, media_root):
    response = post_news_with_photo(admin_client)

    assert response.status_code == 302
    item = NewsItem.objects.get()
    names = {str(path.relative_to(media_root)) for path in stored_files(media_root)}
    assert item.lead_image.name in names
    sources = {source["name"] for source in item.lead_image_renditions["sources"]}
    assert sources and sources <= names
