"""Pages that survive a fault of what they depend on.

- The database down: a 503 page in the site's layout with `Retry-After`,
  rendered without the database or context processors; Django opens a new
  connection for the next request (a connection that failed is closed when its
  request ends), so the site recovers by itself.
- Storage failing during an upload: newsroom/media/storage.py.
- The cache down: every read and write of django.core.cache goes through
  newsroom/caching/safe.py, which treats a failing cache as an empty one, so
  pages are served uncached.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# What a database that cannot be reached raises (Django wraps the driver's own).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def unavailable(heading: str, message: str) -> HttpResponse:
    """A 503 page in the site's layout, rendered without the database or
    context processors."""
    body = loader.get_template("503.html").render(
        {"SITE_NAME": settings.SITE_NAME, "heading": heading, "message": message}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable() -> HttpResponse:
    return unavailable(
        _("Temporarily unavailable"),
        _(
            "The site cannot reach its database at the moment. Please try again in "
            "a minute."
        ),
    )


class DatabaseUnavailableMiddleware:
    """Turns a view's (or its template's) database connection failure into the
    503 page. Failures outside views reach handler500, which does the same
    (newsroom.site.views.server_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("Database unavailable: %s %s", request.method, request.path,
                         exc_info=exception)  # fmt: skip
            return database_unavailable()
        return None


# The cache's safe access lives with the cache (one mechanism); kept importable
# from here for the code that knew it here.
from newsroom.caching.safe import cache_delete, cache_get, cache_set  # noqa: E402, F401
