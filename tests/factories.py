"""Plain builders for tests, shared by every test module (no test module imports
another): real rows with sensible defaults, the admin's forms as a browser posts
them, and small files built in memory (images, documents), always the same
bytes for the same call."""

import datetime
import functools
import io
import itertools
import struct
import zipfile
import zlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.widgets import CheckboxInput, ClearableFileInput, FileInput
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from newsroom.events.models import Event, EventKind
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement

_sequence = itertools.count(1)


def _n():
    return next(_sequence)


# --- Rows ------------------------------------------------------------------------


def make_user(username=None, **fields):
    username = username or f"user{_n()}"
    password = fields.pop("password", "correct horse battery staple")
    fields.setdefault("email", f"{username}@example.org")  # "" for an account without
    return get_user_model().objects.create_user(username, password=password, **fields)


def staff(role=None, username=None, **fields):
    """A staff account in `role` (a group name; None: staff, but in no role)."""
    user = make_user(username, is_staff=True, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def two_factor_device(user, confirmed=True):
    """A TOTP device (an authenticator app) of `user`, confirmed unless said."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed)


def totp_code(device, at=None) -> str:
    """The code `device`'s app shows at Unix time `at` (now when None): derived
    from the secret as the app does, so tests need no clock of their own."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def make_section(**fields):
    n = _n()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_official(**fields):
    n = _n()
    fields.setdefault("name", f"Sample Official {n}")
    fields.setdefault("slug", f"sample-official-{n}")
    fields.setdefault("position", "Sample position")
    return Official.objects.create(**fields)


def _publishing_defaults(fields, noun):
    n = _n()
    fields.setdefault("title", f"Sample {noun} {n}")
    fields.setdefault("slug", f"sample-{noun}-{n}")
    fields.setdefault("summary", f"Summary of sample {noun} {n}.")
    fields.setdefault("body", f"<p>Body of sample {noun} {n}.</p>")
    fields.setdefault("status", Status.PUBLISHED)
    if fields["status"] == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return fields


def make_news(**fields):
    fields = _publishing_defaults(fields, "news")
    if "section" not in fields:
        fields["section"] = make_section()
    return NewsItem.objects.create(**fields)


def make_event(**fields):
    fields = _publishing_defaults(fields, "event")
    fields.setdefault("starts_on", datetime.date(2024, 4, 1))
    fields.setdefault("kind", EventKind.MEETING)
    return Event.objects.create(**fields)


def make_speech(**fields):
    fields = _publishing_defaults(fields, "speech")
    if "speaker" not in fields:
        fields["speaker"] = make_official()
    fields.setdefault("delivered_on", datetime.date(2023, 12, 19))
    return Speech.objects.create(**fields)


def make_statement(**fields):
    fields = _publishing_defaults(fields, "statement")
    fields.setdefault("organ", "Council of Foreign Ministers")
    fields.setdefault("issued_on", datetime.date(2024, 4, 24))
    return Statement.objects.create(**fields)


# One builder per registered kind. A kind added to the registry without one
# here fails tests/test_admin_pages.py, so every "each kind" test covers it.
FACTORIES = {
    NewsItem: make_news,
    Section: make_section,
    Speech: make_speech,
    Event: make_event,
    Statement: make_statement,
    Official: make_official,
}


def editorial_factories():
    """{model: builder} of every editorial kind (statuses, workflow, `.live()`)."""
    return {kind.model: FACTORIES[kind.model] for kind in content_kinds.editorial()}


def make_of_kind(kind, **fields):
    """A public item of registered `kind`, with `fields` (a title or a name)."""
    if kind.model in (Official, Section) and "title" in fields:
        fields["name"] = fields.pop("title")
    return FACTORIES[kind.model](**fields)


def _noon(day):
    return datetime.datetime.combine(
        day, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )


# Each dated listing, and how to make a live item of it dated `day`.
DATED_BUILDERS = {
    "/news/": lambda title, day: make_news(title=title, published_at=_noon(day)),
    "/speeches/": lambda title, day: make_speech(title=title, delivered_on=day),
    "/events/": lambda title, day: make_event(title=title, starts_on=day),
    "/statements/": lambda title, day: make_statement(title=title, issued_on=day),
}


def make_dated(listing, title, day):
    """A live item shown on `listing` (a path of DATED_BUILDERS), dated `day`."""
    return DATED_BUILDERS[listing](title, day)


# --- The admin's forms, as a browser posts them -----------------------------------


def _widget_values(bound):
    widget = bound.field.widget
    # RelatedFieldWidgetWrapper renders the widget it wraps.
    widget = getattr(widget, "widget", widget)
    if isinstance(widget, FileInput | ClearableFileInput):
        return {}
    context = widget.get_context(bound.html_name, bound.value(), {})["widget"]
    parts = context.get("subwidgets") or [context]
    values = {}
    for part in parts:
        value = part["value"]
        if isinstance(widget, CheckboxInput):
            if bound.value():
                values[part["name"]] = "on"
            continue
        values[part["name"]] = value if value is not None else ""
    return values


def admin_form_data(response, **changes) -> dict:
    """The data of the admin add or change page in `response`, with `changes`.

    Read from the form the page rendered (fields, hidden fields, inline
    management forms), so it fits any ModelAdmin without a list of fields.
    """
    context = response.context
    data = {}
    form = context["adminform"].form
    for bound in form:
        data.update(_widget_values(bound))
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
        for inline_form in formset.forms:
            for bound in inline_form:
                data.update(_widget_values(bound))
    return data | changes


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def publishing_data(title="Consultations held", slug="consultations-held"):
    return {
        "title": title,
        "slug": slug,
        "summary": "A plain-text lead.",
        "body": "<h2>Heading</h2><p>Text with <a href='https://example.org'>link</a></p>"
        "<script>alert(1)</script>",
        "status": Status.PUBLISHED,
        "published_at": "24.04.2024 12:00",
    }


# The documents inline of news items, speeches, events and statements.
ATTACHMENTS_PREFIX = "documents-attachment-content_type-object_id"


def inline_management(prefix, total=0, initial=0):
    """The management form of an inline formset with `total` forms."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def add_form_data(model):
    """A valid add form for `model`, with the rows it points to."""
    # Sections and officials have a column per language (name_en, name_ru):
    # the form has a field for each; the default language's is required.
    if model is Section:
        return {
            "name_en": "CSTO News",
            "name_ru": "",
            "slug": "csto-news",
            "description_en": "",
            "description_ru": "",
            "order": 1,
        }
    if model is Official:
        return {
            "name_en": "Sample Official",
            "name_ru": "",
            "slug": "sample-official",
            "position_en": "Sample position",
            "position_ru": "",
            "rank_en": "",
            "rank_ru": "",
            "organ_en": "",
            "organ_ru": "",
            "country_en": "",
            "country_ru": "",
            "biography_en": "<p>Bio</p><img src=x onerror=alert(1)>",
            "biography_ru": "",
            "portrait_alt_en": "",
            "portrait_alt_ru": "",
            "order": 1,
            "is_active": "on",
            "appointments-TOTAL_FORMS": "1",
            "appointments-INITIAL_FORMS": "0",
            "appointments-MIN_NUM_FORMS": "0",
            "appointments-MAX_NUM_FORMS": "1000",
            "appointments-0-post": "Sample post",
            "appointments-0-started_on": "23.11.2023",
            "appointments-0-ended_on": "",
        }
    data = publishing_data() | inline_management(ATTACHMENTS_PREFIX)
    if model is NewsItem:
        official = make_official()
        data.update(
            section=make_section().pk,
            lead_image_caption="",
            lead_image_credit="",
            officials=[official.pk],
            event=make_event().pk,
            is_featured="on",
        )
    elif model is Speech:
        data.update(
            speaker=make_official().pk,
            delivered_on="19.12.2023",
            location="Moscow",
            occasion="Plenary session",
            event="",
        )
    elif model is Event:
        data.update(
            starts_on="01.04.2024",
            ends_on="23.04.2024",
            location="Moscow",
            kind="training",
            officials=[make_official().pk],
        )
    elif model is Statement:
        data.update(
            organ="Council of Foreign Ministers",
            issued_on="24.04.2024",
            place="Moscow",
        )
    return data


def admin_time(value) -> str:
    """`value` as typed in the admin: dd.mm.yyyy HH:MM in the site's time zone."""
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


def publication_time(value):
    """The admin's publication time input (one text field, the site's zone)."""
    return {"published_at": "" if value is None else admin_time(value)}


def change_data(item, **changes):
    """A complete change form for `item` as it stands, with `changes` on top."""
    data = add_form_data(type(item))
    data.pop("is_featured", None)  # unchecked unless `changes` say otherwise
    data.update(
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        body=item.body,
        status=item.status,
        loaded_version=item.edit_version,
        **publication_time(item.published_at),
    )
    for name in ("section", "speaker"):
        if name in data:
            data[name] = getattr(item, f"{name}_id")
    if "event" in data:
        data["event"] = item.event_id or ""
    if "officials" in data:
        data["officials"] = list(item.officials.values_list("pk", flat=True))
    return data | changes


def stored_files(media_root):
    """Every file under `media_root`, sorted."""
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


# --- Images ------------------------------------------------------------------------


def image_bytes(fmt="PNG", size=(40, 30), **save):
    buffer = io.BytesIO()
    mode = "RGB" if fmt != "GIF" else "P"
    Image.new(mode, size, "navy").save(buffer, fmt, **save)
    return buffer.getvalue()


def camera_photo(size=(1400, 933)):
    """A JPEG as a camera makes it for the browser's file input: noise is as
    hard to compress as a photo."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def noisy_jpeg():
    """A JPEG with detail in it (noise from a fixed seed: the same bytes each time)."""
    buffer = io.BytesIO()
    pixels = bytes((n * 7919 + (n >> 8) * 104_729) % 256 for n in range(300 * 200 * 3))
    Image.frombytes("RGB", (300, 200), pixels).save(buffer, "JPEG")
    return buffer.getvalue()


def phone_jpeg(size=(1200, 800)):
    """A JPEG as a phone writes it: GPS position, camera maker, rotated 90°."""
    image = Image.new("RGB", size, "white")
    image.paste((200, 0, 0), (0, 0, size[0] // 4, size[1]))  # a red band on the left
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny file whose header claims width×height pixels (a decompression bomb)."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


# (name, content, part of the message) of image uploads that must be refused:
# lead images, portraits and the editor's uploads share one pipeline.
BAD_IMAGE_FILES = [
    ("evil.html", b"<script>alert(1)</script>", "are not accepted"),
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
     "are not accepted"),
    ("empty.png", b"", "The file is empty."),
    ("random.jpg", b"\x00\x01garbage" * 100, "not a valid image"),
    ("truncated.jpg", noisy_jpeg()[:3000], "damaged or truncated"),
    ("polyglot.html", image_bytes() + b"<script>alert(1)</script>", "are not accepted"),
    ("polyglot.png", image_bytes() + b"<html><script>alert(1)</script>",
     "contains HTML or script"),
    ("polyglot.jpg", image_bytes("JPEG") + b"<script>alert(1)</script>",
     "contains HTML or script"),
    ("png-named.jpg", image_bytes("PNG"), "is a PNG image but is named .jpg"),
    ("bitmap.jpg", image_bytes("BMP"), "this file is BMP"),
    ("tiff.png", image_bytes("TIFF"), "this file is TIFF"),
    ("photoshop.jpg", b"8BPS" + b"\x00" * 200, "not a valid image"),
    ("bomb.png", png_header_only(20_000, 20_000), "the limit is 25 megapixels"),
]  # fmt: skip


# --- Documents: valid ones of every accepted format, and bad files ------------------

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
# Every ZIP entry gets this date, so a document is the same bytes whenever built.
ZIP_DATE = (2024, 4, 24, 12, 0, 0)


def _zip_entry(name, compression):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = compression
    return info


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """A ZIP of `entries` ({name: bytes or str}), in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            # The ODT spec stores `mimetype` first and uncompressed.
            kind = zipfile.ZIP_STORED if name == "mimetype" else compression
            archive.writestr(_zip_entry(name, kind), content)
    return buffer.getvalue()


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt_bytes(mimetype=ODT_MIMETYPE):
    return zip_bytes(
        {
            "mimetype": mimetype,
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        }
    )


def txt_bytes():
    return "Final communiqué\tCSTO\r\nЗаявление Секретаря\n".encode()


def png_signature_bytes():
    """The start of a PNG: enough for a document check to recognise an image."""
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def windows_program_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


def linux_program_bytes():
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100


@functools.cache
def zip_bomb_bytes():
    """A DOCX-shaped ZIP of ~200 KB whose entries expand to 210 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            _zip_entry("[Content_Types].xml", zipfile.ZIP_DEFLATED), "<Types/>"
        )
        archive.writestr(
            _zip_entry("word/document.xml", zipfile.ZIP_DEFLATED), "<w:document/>"
        )
        megabyte = bytes(1024 * 1024)
        for n in range(3):
            entry = _zip_entry(f"word/media/fill{n}.bin", zipfile.ZIP_DEFLATED)
            with archive.open(entry, "w") as stream:
                for _ in range(70):
                    stream.write(megabyte)
    return buffer.getvalue()


@functools.cache
def zip_with_many_entries_bytes():
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>"}
        | {f"word/part{n}.xml": "" for n in range(10_001)},
        compression=zipfile.ZIP_STORED,
    )


# {extension: builder} of every accepted document format.
VALID_DOCUMENTS = {
    "pdf": pdf_bytes,
    "docx": docx_bytes,
    "xlsx": xlsx_bytes,
    "odt": odt_bytes,
    "txt": txt_bytes,
}


def document_upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- The record and the desk -------------------------------------------------------


def record_event(item, action, actor, at=None, detail=""):
    """A row of the record about `item`, as workflow.record() writes it, dated
    `at` (default now)."""
    from django.contrib.contenttypes.models import ContentType

    from newsroom.publishing.models import WorkflowEvent

    return WorkflowEvent.objects.create(
        at=at or timezone.now(),
        actor=actor,
        actor_name=actor.get_username(),
        action=action,
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        object_repr=str(item),
        detail=detail,
    )


def make_note(item, author, text="Please add the minister's quote.", at=None):
    """An editorial note on `item` by `author`."""
    from django.contrib.contenttypes.models import ContentType

    from newsroom.desk.models import EditorialNote

    return EditorialNote.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        author=author,
        author_name=author.get_username(),
        text=text,
        created_at=at or timezone.now(),
    )


def with_photo(item, size=(1200, 800)):
    """`item` with a lead photo stored through the image pipeline (renditions)."""
    item.lead_image = ContentFile(image_bytes(size=size), name="photo.png")
    item.lead_image_alt = "A test photo"
    item.save()
    return item


def stored_image_names(item) -> list[str]:
    """The stored names of `item`'s lead photo and of each of its renditions."""
    sources = item.lead_image_renditions.get("sources", [])
    return [item.lead_image.name, *(source["name"] for source in sources)]


# --- Public pages ------------------------------------------------------------------


def make_public_pages() -> dict[str, str]:
    """{page kind: address} of every kind of public page, each showing a live item
    of every registered kind: for tests of the page cache and its headers."""
    items = {kind.name: make_of_kind(kind, title=f"Cached {kind.name}")
             for kind in content_kinds}  # fmt: skip
    news = items["news"]
    pages = {
        "home": "/",
        "news listing": "/news/",
        "a section": news.section.get_absolute_url(),
        "a section by year": f"{news.section.get_absolute_url()}?year=2024",
        "search": "/search/?q=x",
        "feed": "/feeds/news/",
        "atom feed": "/feeds/news/atom/",
        "section feed": f"/feeds/news/{news.section.slug}/",
        "sitemap index": "/sitemap.xml",
        "calendar": "/events/calendar.ics",
        "robots.txt": "/robots.txt",
    }
    for kind in content_kinds:
        if kind.index_url:
            pages[f"{kind.plural} listing"] = reverse(kind.index_url)
        pages[f"a {kind.name}"] = items[kind.name].get_absolute_url()
        if kind.in_sitemap:
            pages[f"sitemap of {kind.plural}"] = f"/sitemap-{kind.plural}.xml"
    return pages


# --- Redis ---------------------------------------------------------------------


def redis_cache_settings(location: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
