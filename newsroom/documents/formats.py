"""What a document upload may be, decided by its content, never by its name or
the browser's word: PDF, DOCX, XLSX, ODT and plain UTF-8 text.

The checks run before anything is stored. ZIP-based formats are recognised from
the archive's directory alone: nothing is extracted, so a ZIP bomb is refused
from the sizes it declares.
"""

import codecs
import re
import zipfile
import zlib
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class DocumentFormat(models.TextChoices):
    # The value is also the one extension a file of that format may carry.
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"
    TXT = "txt", "TXT"


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document",
    DocumentFormat.XLSX: "application/vnd.openxmlformats-officedocument."
    "spreadsheetml.sheet",
    DocumentFormat.ODT: "application/vnd.oasis.opendocument.text",
    DocumentFormat.TXT: "text/plain; charset=utf-8",
}
ACCEPTED = "PDF, DOCX, XLSX, ODT or plain-text (TXT)"

# ZIP bombs: what a DOCX, XLSX or ODT may declare it expands to, and its entries.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# The central directory is read before the count it holds can be checked; a
# directory larger than this many bytes cannot be an office document's.
MAX_ZIP_DIRECTORY_BYTES = MAX_ZIP_ENTRIES * 512
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Files we refuse, named in the error so staff know what they picked.
_OTHER_KINDS = [
    (b"\x89PNG\r\n\x1a\n", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF8", _("a GIF image")),
    (b"MZ", _("a Windows program")),
    (b"\x7fELF", _("a Linux program (ELF)")),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        _(
            "an old-format or password-protected Microsoft Office file (save it as "
            "DOCX or XLSX without a password)"
        ),
    ),
    (b"{\\rtf", _("an RTF document (save it as DOCX or PDF)")),
    (b"%!PS", _("a PostScript file")),
    (b"Rar!", _("a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", _("a 7-Zip archive")),
    (b"\x1f\x8b", _("a gzip archive")),
]
# C0 controls but tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LEADING_SPACE = " \t\r\n\ufeff"


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def inspect_document(file) -> str:
    """Return the format of an uploaded document, or refuse it.

    Refused: an empty file, one over NEWSROOM_MAX_DOCUMENT_BYTES, a name whose
    extension is not one of ours, content that is none of the formats, a ZIP
    that declares more than MAX_EXPANDED_BYTES or MAX_ZIP_ENTRIES, text that
    looks like HTML or a script, and a file whose name says another format.
    """
    if not isinstance(file, File):
        file = File(file)
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.NEWSROOM_MAX_DOCUMENT_BYTES
    if size > limit:
        raise ValidationError(
            _("The document is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    extension = _extension(file.name or "")
    if extension not in DocumentFormat.values:
        raise ValidationError(
            _("Upload a %(accepted)s document (.%(ext)s files are not accepted)."),
            code="bad_extension",
            params={"accepted": ACCEPTED, "ext": extension or "?"},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        document_format = _detect(file)
    finally:
        file.seek(position)
    if extension != document_format:
        raise ValidationError(
            _("The content is %(format)s but the file is named .%(ext)s."),
            code="format_mismatch",
            params={"format": document_format.label, "ext": extension},
        )
    return document_format


def _detect(file) -> DocumentFormat:
    file.seek(0)
    head = file.read(16)
    if head.startswith(b"%PDF-"):
        return DocumentFormat.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(file)
    problem = _text_problem(file)
    if problem is None:
        return DocumentFormat.TXT
    if problem.code != "markup":
        for signature, kind in _OTHER_KINDS:
            if head.startswith(signature):
                raise ValidationError(
                    _("The file is %(kind)s, not a %(accepted)s document."),
                    code="bad_format",
                    params={"kind": kind, "accepted": ACCEPTED},
                )
        if _extension(file.name or "") != DocumentFormat.TXT:
            raise ValidationError(
                _("The file is not a %(accepted)s document."),
                code="bad_format",
                params={"accepted": ACCEPTED},
            )
    raise problem


def _zip_format(file) -> DocumentFormat:
    """DOCX, XLSX or ODT, told from the ZIP directory; nothing is extracted
    except the few bytes of an ODT's `mimetype` entry."""
    damaged = ValidationError(
        _("The file is a damaged or unreadable DOCX, XLSX or ODT archive."),
        code="bad_archive",
    )
    try:
        file.seek(0)
        end = zipfile._EndRecData(file)
        if end is None:
            raise damaged
        if (
            end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ZIP_ENTRIES
            or end[zipfile._ECD_SIZE] > MAX_ZIP_DIRECTORY_BYTES
        ):
            raise _too_many_entries(end[zipfile._ECD_ENTRIES_TOTAL])
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _too_many_entries(len(entries))
            expanded = sum(entry.file_size for entry in entries)
            if expanded > MAX_EXPANDED_BYTES:
                raise ValidationError(
                    _(
                        "The document would expand to %(size)s when opened; the "
                        "limit is %(limit)s."
                    ),
                    code="zip_bomb",
                    params={
                        "size": filesizeformat(expanded),
                        "limit": filesizeformat(MAX_EXPANDED_BYTES),
                    },
                )
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                return _opendocument_format(archive, entries[0])
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DocumentFormat.DOCX
                if any(name.startswith("xl/") for name in names):
                    return DocumentFormat.XLSX
                raise ValidationError(
                    _(
                        "The file is an Office document of another kind (such as a "
                        "PowerPoint presentation); only DOCX and XLSX are accepted."
                    ),
                    code="bad_format",
                )
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # zipfile: a compression method it cannot read
        RuntimeError,  # an encrypted entry
    ):
        raise damaged from None
    raise ValidationError(
        _("The file is a ZIP archive, not a DOCX, XLSX or ODT document."),
        code="bad_format",
    )


def _opendocument_format(archive, entry) -> DocumentFormat:
    if entry.file_size > 100 or entry.compress_size > 100:
        raise ValidationError(
            _("The file is a damaged or unreadable DOCX, XLSX or ODT archive."),
            code="bad_archive",
        )
    mimetype = archive.read(entry).strip()
    if mimetype == ODT_MIMETYPE:
        return DocumentFormat.ODT
    raise ValidationError(
        _(
            "The file is an OpenDocument file of another kind (%(kind)s); only text "
            "documents (ODT) are accepted."
        ),
        code="bad_format",
        params={"kind": mimetype.decode("ascii", "replace")[:80]},
    )


def _too_many_entries(count) -> ValidationError:
    return ValidationError(
        _("The archive has %(count)s entries; the limit is %(limit)s."),
        code="too_many_entries",
        params={"count": count, "limit": MAX_ZIP_ENTRIES},
    )


def _text_problem(file) -> ValidationError | None:
    """Why the file is not a plain-text document, or None if it is one: UTF-8,
    no NUL or other control characters, and nothing a browser would take for a
    page or a script."""
    markup = ValidationError(
        _(
            "The file looks like a web page or script (HTML), "
            "not a plain-text document."
        ),
        code="markup",
    )
    decoder = codecs.getincrementaldecoder("utf-8")()
    started = False
    tail = ""
    try:
        for chunk in file.chunks():
            text = decoder.decode(chunk)
            if not started:
                stripped = text.lstrip(_LEADING_SPACE)
                if stripped:
                    started = True
                    if stripped.startswith("<"):
                        return markup
            if _CONTROL.search(text):
                return ValidationError(
                    _(
                        "The text file contains NUL bytes or control characters; "
                        "only tabs and line breaks are allowed."
                    ),
                    code="control_characters",
                )
            if "<script" in (tail + text).lower():
                return markup
            tail = text[-len("<script") :]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return ValidationError(_("The text file is not UTF-8 text."), code="not_utf8")
    return None


class ValidatedDocumentFormField(forms.FileField):
    """A document upload checked by `inspect_document`; the format it found
    travels with the file to the model (Attachment.save)."""

    def __init__(self, **kwargs):
        # The stored name is generated (UploadTo), so the name given may be long.
        kwargs["max_length"] = None
        # Not the admin's widget, which links the stored file's media address:
        # documents are reached through the download view only.
        kwargs["widget"] = forms.FileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in DocumentFormat.values)}
        )
        if not kwargs.get("help_text"):
            limit = filesizeformat(settings.NEWSROOM_MAX_DOCUMENT_BYTES)
            kwargs["help_text"] = f"{ACCEPTED}, up to {limit}."
        super().__init__(**kwargs)

    def to_python(self, data):
        data = super().to_python(data)
        if data is not None:
            data.document_format = inspect_document(data)
        return data


class DocumentField(models.FileField):
    """A FileField whose form field checks the upload by content."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValidatedDocumentFormField, **kwargs})
