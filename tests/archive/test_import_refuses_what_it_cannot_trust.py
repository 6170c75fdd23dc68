"""import_content restores a sound archive and refuses, with its reason and
without a traceback, anything else: not an archive, no manifest, a file that
does not match its checksum, a name outside the media folder, a file listed
but absent, rows that do not fit, a database that is not empty. What it
refuses leaves no row and no file behind, even when the storage fails half-way.

The archives here are built by hand from the format's description
(newsroom/archive/format.py), independently of export_content."""

import hashlib
import io
import json
import re
import tarfile

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.archive.format import FORMAT, VERSION
from newsroom.documents.models import Attachment
from newsroom.statements.models import Statement
from tests.factories import make_statement, pdf_bytes, stored_files, zip_bytes

pytestmark = pytest.mark.django_db

DOCUMENT = "documents/2024/04/authentic-text.pdf"
ANNEX = "documents/2024/04/annex.pdf"


def statement_row(**fields):
    return {
        "model": "statements.statement",
        "pk": 7,
        "fields": {
            "title": "Statement on the session",
            "slug": "statement-on-the-session",
            "summary": "The Council met.",
            "body": "<p>The Council met.</p>",
            "status": "published",
            "published_at": "2024-04-24T09:00:00Z",
            "created_at": "2024-04-24T08:00:00.123456Z",
            "updated_at": "2024-04-24T08:30:00.654321Z",
            "created_by": None,
            "updated_by": None,
            "edit_version": 3,
            "organ": "Council of Foreign Ministers",
            "issued_on": "2024-04-24",
            "place": "Moscow",
            **fields,
        },
    }


def attachment_row(pk=11, name=DOCUMENT):
    return {
        "model": "documents.attachment",
        "pk": pk,
        "fields": {
            "content_type": ["statements", "statement"],
            "object_id": 7,
            "title": "Authentic text",
            "file": name,
            "language": "en",
            "order": 0,
            "size": len(pdf_bytes()),
            "format": "pdf",
            "created_at": "2024-04-24T08:00:00Z",
        },
    }


def _digest(content: bytes) -> dict:
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def archive_bytes(rows=None, files=None, manifest=None, entries=None) -> bytes:
    """An archive of a statement and its document, as export_content lays one
    out; `manifest` and `entries` change the manifest and the ZIP's entries."""
    if rows is None:
        rows = {
            "statements.statement": [statement_row()],
            "documents.attachment": [attachment_row()],
        }
    files = {DOCUMENT: pdf_bytes()} if files is None else files
    data = {
        label: "".join(json.dumps(row) + "\n" for row in lines).encode()
        for label, lines in rows.items()
    }
    about = {
        "format": FORMAT,
        "version": VERSION,
        "passwords": False,
        "data": [
            {"model": label, "rows": len(rows[label]), **_digest(content)}
            for label, content in data.items()
        ],
        "files": [
            {"name": name, **_digest(content)} for name, content in files.items()
        ],
    }
    if manifest:
        manifest(about)
    members = {"manifest.json": json.dumps(about)}
    members |= {f"data/{label}.jsonl": content for label, content in data.items()}
    members |= {f"media/{name}": content for name, content in files.items()}
    if entries:
        entries(members)
    return zip_bytes(members)


def tar_gz_bytes():
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size, info.mtime = 2, 1713949200
        archive.addfile(info, io.BytesIO(b"{}"))
    return buffer.getvalue()


def changed(name, old, new):
    """Edit one entry after its checksum was taken."""

    def edit(members):
        members[name] = members[name].replace(old, new)

    return edit


def outside(name):
    return lambda: archive_bytes(
        rows={"statements.statement": [statement_row()]}, files={name: pdf_bytes()}
    )


appointment_of_no_one = {
    "model": "officials.appointment",
    "pk": 1,
    "fields": {"official": 99, "post": "Envoy", "started_on": "2024-01-01"},
}

BAD_ARCHIVES = {
    "not-a-zip": (lambda: b"%PDF-1.4 not an archive", "is not a ZIP file"),
    "a-tar-gz": (tar_gz_bytes, "is not a ZIP file"),
    "no-manifest": (
        lambda: archive_bytes(entries=lambda members: members.pop("manifest.json")),
        "has no manifest.json",
    ),
    "manifest-not-json": (
        lambda: archive_bytes(
            entries=lambda members: members.update({"manifest.json": "{not json"})
        ),
        "manifest.json is damaged (not readable JSON)",
    ),
    "manifest-of-something-else": (
        lambda: archive_bytes(manifest=lambda about: about.update(format="other")),
        "manifest.json is malformed",
    ),
    "a-newer-format": (
        lambda: archive_bytes(manifest=lambda about: about.update(version=99)),
        "format version 99",
    ),
    "document-changed-after-export": (
        lambda: archive_bytes(
            entries=changed(f"media/{DOCUMENT}", b"/Count 0", b"/Count 9")
        ),
        f"media/{DOCUMENT} does not match its checksum",
    ),
    "rows-changed-after-export": (
        lambda: archive_bytes(
            entries=changed("data/statements.statement.jsonl", b"Moscow", b"Minsk!")
        ),
        "data/statements.statement.jsonl does not match its checksum",
    ),
    "document-of-another-size": (
        lambda: archive_bytes(entries=changed(f"media/{DOCUMENT}", b"%%EOF", b"EOF")),
        "bytes, but the manifest says",
    ),
    "name-in-the-parent-folder": (
        outside("../outside.pdf"),
        "outside the media folder: '../outside.pdf'",
    ),
    "name-climbing-out-of-a-folder": (
        outside("documents/../../outside.pdf"),
        "outside the media folder",
    ),
    "absolute-name": (outside("/tmp/outside.pdf"), "outside the media folder"),
    "windows-name": (outside("..\\outside.pdf"), "outside the media folder"),
    "listed-but-absent": (
        lambda: archive_bytes(entries=lambda members: members.pop(f"media/{DOCUMENT}")),
        f"lists media/{DOCUMENT} but does not contain it",
    ),
    "entry-not-listed": (
        lambda: archive_bytes(
            entries=lambda members: members.update({"media/../evil.sh": b"echo"})
        ),
        "contains 'media/../evil.sh', which its manifest does not list",
    ),
    "rows-of-a-model-never-archived": (
        lambda: archive_bytes(
            rows={"sessions.session": [{"model": "sessions.session", "pk": "k"}]}
        ),
        "rows of sessions.session, which this site does not have",
    ),
    "rows-of-one-model-in-anothers-entry": (
        lambda: archive_bytes(rows={"statements.statement": [attachment_row()]}),
        "The rows of statements.statement include one of documents.attachment",
    ),
    "rows-that-do-not-fit": (
        lambda: archive_bytes(
            rows={"statements.statement": [statement_row(colour="blue")]}
        ),
        "The rows of statements.statement cannot be restored",
    ),
    "an-appointment-of-no-official": (
        lambda: archive_bytes(rows={"officials.appointment": [appointment_of_no_one]}),
        "refer to rows it does not hold",
    ),
    "fewer-rows-than-listed": (
        lambda: archive_bytes(manifest=lambda about: about["data"][0].update(rows=2)),
        "holds 1 rows of statements.statement, but its manifest says 2",
    ),
}


def import_content(path):
    call_command("import_content", path, stdout=io.StringIO(), stderr=io.StringIO())


def assert_nothing_imported(media_root, tmp_path):
    assert not Statement.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    assert not (tmp_path / "outside.pdf").exists()


def test_a_sound_archive_brings_back_its_rows_and_files(tmp_path, media_root):
    path = tmp_path / "backup.zip"
    path.write_bytes(archive_bytes())

    import_content(path)

    statement = Statement.objects.get(pk=7)
    assert statement.edit_version == 3
    assert statement.created_at.microsecond == 123456
    attachment = Attachment.objects.get(pk=11)
    assert attachment.item == statement
    assert (media_root / DOCUMENT).read_bytes() == pdf_bytes()
    assert (
        Statement.objects.create(
            title="Next",
            slug="next",
            summary="Next.",
            organ="Council",
            issued_on="2024-04-25",
        ).pk
        > 7
    )  # the next row gets a new id, not one the archive used


@pytest.mark.parametrize(
    ("build", "message"), BAD_ARCHIVES.values(), ids=BAD_ARCHIVES.keys()
)
def test_a_bad_archive_is_refused_with_its_reason_and_changes_nothing(
    tmp_path, media_root, build, message
):
    path = tmp_path / "backup.zip"
    path.write_bytes(build())

    with pytest.raises(CommandError, match=re.escape(message)):
        import_content(path)

    assert_nothing_imported(media_root, tmp_path)


def test_a_path_that_is_not_there_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        import_content(tmp_path / "nowhere.zip")


def test_a_database_that_holds_content_is_left_alone(tmp_path, media_root):
    make_statement(title="Written here")
    path = tmp_path / "backup.zip"
    path.write_bytes(archive_bytes())

    with pytest.raises(CommandError, match=r"The database is not empty \(it holds "):
        import_content(path)

    assert list(Statement.objects.values_list("title", flat=True)) == ["Written here"]
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_storage_failing_half_way_leaves_no_row_and_no_file(
    tmp_path, media_root, monkeypatch
):
    path = tmp_path / "backup.zip"
    path.write_bytes(
        archive_bytes(
            rows={
                "statements.statement": [statement_row()],
                "documents.attachment": [attachment_row(), attachment_row(12, ANNEX)],
            },
            files={DOCUMENT: pdf_bytes(), ANNEX: pdf_bytes()},
        )
    )
    save = FileSystemStorage._save
    saved = []

    def fail_on_the_second_file(storage, name, content):
        if saved:
            raise OSError("No space left on device")
        saved.append(name)
        return save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", fail_on_the_second_file)

    with pytest.raises(CommandError, match="No space left on device"):
        import_content(path)

    assert saved == [DOCUMENT]  # written, then removed
    assert_nothing_imported(media_root, tmp_path)


def test_a_different_file_under_the_same_name_in_the_media_folder_is_refused(
    tmp_path, media_root
):
    (media_root / DOCUMENT).parent.mkdir(parents=True)
    (media_root / DOCUMENT).write_bytes(b"someone else's file")
    path = tmp_path / "backup.zip"
    path.write_bytes(archive_bytes())

    with pytest.raises(
        CommandError, match=f"already holds a different file named {DOCUMENT}"
    ):
        import_content(path)

    assert not Statement.objects.exists()
    assert (media_root / DOCUMENT).read_bytes() == b"someone else's file"


def test_the_same_file_left_by_an_interrupted_import_is_kept(tmp_path, media_root):
    (media_root / DOCUMENT).parent.mkdir(parents=True)
    (media_root / DOCUMENT).write_bytes(pdf_bytes())
    path = tmp_path / "backup.zip"
    path.write_bytes(archive_bytes())

    import_content(path)

    assert Attachment.objects.get().file.name == DOCUMENT
    assert stored_files(media_root) == [media_root / DOCUMENT]
