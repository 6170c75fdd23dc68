"""Tiny documents built by the tests themselves: valid ones of every accepted
format, and the bad files each check must refuse."""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """A ZIP of `entries` ({name: bytes or str}), in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            # The ODT spec stores `mimetype` first and uncompressed.
            kind = zipfile.ZIP_STORED if name == "mimetype" else compression
            archive.writestr(name, content, compress_type=kind)
    return buffer.getvalue()


def pdf():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def docx():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt(mimetype=ODT_MIMETYPE):
    return zip_bytes(
        {
            "mimetype": mimetype,
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        }
    )


def txt():
    return "Final communiqué\tCSTO\r\nЗаявление Секретаря\n".encode()


def png():
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def windows_program():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


def linux_program():
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100


@functools.cache
def zip_bomb():
    """A DOCX-shaped ZIP of ~200 KB whose entries expand to 210 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        megabyte = bytes(1024 * 1024)
        for n in range(3):
            with archive.open(f"word/media/fill{n}.bin", "w") as entry:
                for _ in range(70):
                    entry.write(megabyte)
    return buffer.getvalue()


@functools.cache
def zip_with_many_entries():
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>"}
        | {f"word/part{n}.xml": "" for n in range(10_001)},
        compression=zipfile.ZIP_STORED,
    )


VALID = {
    "pdf": pdf,
    "docx": docx,
    "xlsx": xlsx,
    "odt": odt,
    "txt": txt,
}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
