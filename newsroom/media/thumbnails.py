"""Small pictures of stored images for the back office: a list's column and the
image's own field in a form show the smallest rendition, never the original
(renditions are listed in the row's JSON field, so no query and no file read)."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

THUMBNAIL_WIDTH = 56  # CSS pixels in a list (static/admin/css/newsroom-admin.css)
PREVIEW_WIDTH = 160  # in a form


def smallest_copy(image, renditions) -> tuple[str, int, int] | None:
    """(url, width, height) of the smallest stored copy of `image`: its
    smallest rendition, WebP first; the image itself only when it is smaller
    than the smallest rendition width (renditions never upscale)."""
    if not image:
        return None
    renditions = renditions or {}
    sources = renditions.get("sources") or []
    if sources:
        best = min(sources, key=lambda s: (s["width"], s["format"] != "WEBP"))
        return default_storage.url(best["name"]), best["width"], best["height"]
    width, height = renditions.get("width"), renditions.get("height")
    if not (width and height):
        return None  # not through the pipeline: never fetch an unknown size
    return image.url, width, height


def thumbnail(image, renditions, width=THUMBNAIL_WIDTH, css_class="admin-thumb"):
    """An <img> of the smallest copy, `width` CSS pixels wide; "—" for none."""
    found = smallest_copy(image, renditions)
    if found is None:
        return "—"
    url, source_width, source_height = found
    height = max(1, round(width * source_height / source_width))
    return format_html(
        '<img src="{}" class="{}" alt="" width="{}" height="{}" loading="lazy">',
        url,
        css_class,
        width,
        height,
    )


class AdminThumbnailFileWidget(AdminFileWidget):
    """The admin's file input for an image: the current picture as a thumbnail
    (a link to the full image) instead of its stored file name."""

    template_name = "admin/widgets/thumbnail_file_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        preview = ""
        if value and getattr(value, "instance", None) is not None:
            field = value.field
            renditions = getattr(value.instance, field.renditions_field, None)
            preview = thumbnail(
                value, renditions, width=PREVIEW_WIDTH, css_class="admin-preview"
            )
        context["widget"]["preview"] = preview
        return context


class LeadPhotoColumn:
    """For the ModelAdmin of a model with a LeadImage: a "Photo" column."""

    @admin.display(description=_("Photo"))
    def lead_photo(self, obj):
        return thumbnail(obj.lead_image, obj.lead_image_renditions)
