"""The one way a document leaves the site: as a download, when its item may be
seen (newsroom/publishing/views.py has the same preview rule for pages)."""

import logging

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from newsroom.documents.models import Attachment
from newsroom.media.delivery import send_file
from newsroom.publishing.models import Publishable
from newsroom.publishing.permissions import may_change

logger = logging.getLogger(__name__)


def _is_live(request, attachment) -> bool:
    """Whether the attachment's item is live; 404 if `request.user` may not see it.

    Visitors: only a live item (`.live()`, the one rule). Staff who may change
    the item: also before it is live, as the preview of its page.
    """
    model = attachment.content_type.model_class()
    if model is None or not issubclass(model, Publishable):
        raise Http404("No such document.")
    if model.objects.live().filter(pk=attachment.object_id).exists():
        return True
    item = model.objects.filter(pk=attachment.object_id).first()
    if item is None or not may_change(request.user, item):
        raise Http404("No such document.")
    return False


@require_safe
def download(request, pk, filename):
    attachment = get_object_or_404(
        Attachment.objects.select_related("content_type"), pk=pk
    )
    is_live = _is_live(request, attachment)
    # Old links keep working when a title (and so the file name) changes; told
    # only to those who may see the document.
    if filename != attachment.download_name:
        return redirect(attachment)
    # Streamed by the site, or sent by nginx (X-Accel-Redirect): never from a
    # public folder or bucket (newsroom/media/delivery.py).
    try:
        response = send_file(
            attachment.file.name,
            content_type=attachment.mime_type,
            download_name=attachment.download_name,
        )
    except Http404:
        logger.error("Document %s: stored file %s is missing", pk, attachment.file)
        raise
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway: no scripts, no requests, own origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if not is_live:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
