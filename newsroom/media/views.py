"""MEDIA_URL: every uploaded image is fetched here, after the private-media
rule (newsroom/media/access.py) said who may have it."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from newsroom.media.access import IMAGE_TYPES, Access, media_access, visitor_access
from newsroom.media.delivery import send_file


@require_safe
def serve(request, name):
    user = request.user
    if user.is_active and user.is_staff:
        access = media_access(user, name)  # theirs alone: never remembered
    else:
        access = visitor_access(name)
    if access is Access.NONE:
        # The same answer for "no such file" and "not yours": a name tells nothing.
        raise Http404("No such file.")
    extension = name.rsplit(".", 1)[-1]  # one of IMAGE_TYPES (media_access)
    response = send_file(name, content_type=IMAGE_TYPES[extension])
    if access is Access.PUBLIC:
        max_age = settings.NEWSROOM_MEDIA_MAX_AGE
        if response.status_code == 302:
            # A cached redirect must not outlive the signed address it names.
            max_age = min(max_age, settings.NEWSROOM_MEDIA_SIGNED_URL_SECONDS // 2)
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
