"""Who may fetch an uploaded file under MEDIA_URL: the private-media rule.

Every file is reached through the site (newsroom/media/views.py); nothing is
served from a public folder or bucket. The name alone never grants access:

- `documents/…`: never here, only through /documents/<id>/<name>, with their
  item's live rule (newsroom/documents/views.py).
- An image of an editorial item (a lead photo; the photo and its renditions):
  anyone while an item that holds it is live (`.live()`); before, and after it
  is unpublished, only staff who may see that item (`may_view`).
- An image uploaded from CKEditor: anyone while the rich text of a live item,
  or of a row that is no editorial item (an official's biography), shows it;
  otherwise its uploader, editors (who browse every upload), and staff who may
  see an item that shows it.
- An image of a row that is no editorial item (an official's portrait, the
  site's emblem): anyone, while the row holds it.
- Anything else (a photo replaced by a later version, a name no row holds,
  another kind of file): nobody.

Which fields hold images is read from the models (every ValidatedImageField,
by its upload folder), and which hold rich text likewise: no list to keep.
"""

import enum
import functools
import hashlib
import re
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from newsroom.media.images import EXTENSION, UploadTo, ValidatedImageField
from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.models import Publishable
from newsroom.publishing.permissions import may_view

# What the image pipeline stores (a GIF is kept as PNG).
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
assert set(IMAGE_TYPES) == set(EXTENSION.values())
# `<stem>-960w.webp` is a rendition of `<stem>.<ext>` (images.store_renditions).
_RENDITION_SUFFIX = re.compile(r"-\d+w$")
# Stored names are generated (UploadTo): anything else, a NUL for one, is no
# stored image and never reaches the database.
_STORED_NAME = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")


class Access(enum.Enum):
    NONE = "none"  # 404
    STAFF = "staff"  # for this staff member only: never cached by others
    PUBLIC = "public"  # anyone; proxies may keep it NEWSROOM_MEDIA_MAX_AGE


@functools.cache
def image_fields() -> dict[str, list[tuple[type, str]]]:
    """Upload folder -> the (model, field name) pairs that store images there."""
    by_folder: dict[str, list[tuple[type, str]]] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, ValidatedImageField) and isinstance(
                field.upload_to, UploadTo
            ):
                by_folder.setdefault(field.upload_to.folder, []).append(
                    (model, field.name)
                )
    return by_folder


@functools.cache
def rich_text_fields() -> list[tuple[type, str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SanitizedRichTextField)
    ]


def image_stem(name: str) -> str | None:
    """`images/2024/04/<hex>` for the image or any of its renditions; None for
    a name that is no stored image."""
    if len(name) > 255 or not _STORED_NAME.fullmatch(name):
        return None
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or len(path.parts) < 2
        or path.suffix.lstrip(".") not in IMAGE_TYPES
    ):
        return None
    return _RENDITION_SUFFIX.sub("", str(path.with_suffix("")))


def media_access(user, name: str) -> Access:
    """Who may fetch the stored file `name` (the rule in the docstring above)."""
    stem = image_stem(name)
    if stem is None:
        return Access.NONE
    originals = [f"{stem}.{extension}" for extension in IMAGE_TYPES]
    found = Access.NONE
    for model, field in image_fields().get(stem.split("/", 1)[0], []):
        holding = {f"{field}__in": originals}
        if model._meta.label == "media.EditorImage":
            image = model._default_manager.filter(**holding).first()
            if image is not None:
                return _editor_image_access(user, image, stem)
        elif issubclass(model, Publishable):
            if model.objects.live().filter(**holding).exists():
                return Access.PUBLIC
            if user.is_active and user.is_staff and found is Access.NONE:
                items = model.objects.filter(**holding)
                if any(may_view(user, item) for item in items):
                    found = Access.STAFF
        elif model._default_manager.filter(**holding).exists():
            return Access.PUBLIC
    return found


VISITOR_ACCESS_KEY = "newsroom:media-access:v1:{token}:{name}"


def visitor_access(name: str) -> Access:
    """media_access() for a visitor, remembered under the content generation
    (newsroom/caching/generation.py): what a visitor may fetch changes only
    with the content, and every change (a publication at its scheduled second
    included) starts a new generation. So the look-ups behind the rule, a
    search of every rich text for an editor upload, run once per image and
    change, not on every request for it. Uncached when the cache is down."""
    from newsroom.caching import generation
    from newsroom.caching.safe import cache_get, cache_set

    current = generation.current()
    if current is None:
        return media_access(AnonymousUser(), name)
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    key = VISITOR_ACCESS_KEY.format(token=current.token, name=digest)
    found = cache_get(key)
    if found is None:
        found = media_access(AnonymousUser(), name).value
        cache_set(key, found, timeout=generation.KEPT_SECONDS)
    return Access(found)


def _editor_image_access(user, image, stem: str) -> Access:
    from newsroom.media.editor_uploads import sees_all_uploads

    showing = []
    for model, field in rich_text_fields():
        lookup = {f"{field}__contains": stem}
        if not issubclass(model, Publishable):
            if model._default_manager.filter(**lookup).exists():
                return Access.PUBLIC
        elif model.objects.live().filter(**lookup).exists():
            return Access.PUBLIC
        else:
            showing.append(model.objects.filter(**lookup))
    if not (user.is_active and user.is_staff):
        return Access.NONE
    if image.uploaded_by_id == user.pk or sees_all_uploads(user):
        return Access.STAFF
    for items in showing:
        if any(may_view(user, item) for item in items):
            return Access.STAFF
    return Access.NONE
