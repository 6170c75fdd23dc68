"""How a stored file leaves the site once a view has decided who may have it.

- S3-compatible object storage: an image is a redirect to a signed address of
  the private bucket, valid NEWSROOM_MEDIA_SIGNED_URL_SECONDS; a download (a
  document) is streamed through the site, so that it keeps our headers
  (attachment, nosniff, a sandboxing Content-Security-Policy).
- Local disk behind nginx (NEWSROOM_MEDIA_ACCEL_REDIRECT set): an empty
  response with `X-Accel-Redirect`, and nginx sends the file.
- Otherwise the site streams the file.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header


def send_file(name: str, *, content_type: str, download_name: str | None = None):
    """The response that sends the stored file `name`; 404 when it is missing.

    With `download_name` it is a download (Content-Disposition: attachment).
    """
    storage = default_storage
    signed_url = getattr(storage, "signed_url", None)
    if signed_url is not None and download_name is None:
        return HttpResponseRedirect(signed_url(name, ContentType=content_type))
    accel_prefix = settings.NEWSROOM_MEDIA_ACCEL_REDIRECT
    if accel_prefix and signed_url is None:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = urljoin(
            accel_prefix.rstrip("/") + "/", filepath_to_uri(name)
        )
        if download_name:
            response["Content-Disposition"] = content_disposition_header(
                True, download_name
            )
        return response
    try:
        stored = storage.open(name, "rb")
    except OSError:
        raise Http404("No such file.") from None
    return FileResponse(
        stored,
        as_attachment=download_name is not None,
        filename=download_name or "",
        content_type=content_type,
    )
