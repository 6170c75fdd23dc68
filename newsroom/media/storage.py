"""Uploads never outlive the save that failed (checklist 40).

A file is written (model field pre_save, renditions) before the row that names
it is committed. If the storage fails half-way (disk full), or the database
fails after the files were written, the transaction rolls back and the files
already written would be orphans. So, during a request:

- every file the storage writes is noted in the request's journal, and kept
  once the transaction that was open when it was written commits
  (transaction.on_commit; at once outside a transaction);
- when the request ends, the files never kept are deleted
  (UploadJournalMiddleware);
- a failing write is StorageFailed, which the middleware turns into a 503 page
  that tells the staff member nothing was saved.

The journal is a mixin (JournaledStorageMixin) over any Django storage: the
local disk (JournaledFileSystemStorage, below) and S3-compatible object storage
(newsroom/media/object_storage.py) keep the same guarantee.
"""

import contextvars
import logging

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext as _

from newsroom.site.faults import unavailable

logger = logging.getLogger(__name__)

# (storage, name) -> its on_commit callback, for the files written during the
# request and not yet kept.
_journal: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "upload_journal", default=None
)


class StorageFailed(Exception):
    """The storage could not write a file (disk full, permissions, S3 down)."""


class JournaledStorageMixin:
    """Journals every file the storage writes during a request (above).

    `write_errors` are the exceptions of the backend that mean "could not
    store": they become StorageFailed.
    """

    write_errors: tuple[type[BaseException], ...] = (OSError,)

    def save(self, name, content, max_length=None):
        # Around the whole save: choosing a free name asks the storage too.
        try:
            return super().save(name, content, max_length=max_length)
        except self.write_errors as error:
            raise StorageFailed(f"could not store {name}: {error}") from error

    def _save(self, name, content):
        name = super()._save(name, content)
        journal = _journal.get()
        if journal is not None:
            entry = (self, name)

            def keep():
                journal.pop(entry, None)

            journal[entry] = keep
            transaction.on_commit(keep)
        return name


class JournaledFileSystemStorage(JournaledStorageMixin, FileSystemStorage):
    """The local disk (the embedded default), journaled (above)."""


def _pending_commit(callback) -> bool:
    """Whether `callback` still waits for an enclosing transaction to commit
    (not discarded by a rollback): a transaction around the whole request
    (tests, ATOMIC_REQUESTS) commits after the middleware has finished."""
    connection = transaction.get_connection()
    return any(entry[1] is callback for entry in connection.run_on_commit)


class UploadJournalMiddleware:
    """Deletes the files a request wrote that no committed transaction kept,
    and answers a storage failure with a 503 that says nothing was saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        journal: dict = {}
        token = _journal.set(journal)
        try:
            return self.get_response(request)
        finally:
            _journal.reset(token)
            for (storage, name), keep in list(journal.items()):
                if _pending_commit(keep):
                    continue
                try:
                    storage.delete(name)
                except Exception:
                    logger.exception("Could not remove the orphan file %s", name)

    def process_exception(self, request, exception):
        if isinstance(exception, StorageFailed):
            logger.error("Storage failed: %s %s", request.method, request.path,
                         exc_info=exception)  # fmt: skip
            return unavailable(
                _("The file could not be stored"),
                _(
                    "The file storage is full or unavailable, so nothing was saved: "
                    "not the item, not the file. Go back, and try again in a few "
                    "minutes; if it fails again, tell the site administrator."
                ),
            )
        return None
