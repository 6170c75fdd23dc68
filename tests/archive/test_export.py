"""export_content archives every file a row or a revision refers to, says which
ones the storage has lost, never overwrites an archive and keeps it private."""

import io
import json
import stat
import zipfile

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import image_bytes, make_news, make_statement, pdf_bytes

pytestmark = pytest.mark.django_db


def export(path, **streams):
    call_command("export_content", path, stdout=io.StringIO(), **streams)
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json")), set(archive.namelist())


def test_an_image_only_an_earlier_revision_shows_is_archived(tmp_path):
    with reversion.create_revision():
        item = make_news(
            lead_image=ContentFile(image_bytes(size=(40, 30)), name="first.png"),
            lead_image_alt="The first photo",
        )
    first = item.lead_image.name
    item.lead_image = ContentFile(image_bytes(size=(30, 40)), name="second.png")
    item.save()

    manifest, entries = export(tmp_path / "backup.zip")

    assert first != item.lead_image.name
    assert {f"media/{first}", f"media/{item.lead_image.name}"} <= entries


def test_a_file_only_a_body_links_to_is_archived(tmp_path):
    name = default_storage.save("editor/2024/04/chart.png", ContentFile(image_bytes()))
    make_statement(body=f'<p><img src="/media/{name}" alt="Chart"></p>')

    manifest, entries = export(tmp_path / "backup.zip")

    assert f"media/{name}" in entries


def test_a_file_the_storage_lost_is_named_and_listed_as_missing(tmp_path):
    item = make_statement()
    item.attachments.create(
        title="Authentic text", file=ContentFile(pdf_bytes(), name="text.pdf")
    )
    attachment = item.attachments.get()
    lost = attachment.file.name
    default_storage.delete(lost)
    errors = io.StringIO()

    manifest, entries = export(tmp_path / "backup.zip", stderr=errors)

    assert f"Not in the storage, so not in the archive: {lost}" in errors.getvalue()
    assert manifest["missing"] == [
        {"name": lost, "referred_to_by": f"documents.attachment {attachment.pk}"}
    ]
    assert f"media/{lost}" not in entries


def test_an_existing_archive_is_never_overwritten(tmp_path):
    path = tmp_path / "backup.zip"
    path.write_bytes(b"last night's backup")

    with pytest.raises(CommandError, match="exists already"):
        call_command("export_content", path, stdout=io.StringIO())

    assert path.read_bytes() == b"last night's backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.zip"]


def test_the_archive_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "backup.zip"

    export(path)

    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
