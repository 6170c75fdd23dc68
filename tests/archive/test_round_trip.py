"""export_content then import_content into an empty database gives back every
row and every file as they were, even where the new database numbers its
content types, permissions and groups its own way; password hashes travel
only when asked."""

import hashlib
import io
import json
import shutil
import zipfile

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import models
from reversion.models import Revision, Version

from newsroom.accounts.roles import EDITOR
from newsroom.archive.contents import archived_models
from newsroom.desk.models import EditorialNote, NotificationPreference
from newsroom.documents.models import Attachment
from newsroom.identity.models import SiteIdentity, SocialLink
from newsroom.media.models import EditorImage
from newsroom.officials.models import Appointment
from newsroom.publishing import workflow
from newsroom.publishing.models import WorkflowEvent
from newsroom.publishing.registry import content_kinds
from newsroom.statements.models import Statement
from tests.factories import image_bytes, make_statement, pdf_bytes, staff

PASSWORD = "correct horse battery staple"
# Rows each database makes and numbers its own way: compared by natural key.
RENUMBERED = (ContentType, Permission, Group)
# Not archived, on purpose (newsroom/archive/contents.py says why).
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "otp_totp.totpdevice",
    "accounts.twofactorrequirement",
} | {model._meta.label_lower for model in apps.get_app_config("axes").get_models()}


@pytest.fixture
def site(transactional_db, media_root):
    """The demo content, and one of each other thing an archive carries: a
    staff member in a role, an editor image used in a body, a statement with
    its document and its revision, the record, the admin's log, a social link
    of the identity (whose emblem the demo content made)."""
    call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())
    editor = staff(EDITOR, username="elena", password=PASSWORD)
    identity = SiteIdentity.objects.get()
    SocialLink.objects.create(
        identity=identity, label="Telegram", url="https://t.me/example"
    )
    chart = EditorImage.objects.create(
        image=ContentFile(image_bytes(size=(600, 40)), name="chart.png"),
        uploaded_by=editor,
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Issued")
        statement = make_statement(
            title="Statement on the session",
            body=f'<p><img src="{chart.image.url}" alt="Chart"></p>',
            created_by=editor,
            updated_by=editor,
        )
        Attachment.objects.create(
            item=statement,
            title="Authentic text",
            file=ContentFile(pdf_bytes(), name="text.pdf"),
        )
    workflow.record(editor, WorkflowEvent.Action.PUBLISHED, statement, "at once")
    EditorialNote.objects.create(
        content_type=ContentType.objects.get_for_model(Statement),
        object_id=statement.pk,
        author=editor,
        author_name=editor.username,
        text="Checked against the authentic text.\nPublish with the PDF.",
    )
    NotificationPreference.objects.create(user=editor, on_publication=False)
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Statement),
        object_id=str(statement.pk),
        object_repr=str(statement),
        action_flag=CHANGE,
        change_message="[]",
    )
    return statement


# --- What the comparison sees -------------------------------------------------


def _stored_rows(version):
    """A revision's rows, with content types by natural key."""
    rows = json.loads(version.serialized_data)
    for row in rows:
        model = apps.get_model(row["model"])
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            if field.is_relation and field.related_model is ContentType and value:
                row["fields"][name] = ContentType.objects.get_for_id(
                    value
                ).natural_key()
    return rows


def _value(obj, field):
    if field.is_relation and field.related_model in RENUMBERED:
        related = getattr(obj, field.name)
        return related.natural_key() if related is not None else None
    if isinstance(obj, Version) and field.name == "serialized_data":
        return _stored_rows(obj)
    if isinstance(field, models.FileField):
        return getattr(obj, field.name).name
    return field.value_from_object(obj)


def _related(obj, field):
    related = getattr(obj, field.name).all()
    if field.related_model in RENUMBERED:
        return sorted(row.natural_key() for row in related)
    return sorted(row.pk for row in related)


def rows_of_every_archived_model():
    """{model: {id or natural key: {field: value}}}, passwords aside."""
    snapshot = {}
    for model in archived_models():
        rows = {}
        for obj in model._base_manager.all():
            renumbered = model in RENUMBERED
            values = {
                field.name: _value(obj, field)
                for field in model._meta.concrete_fields
                if field.name != "password" and not (renumbered and field.primary_key)
            }
            values |= {
                field.name: _related(obj, field) for field in model._meta.many_to_many
            }
            rows[obj.natural_key() if renumbered else obj.pk] = values
        snapshot[model._meta.label_lower] = rows
    return snapshot


def media_checksums(media_root):
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in media_root.rglob("*")
        if path.is_file()
    }


def empty_database_numbered_differently():
    """Empty every table, then let migrate's receivers make the content types,
    permissions and roles again after a few placeholders: each of them gets
    another id than it had."""
    call_command("flush", "--no-input", inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    gaps = [ContentType.objects.create(app_label="gap", model=f"gap{n}") for n in "ab"]
    gap_group = Group.objects.create(name="Gap")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    gap_group.delete()
    for gap in gaps:
        gap.delete()


# --- The tests ----------------------------------------------------------------


def test_every_model_is_archived_or_left_out_on_purpose():
    archived = {model._meta.label_lower for model in archived_models()}
    every = {model._meta.label_lower for model in apps.get_models()}
    assert every - archived == LEFT_OUT
    assert {kind.model._meta.label_lower for kind in content_kinds} <= archived


def test_the_demo_content_comes_back_row_for_row_and_file_for_file(
    site, client, media_root, tmp_path
):
    before = rows_of_every_archived_model()
    files_before = media_checksums(media_root)
    statement_kind = ContentType.objects.get_for_model(Statement).pk
    for model in [
        *(kind.model for kind in content_kinds),
        Appointment, Attachment, EditorImage, SiteIdentity, SocialLink, WorkflowEvent,
        Revision, Version, LogEntry, get_user_model(), Group, EditorialNote,
        NotificationPreference,
    ]:  # fmt: skip
        assert before[model._meta.label_lower], f"no {model.__name__} to compare"
    archive = tmp_path / "backup.zip"

    call_command("export_content", archive, stdout=io.StringIO())
    empty_database_numbered_differently()
    shutil.rmtree(media_root)
    assert ContentType.objects.get_for_model(Statement).pk != statement_kind
    assert not Statement.objects.exists()
    call_command("import_content", archive, stdout=io.StringIO())

    assert rows_of_every_archived_model() == before
    assert media_checksums(media_root) == files_before
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    assert {entry["name"]: entry["sha256"] for entry in manifest["files"]} == (
        files_before
    )
    assert manifest["missing"] == []
    # The revision of the document names the statement kind by this database's id.
    attachment = Attachment.objects.get()
    stored = Version.objects.get_for_object(attachment).get()._object_version.object
    assert stored.content_type == ContentType.objects.get_for_model(Statement)
    # The site serves what came back.
    statement = Statement.objects.get()
    assert client.get(statement.get_absolute_url()).status_code == 200
    download = client.get(attachment.get_absolute_url())
    assert b"".join(download.streaming_content) == pdf_bytes()
    # Without --with-passwords, nobody can log in until given a new password.
    assert not any(
        user.has_usable_password() for user in get_user_model().objects.all()
    )


@pytest.mark.parametrize("with_passwords", [False, True], ids=["default", "asked"])
def test_password_hashes_travel_only_with_with_passwords(db, tmp_path, with_passwords):
    elena = staff(EDITOR, username="elena", password=PASSWORD)
    archive = tmp_path / "backup.zip"
    options = ["--with-passwords"] if with_passwords else []

    call_command("export_content", archive, *options, stdout=io.StringIO())
    get_user_model().objects.all().delete()
    call_command("import_content", archive, stdout=io.StringIO())

    with zipfile.ZipFile(archive) as opened:
        users = opened.read("data/auth.user.jsonl").decode()
    assert (elena.password in users) is with_passwords
    restored = get_user_model().objects.get(username="elena")
    assert restored.pk == elena.pk
    assert list(restored.groups.values_list("name", flat=True)) == [EDITOR]
    assert restored.check_password(PASSWORD) is with_passwords
    assert restored.has_usable_password() is with_passwords
