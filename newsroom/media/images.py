"""The one pipeline for uploaded images (lead images, portraits, editor uploads).

Every upload is checked by content, then re-encoded: EXIF orientation applied,
all metadata (GPS, camera, author) dropped, and renditions made at once —
480/960/1600 px wide (never upscaled), in WebP and in the original format —
stored beside the image under server-generated names. Pages then offer the
renditions through srcset (templatetags/images.py).
"""

import io
import re
import uuid
from dataclasses import dataclass, field
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from newsroom.media.pending import (
    PendingImageInput,
    PendingToken,
    pending_name,
    pending_widget,
)

# Pillow format -> extensions a file of that format may carry.
ALLOWED_IMAGE_FORMATS = {
    "JPEG": {"jpg", "jpeg"},
    "PNG": {"png"},
    "WEBP": {"webp"},
    "GIF": {"gif"},
}
ALLOWED_IMAGE_EXTENSIONS = sorted(
    ext for exts in ALLOWED_IMAGE_FORMATS.values() for ext in exts
)
# What a stored file becomes: GIFs are kept as a still PNG of their first frame.
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}
# Markup inside an image file: an HTML/script polyglot.
_MARKUP = re.compile(rb"<(?:script|html|body|iframe|svg|\?php|!doctype)", re.IGNORECASE)


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


@dataclass
class Rendition:
    width: int
    height: int
    format: str
    content: bytes = field(repr=False)


@dataclass
class PreparedImage:
    """A checked, re-encoded image and its renditions, ready to store."""

    format: str
    width: int
    height: int
    content: bytes = field(repr=False)
    renditions: list[Rendition] = field(default_factory=list)

    @property
    def extension(self) -> str:
        return EXTENSION[self.format]


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels."),
        code="too_many_pixels",
        params={"limit": settings.NEWSROOM_MAX_IMAGE_PIXELS // 1_000_000},
    )


def _invalid(message=None) -> ValidationError:
    return ValidationError(
        message or _("The file is not a valid image."), code="invalid_image"
    )


def _check(file) -> str:
    """Size, name and header checks; returns the Pillow format. Decodes nothing."""
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    max_bytes = settings.NEWSROOM_MAX_IMAGE_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    extension = _extension(file.name or "")
    if extension not in ALLOWED_IMAGE_EXTENSIONS:
        raise ValidationError(
            _(
                "Upload a JPEG, PNG, WebP or GIF image "
                "(.%(ext)s files are not accepted)."
            ),
            code="bad_extension",
            params={"ext": extension or "?"},
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _invalid() from None
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG, WebP or GIF image (this file is %(format)s)."),
            code="bad_format",
            params={"format": image_format},
        )
    if extension not in ALLOWED_IMAGE_FORMATS[image_format]:
        raise ValidationError(
            _("The file is a %(format)s image but is named .%(ext)s."),
            code="format_mismatch",
            params={"format": image_format, "ext": extension},
        )
    if width * height * frames > settings.NEWSROOM_MAX_IMAGE_PIXELS:
        raise _too_many_pixels()
    file.seek(0)
    if _MARKUP.search(_appended_bytes(file.read(), image_format)):
        raise _invalid(_("The file contains HTML or script as well as an image."))
    file.seek(0)
    return image_format


def _appended_bytes(content: bytes, image_format: str) -> bytes:
    """What follows the image data: where an HTML/script polyglot keeps its payload.

    Compressed image data itself is not scanned: random bytes spell "<svg" once
    in a few hundred megabytes, and only the re-encoded image is stored anyway.
    """
    if image_format == "JPEG":
        end = content.rfind(b"\xff\xd9")
        return content[end + 2 :] if end >= 0 else content
    if image_format == "PNG":
        end = content.rfind(b"IEND")
        return content[end + 8 :] if end >= 0 else content
    if image_format == "WEBP":
        return content[int.from_bytes(content[4:8], "little") + 8 :]
    return content  # GIF: small, scanned whole


def _encode(image: Image.Image, image_format: str, icc_profile) -> bytes:
    buffer = io.BytesIO()
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile and image_format in ("JPEG", "WEBP", "PNG"):
        options["icc_profile"] = icc_profile  # colours, not metadata about anyone
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def prepare_image(file) -> PreparedImage:
    """Check `file`, then re-encode it without metadata and make its renditions.

    Raises ValidationError with a message that names the problem.
    """
    source_format = _check(file)
    try:
        with Image.open(file) as opened:
            opened.load()  # a truncated file fails here, not later
            icc_profile = opened.info.get("icc_profile")
            image = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (OSError, ValueError, SyntaxError):
        raise _invalid(_("The image is damaged or truncated.")) from None
    # Pillow writes some of `info` back on save (JPEG comments, for one): keep
    # nothing but transparency.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    stored_format = STORED_FORMAT[source_format]
    if stored_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    width, height = image.size
    prepared = PreparedImage(
        format=stored_format,
        width=width,
        height=height,
        content=_encode(image, stored_format, icc_profile),
    )
    for target in settings.NEWSROOM_IMAGE_WIDTHS:
        if target >= width:
            continue  # never upscaled
        size = (target, max(1, round(height * target / width)))
        resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for rendition_format in dict.fromkeys(("WEBP", stored_format)):
            prepared.renditions.append(
                Rendition(*size, rendition_format,
                          _encode(resized, rendition_format, icc_profile))
            )  # fmt: skip
    if stored_format != "WEBP":
        # The full size in WebP too, unless that is bigger than the largest width.
        if width <= max(settings.NEWSROOM_IMAGE_WIDTHS):
            prepared.renditions.append(
                Rendition(width, height, "WEBP", _encode(image, "WEBP", icc_profile))
            )
    return prepared


class PreparedImageFile(ContentFile):
    """The re-encoded image a form hands to the model field, with its renditions;
    `pending_token`/`pending_name` when it comes from a pending upload."""

    pending_token = None
    pending_name = None

    def __init__(self, prepared: PreparedImage):
        super().__init__(prepared.content, name=f"image.{prepared.extension}")
        self.prepared = prepared


class ValidatedImageFormField(forms.ImageField):
    """Checks and re-encodes an upload; the model field stores the result.

    In place of a file, the form may post back the token of a photo chosen
    before a form error (newsroom/media/pending.py): it is checked against the
    form's user (`viewer`) and goes through the pipeline again."""

    default_validators = []  # the pipeline checks the extension by content
    widget = PendingImageInput
    viewer = None

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if isinstance(data, PendingToken):
            name = pending_name(data, self.viewer)
            with default_storage.open(name, "rb") as stored:
                kept = ContentFile(stored.read(), name=name)
            prepared = PreparedImageFile(prepare_image(kept))
            prepared.pending_token, prepared.pending_name = str(data), name
            return prepared
        return PreparedImageFile(prepare_image(data))


class ValidatedImageField(models.ImageField):
    """An image stored through the pipeline, with its renditions listed in the
    JSON field named by `renditions_field` (declared after this one)."""

    def __init__(self, *args, renditions_field: str, **kwargs):
        self.renditions_field = renditions_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["renditions_field"] = self.renditions_field
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs["widget"] = pending_widget(kwargs.get("widget"))
        return super().formfield(**{"form_class": ValidatedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        """Store a new upload and, next to it, its renditions (the one place
        where saving an image has side effects)."""
        file = getattr(model_instance, self.attname)
        new_upload = bool(file) and not file._committed
        prepared = None
        if new_upload:
            prepared = getattr(file.file, "prepared", None)
            if prepared is None:  # assigned outside a form: same pipeline
                prepared = prepare_image(file.file)
                file.file = PreparedImageFile(prepared)
        stored = super().pre_save(model_instance, add)
        if new_upload:
            setattr(
                model_instance,
                self.renditions_field,
                store_renditions(file.name, prepared),
            )
            kept = getattr(file.file, "pending_name", None)
            if kept:  # attached: the pending copy goes once the save commits
                transaction.on_commit(lambda: default_storage.delete(kept))
        elif not file:
            setattr(model_instance, self.renditions_field, {})
        return stored


def store_renditions(name: str, prepared: PreparedImage) -> dict:
    """Write the renditions beside the stored image; describe them for srcset."""
    base = PurePath(name).with_suffix("")
    sources = []
    for rendition in prepared.renditions:
        path = f"{base}-{rendition.width}w.{EXTENSION[rendition.format]}"
        saved = default_storage.save(path, ContentFile(rendition.content))
        sources.append(
            {"name": saved, "width": rendition.width, "height": rendition.height,
             "format": rendition.format}
        )  # fmt: skip
    return {"width": prepared.width, "height": prepared.height,
            "format": prepared.format, "sources": sources}  # fmt: skip


@deconstructible
class UploadTo:
    """Store uploads under a server-generated name: `<folder>/<yyyy>/<mm>/<uuid>.<ext>`.

    The visitor's file name never reaches the file system.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = _extension(filename)
        if extension == "jpeg":
            extension = "jpg"
        today = timezone.localdate()
        return f"{self.folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder
