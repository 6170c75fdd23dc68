"""The favicon, touch icons, logo and share image, at fixed addresses: from
the uploaded emblem, or the neutral mark while there is none."""

import functools

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from newsroom.identity import marks
from newsroom.identity.models import SiteIdentity

CONTENT_TYPES = {"ICO": "image/x-icon", "PNG": "image/png"}


@functools.lru_cache(maxsize=8)
def _neutral(short_name: str, name: str) -> dict[str, bytes]:
    return marks.derive(marks.neutral_mark(short_name), name)


@require_safe
def picture(request, filename):
    if filename not in marks.PICTURES:
        raise Http404("No such picture.")
    identity = SiteIdentity.current()
    stored = identity.pictures.get(filename)
    content = None
    if stored:
        try:
            with default_storage.open(stored, "rb") as file:
                content = file.read()
        except OSError:
            content = None  # the neutral mark rather than a broken icon
    if content is None:
        content = _neutral(identity.short_name or identity.name, identity.name)[
            filename
        ]
    response = HttpResponse(
        content, content_type=CONTENT_TYPES[marks.PICTURES[filename][2]]
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=3600)
    return response
