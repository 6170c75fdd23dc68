"""The archive file: one ZIP that holds everything, checked before it is trusted.

    manifest.json                 what the archive holds, with a SHA-256 of each entry
    data/<app_label>.<model>.jsonl  the rows of one model, one JSON object a line
                                  (Django's "jsonl" serializer, natural keys)
    media/<stored name>           every file the rows point to, under the name the
                                  storage knows it by (images/2024/04/<uuid>.jpg)

A ZIP rather than a .tar.gz because the importer needs random access: it reads
the manifest first and then checks each entry against it one at a time,
straight from the file, without unpacking anything to disk (a .tar.gz is one
compressed stream: to reach the manifest, or any one file, it must be read
from the start). A ZIP also has no links, devices or permissions to
filter, each entry carries its own CRC, images and documents are stored as
they are (they are compressed already) while the rows are deflated, and any
operating system opens it. The SHA-256 of every entry is in the manifest; the
importer refuses an archive whose manifest is missing or malformed, that
lists a name outside the media folder, that lacks an entry it lists or holds
one it does not list, or whose entry does not match its size or checksum.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.utils import timezone

FORMAT = "newsroom-content-archive"
VERSION = 1
MANIFEST = "manifest.json"
# A manifest lists rows per model and one line per file: 64 MB is millions of
# files. Anything larger is not ours (and is not read into memory).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024
# Stored as they are: compressing them again costs time and saves nothing.
ALREADY_COMPRESSED = {"jpg", "jpeg", "png", "webp", "gif", "docx", "xlsx", "odt", "zip"}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MODEL_LABEL = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+")


class ArchiveError(Exception):
    """An archive that cannot be trusted or read; the message says why."""


def data_entry(label: str) -> str:
    return f"data/{label}.jsonl"


def media_entry(name: str) -> str:
    return f"media/{name}"


def check_media_name(name) -> str:
    """`name` if it is a stored file's name inside the media folder; else
    ArchiveError. Storage names are relative, with "/" between folders."""
    if not isinstance(name, str) or not name:
        raise ArchiveError(f"The manifest lists a file without a name: {name!r}.")
    escapes = (
        name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"[A-Za-z]:", name)
        or any(part in ("", ".", "..") for part in name.split("/"))
    )
    if escapes:
        raise ArchiveError(
            f"The manifest lists a file outside the media folder: {name!r}. "
            "Nothing was imported."
        )
    return name


class _Digest(io.RawIOBase):
    """Writes through to `raw`, counting the bytes and hashing them."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.raw.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


def sha256_of(stream) -> tuple[str, int]:
    """(hex SHA-256, size) of what `stream` holds from where it is."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class ArchiveWriter:
    """Writes an archive to `file` (an open binary file); `finish()` adds the
    manifest and closes the ZIP."""

    def __init__(self, file):
        self._zip = zipfile.ZipFile(file, "w", allowZip64=True)
        self._date = timezone.localtime().timetuple()[:6]
        self.data: list[dict] = []
        self.files: list[dict] = []

    def _entry(self, name, compress=True):
        info = zipfile.ZipInfo(name, date_time=self._date)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        return self._zip.open(info, "w", force_zip64=True)

    @contextmanager
    def rows(self, label: str):
        """A text stream for the rows of model `label`; yields it and the
        manifest entry, where the caller puts the number of rows."""
        entry = {"model": label, "rows": 0}
        with self._entry(data_entry(label)) as member:
            digest = _Digest(member)
            text = io.TextIOWrapper(digest, encoding="utf-8", newline="\n")
            yield text, entry
            text.flush()
            text.detach()
        entry.update(size=digest.size, sha256=digest.sha256.hexdigest())
        self.data.append(entry)

    def add_file(self, name: str, source) -> dict:
        """Copy the stored file `name` from the open binary `source`."""
        extension = PurePosixPath(name).suffix.lower().lstrip(".")
        with self._entry(media_entry(name), extension not in ALREADY_COMPRESSED) as m:
            digest = _Digest(m)
            while chunk := source.read(CHUNK):
                digest.write(chunk)
        entry = {"name": name, "size": digest.size, "sha256": digest.sha256.hexdigest()}
        self.files.append(entry)
        return entry

    def finish(self, **about):
        manifest = {"format": FORMAT, "version": VERSION, **about}
        manifest.update(data=self.data, files=self.files)
        info = zipfile.ZipInfo(MANIFEST, date_time=self._date)
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, json.dumps(manifest, indent=1, ensure_ascii=False))
        self._zip.close()


# What reading a damaged ZIP raises, whichever part is damaged.
# (RuntimeError: an encrypted entry; NotImplementedError: an unknown compression.)
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


class ArchiveReader:
    """An archive opened for import: `manifest` is read and checked at once;
    `verify()` checks every entry; nothing is written anywhere."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise ArchiveError(f"{self.path} does not exist or is not a file.")
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = self._zip.infolist()
        except _DAMAGED:
            raise ArchiveError(
                f"{self.path} is not an archive made by export_content "
                "(it is not a ZIP file)."
            ) from None
        self._members = {info.filename: info for info in infos}
        if len(self._members) != len(infos):
            raise ArchiveError(f"{self.path} holds two entries of the same name.")
        self.manifest = self._read_manifest()

    def close(self):
        self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- The manifest -------------------------------------------------------------

    def _read_manifest(self) -> dict:
        info = self._members.get(MANIFEST)
        if info is None:
            raise ArchiveError(
                f"{self.path} has no {MANIFEST}: it is not an archive made by "
                "export_content, or it is incomplete."
            )
        if info.file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError(f"The archive's {MANIFEST} is too large to be ours.")
        try:
            manifest = json.loads(self._zip.read(info))
        except _DAMAGED:
            raise ArchiveError(
                f"The archive's {MANIFEST} is damaged (not readable JSON)."
            ) from None
        _check_manifest(manifest)
        return manifest

    @property
    def files(self) -> list[dict]:
        return self.manifest["files"]

    @property
    def data(self) -> list[dict]:
        return self.manifest["data"]

    # --- The entries ----------------------------------------------------------------

    def verify(self) -> None:
        """Every entry the manifest lists is there, with its size and SHA-256,
        and there is nothing else."""
        listed = {MANIFEST: None}
        listed |= {data_entry(entry["model"]): entry for entry in self.data}
        listed |= {media_entry(entry["name"]): entry for entry in self.files}
        for name in listed:
            if name not in self._members:
                raise ArchiveError(
                    f"The archive lists {name} but does not contain it: it is "
                    "incomplete. Nothing was imported."
                )
        for name in self._members:
            if name not in listed:
                raise ArchiveError(
                    f"The archive contains {name!r}, which its manifest does not "
                    "list. Nothing was imported."
                )
        for name, entry in listed.items():
            if entry is not None:
                self._check_digest(name, entry)

    def _open(self, name: str, entry: dict):
        info = self._members[name]
        if info.file_size != entry["size"]:
            raise ArchiveError(
                f"{name} is {info.file_size} bytes, but the manifest says "
                f"{entry['size']}: the archive is damaged or was changed after "
                "export. Nothing was imported."
            )
        return self._zip.open(info)

    def _check_digest(self, name: str, entry: dict) -> None:
        try:
            with self._open(name, entry) as stream:
                sha256, size = sha256_of(stream)
        except _DAMAGED:
            raise ArchiveError(
                f"{name} cannot be read: the archive is damaged."
            ) from None
        if (sha256, size) != (entry["sha256"], entry["size"]):
            raise ArchiveError(
                f"{name} does not match its checksum in the manifest: the archive "
                "is damaged or was changed after export. Nothing was imported."
            )

    @contextmanager
    def rows(self, entry: dict):
        """The rows of one data entry, as a text stream of JSON lines."""
        name = data_entry(entry["model"])
        with self._open(name, entry) as member:
            text = io.TextIOWrapper(member, encoding="utf-8", newline="\n")
            yield text
            text.detach()

    def copy_file(self, entry: dict, destination) -> None:
        """Copy a media entry into the open binary `destination`, checking its
        SHA-256 again on the way (the bytes written are the bytes checked)."""
        name = media_entry(entry["name"])
        digest = _Digest(destination)
        with self._open(name, entry) as member:
            while True:
                try:
                    chunk = member.read(CHUNK)
                except _DAMAGED:
                    raise ArchiveError(
                        f"{name} cannot be read: it is damaged."
                    ) from None
                if not chunk:
                    break
                digest.write(chunk)
        if (digest.sha256.hexdigest(), digest.size) != (entry["sha256"], entry["size"]):
            raise ArchiveError(f"{name} changed while it was being imported.")


def _check_manifest(manifest) -> None:
    def require(condition, what):
        if not condition:
            raise ArchiveError(f"The archive's {MANIFEST} is malformed: {what}.")

    require(isinstance(manifest, dict), "not an object")
    require(
        manifest.get("format") == FORMAT,
        f"it does not describe a {FORMAT} (made by export_content)",
    )
    version = manifest.get("version")
    require(isinstance(version, int), "no format version")
    if version > VERSION:
        raise ArchiveError(
            f"The archive is in format version {version}; this site reads version "
            f"{VERSION} at most. Import it with the version of the site that made it."
        )
    require(isinstance(manifest.get("passwords"), bool), "no 'passwords' flag")
    data, files = manifest.get("data"), manifest.get("files")
    require(isinstance(data, list) and isinstance(files, list), "no data or files list")
    labels = set()
    for entry in data:
        require(isinstance(entry, dict), "a data entry is not an object")
        label = entry.get("model")
        require(
            isinstance(label, str) and _MODEL_LABEL.fullmatch(label),
            f"a data entry names no model ({label!r})",
        )
        require(label not in labels, f"{label} is listed twice")
        labels.add(label)
        require(isinstance(entry.get("rows"), int), f"{label} has no row count")
        _check_digest_fields(entry, label, require)
    names = set()
    for entry in files:
        require(isinstance(entry, dict), "a file entry is not an object")
        name = check_media_name(entry.get("name"))
        require(name not in names, f"{name} is listed twice")
        names.add(name)
        _check_digest_fields(entry, name, require)


def _check_digest_fields(entry, what, require):
    require(
        isinstance(entry.get("size"), int) and entry["size"] >= 0,
        f"{what} has no size",
    )
    require(
        isinstance(entry.get("sha256"), str) and _SHA256.fullmatch(entry["sha256"]),
        f"{what} has no SHA-256",
    )
