"""manage.py export_content PATH: the whole site in one archive file (a ZIP,
newsroom/archive/format.py), for import_content to restore."""

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from newsroom.archive.contents import archived_models, schema, write_rows
from newsroom.archive.format import ArchiveWriter


@contextmanager
def one_moment():
    """Every row read as the database stood at one moment, while the site
    keeps running: a read-only snapshot, which blocks no one who saves."""
    if connection.in_atomic_block:  # the caller's transaction is the snapshot
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
            yield
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE (the settings make every transaction
        # take the write lock): staff could not save until the export ends. A
        # deferred transaction only reads, from one snapshot (WAL mode).
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            yield


class Command(BaseCommand):
    help = (
        "Write all content, officials, sections, revisions, the record, the site "
        "identity, users and roles, and every media file they refer to (with "
        "SHA-256 checksums) to one archive file, for import_content. Password "
        "hashes only with --with-passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. backup.zip.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Include password hashes, so that users can log in after an "
            "import. Without it, imported users must be given new passwords.",
        )

    def handle(self, *args, path, with_passwords, **options):
        started = time.monotonic()
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already; give a new file name.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        # Written under a temporary name beside the target and renamed when it
        # is complete: PATH is never a half-written archive. Readable by the
        # owner only (mkstemp): it holds e-mail addresses, maybe hashes.
        handle, partial = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
        try:
            with os.fdopen(handle, "wb") as file:
                counts, files, missing = self._write(file, with_passwords)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        for name, referrer in missing:
            self.stderr.write(
                f"Not in the storage, so not in the archive: {name} ({referrer})."
            )
        size = sum(entry["size"] for entry in files)
        self.stdout.write(
            f"Exported {sum(counts.values())} rows of {len(counts)} models and "
            f"{len(files)} files ({filesizeformat(size)}) to {target} in "
            f"{time.monotonic() - started:.1f} s."
        )
        if not with_passwords:
            self.stdout.write(
                "Password hashes are not in the archive: imported users will need "
                "new passwords (manage.py changepassword NAME)."
            )

    def _write(self, file, with_passwords):
        writer = ArchiveWriter(file)
        counts, referenced = {}, {}
        with one_moment():
            made_at = timezone.now()
            migrations = schema()
            for model in archived_models():
                label = model._meta.label_lower
                with writer.rows(label) as (stream, entry):
                    entry["rows"], found = write_rows(
                        model, stream, with_passwords=with_passwords
                    )
                counts[label] = entry["rows"]
                for name, referrer in found.items():
                    referenced.setdefault(name, referrer)
        # Files after the rows, outside the snapshot: stored files are never
        # changed in place (every upload gets a new name), so a file the
        # snapshot names is the one it meant, unless it was deleted since.
        missing = []
        for name in sorted(referenced):
            if not default_storage.exists(name):
                missing.append((name, referenced[name]))
                continue
            with default_storage.open(name, "rb") as source:
                writer.add_file(name, source)
        writer.finish(
            made_at=made_at.isoformat(),
            passwords=with_passwords,
            schema=migrations,
            missing=[{"name": name, "referred_to_by": ref} for name, ref in missing],
        )
        return counts, writer.files, missing
