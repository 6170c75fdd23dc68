"""Validation and naming of uploaded images (lead images, portraits)."""

import uuid
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, UnidentifiedImageError

# Pillow format -> extensions a file of that format may carry.
ALLOWED_IMAGE_FORMATS = {
    "JPEG": {"jpg", "jpeg"},
    "PNG": {"png"},
    "WEBP": {"webp"},
}
ALLOWED_IMAGE_EXTENSIONS = sorted(
    ext for exts in ALLOWED_IMAGE_FORMATS.values() for ext in exts
)


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_image_upload(file) -> None:
    """Refuse anything but a modest JPEG, PNG or WebP whose content matches its name.

    Runs before the file is stored; the size in pixels is read from the header,
    so a decompression bomb is refused without being decoded.
    """
    if file is None:
        return
    if file.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    max_bytes = settings.NEWSROOM_MAX_IMAGE_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    extension = _extension(file.name)
    if extension not in ALLOWED_IMAGE_EXTENSIONS:
        raise ValidationError(
            "Upload a JPEG, PNG or WebP image (.%(ext)s files are not accepted).",
            code="bad_extension",
            params={"ext": extension or "?"},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            "The file is not a valid image.", code="invalid_image"
        ) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            "Upload a JPEG, PNG or WebP image (this file is %(format)s).",
            code="bad_format",
            params={"format": image_format},
        )
    if extension not in ALLOWED_IMAGE_FORMATS[image_format]:
        raise ValidationError(
            "The file is a %(format)s image but is named .%(ext)s.",
            code="format_mismatch",
            params={"format": image_format, "ext": extension},
        )
    if width * height * frames > settings.NEWSROOM_MAX_IMAGE_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        "The image has too many pixels; the limit is %(limit)s megapixels.",
        code="too_many_pixels",
        params={"limit": settings.NEWSROOM_MAX_IMAGE_PIXELS // 1_000_000},
    )


class ValidatedImageFormField(forms.ImageField):
    """Runs our checks before Django's, which would decode the whole image."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image_upload(data)
        return super().to_python(data)


class ValidatedImageField(models.ImageField):
    """An image upload checked by `validate_image_upload` in every form.

    The check sits in the form field, not in model validators, so re-saving an
    item does not reopen its stored image.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValidatedImageFormField, **kwargs})


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
