"""Request bodies are refused while they stream, before anything stores them.

Without this, any POST (an anonymous one with a made-up `csrftoken` cookie, for
one) is parsed by CsrfViewMiddleware to find its token: a multipart body is
written to a temporary file in full before the 403, and the upload limits of
images and documents are checked only once the whole file has arrived.

Two checks, both before Django parses a byte:

- RequestBodyLimitMiddleware, before any middleware that reads the body
  (only the security headers' middlewares come first, so the 413 carries
  them), answers 413 when the declared Content-Length is over the path's
  limit; the body is never read.
- BodyLimitUploadHandler, which the middleware puts first among the request's
  upload handlers, counts the file bytes actually parsed and stops the upload
  at the limit (a body whose length is not declared, or lies).

Django's WSGIRequest reads no more than Content-Length (none when it is
absent), so no body is read past the limit either way. The proxy in front
(nginx `client_max_body_size`) should refuse the same sizes even earlier.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.template import loader


def body_limit(path: str) -> int:
    """The largest request body accepted at `path`, in bytes.

    Staff pages under /admin/ take uploads: the largest upload limit plus room
    for the form's other fields. Public pages take no uploads; their only POST
    bodies are small forms.
    """
    if path.startswith("/admin/"):
        return (
            max(settings.NEWSROOM_MAX_IMAGE_BYTES, settings.NEWSROOM_MAX_DOCUMENT_BYTES)
            + settings.NEWSROOM_MAX_FORM_OVERHEAD_BYTES
        )
    return settings.NEWSROOM_MAX_PUBLIC_BODY_BYTES


def _declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # as Django reads it: an unreadable length is no body


def too_large(request, limit: int) -> HttpResponse:
    """The 413 page in the site's layout, without context processors or the
    database: rendered before any of the request has been looked at."""
    body = loader.get_template("413.html").render(
        {
            "SITE_NAME": settings.SITE_NAME,
            "limit": limit,
            "staff": request.path.startswith("/admin/"),
            "upload_limit": max(
                settings.NEWSROOM_MAX_IMAGE_BYTES, settings.NEWSROOM_MAX_DOCUMENT_BYTES
            ),
        }
    )
    return HttpResponse(body, status=413)


class BodyLimitUploadHandler(FileUploadHandler):
    """Counts the file bytes of a multipart body and stops the upload at the
    limit, closing the connection: nothing more is read or stored."""

    def __init__(self, request=None, limit: int = 0):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handler (memory or temporary file) keeps it

    def file_complete(self, file_size):
        return None  # the next handler makes the file


class RequestBodyLimitMiddleware:
    """Before anything reads the body: 413 for a declared body over the path's
    limit, and the counting upload handler for every other request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path)
        if _declared_length(request) > limit:
            return too_large(request, limit)
        request.upload_handlers.insert(0, BodyLimitUploadHandler(request, limit))
        return self.get_response(request)
