"""manage.py import_content PATH: restore an archive of export_content into an
empty database, all or nothing."""

import tempfile
import time

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from newsroom.archive.contents import (
    archived_models,
    load_rows,
    restore_order,
    rows_in_the_way,
    schema,
)
from newsroom.archive.format import ArchiveError, ArchiveReader, sha256_of
from newsroom.caching.signals import content_changed

# What bad rows raise on the way in (a row that does not fit the schema, a
# reference to nothing, a broken line), as opposed to a fault of this code.
ROW_ERRORS = (DeserializationError, DatabaseError, ValidationError, ValueError)


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_content into an empty database "
        "(after `migrate`) and the media storage. Every file is checked against "
        "its SHA-256 first; rows and files go in together or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive, e.g. backup.zip.")

    def handle(self, *args, path, **options):
        started = time.monotonic()
        try:
            with ArchiveReader(path) as archive:
                archive.verify()
                plan = restore_order(archive.data)
                self._warn_about_schema(archive.manifest.get("schema"))
                rows, written = self._restore(archive, plan)
                # Rows go in by bulk inserts and updates, which send no
                # signals: cached pages are left behind here.
                content_changed()
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Imported {rows} rows of {len(plan)} models and {len(archive.files)} "
            f"files ({written} written to the storage) from {path} in "
            f"{time.monotonic() - started:.1f} s."
        )
        if not archive.manifest["passwords"]:
            self.stdout.write(
                "The archive has no password hashes: every imported user has an "
                "unusable password until given one (manage.py changepassword NAME)."
            )

    def _warn_about_schema(self, archived):
        if not isinstance(archived, dict):
            return
        here = schema()
        differ = sorted(
            app
            for app in set(archived) | set(here)
            if archived.get(app) != here.get(app)
        )
        if differ:
            self.stderr.write(
                "The archive was made by a site whose migrations differ from this "
                f"database's ({', '.join(differ)}). If rows do not fit, migrate to "
                "the version of the site that made the archive, import, then migrate."
            )

    def _restore(self, archive, plan):
        written = []  # stored names this import wrote, removed if it fails
        try:
            with transaction.atomic():
                in_the_way = rows_in_the_way(archived_models())
                if in_the_way:
                    listed = ", ".join(f"{name}: {n}" for name, n in in_the_way.items())
                    raise ArchiveError(
                        f"The database is not empty (it holds {listed}). "
                        "import_content restores into an empty database: create one "
                        "and run `manage.py migrate` (or empty this one with "
                        "`manage.py flush`), then import again. Nothing was imported."
                    )
                to_write = self._files_to_write(archive)
                rows = 0
                for model, entry in plan:
                    rows += self._load(archive, model, entry)
                self._reset_sequences([model for model, _ in plan])
                # Deferred foreign keys are checked now, before any file is
                # written, rather than at COMMIT.
                try:
                    connection.check_constraints()
                except DatabaseError as error:
                    raise ArchiveError(
                        f"The archive's rows refer to rows it does not hold: {error}. "
                        "Nothing was imported."
                    ) from None
                # Files last: the rows are in, and the transaction ends only
                # after every file is stored.
                for entry in to_write:
                    self._store(archive, entry, written)
        except BaseException:
            for name in written:
                try:
                    default_storage.delete(name)
                except Exception as error:
                    self.stderr.write(f"Could not remove {name} again: {error}")
            raise
        return rows, len(written)

    def _files_to_write(self, archive) -> list[dict]:
        """Files the storage lacks. A name it holds already must hold the same
        bytes (an earlier, interrupted import): anything else is refused, as
        the storage would store the archive's file under another name."""
        to_write = []
        for entry in archive.files:
            name = entry["name"]
            if not default_storage.exists(name):
                to_write.append(entry)
                continue
            with default_storage.open(name, "rb") as stored:
                sha256, size = sha256_of(stored)
            if (sha256, size) != (entry["sha256"], entry["size"]):
                raise ArchiveError(
                    f"The media storage already holds a different file named {name}. "
                    "Import into an empty media folder. Nothing was imported."
                )
        return to_write

    def _load(self, archive, model, entry) -> int:
        label = entry["model"]
        try:
            with archive.rows(entry) as stream:
                count = load_rows(
                    model, stream, passwords=archive.manifest["passwords"]
                )
        except ROW_ERRORS as error:
            reason = str(error) or repr(error.__cause__)
            raise ArchiveError(
                f"The rows of {label} cannot be restored: {reason}. Nothing was "
                "imported."
            ) from None
        if count != entry["rows"]:
            raise ArchiveError(
                f"The archive holds {count} rows of {label}, but its manifest says "
                f"{entry['rows']}. Nothing was imported."
            )
        return count

    def _reset_sequences(self, models):
        """Ids were given, not drawn: the next new row must not reuse one."""
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def _store(self, archive, entry, written):
        name = entry["name"]
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as copy:
            archive.copy_file(entry, copy)
            copy.seek(0)
            try:
                stored = default_storage.save(name, File(copy, name=name))
            except Exception as error:  # whatever the backend raises (disk, S3)
                raise ArchiveError(
                    f"The storage could not store {name} ({error}). Nothing was "
                    "imported."
                ) from error
        written.append(stored)
        if stored != name:
            raise ArchiveError(
                f"The storage stored {name} as {stored}; import into an empty "
                "media folder. Nothing was imported."
            )
