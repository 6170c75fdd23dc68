"""Pages that survive a fault of what they depend on.

- The database down: a 503 page in the site's layout with `Retry-After`,
  rendered without the database or context processors; Django opens a new
  connection for the next request (a connection that failed is closed when its
  request ends), so the site recovers by itself.
- Storage failing during an upload: newsroom/media/storage.py.
- The cache down: every read and write of django.core.cache goes through
  cache_get / cache_set / cache_delete, which treat a failing cache as an
  empty one, so pages are served uncached.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

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
        "Temporarily unavailable",
        "The site cannot reach its database at the moment. Please try again in "
        "a minute.",
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


_MISSING = object()


def cache_get(key, default=None):
    """The cached value, or `default` when it is absent or the cache is down."""
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # any backend's failure: Redis ConnectionError, OSError, …
        logger.warning("Cache unavailable; reading %s uncached", key, exc_info=True)
        return default
    return default if value is _MISSING else value


def cache_set(key, value, timeout=None) -> bool:
    """Cache `value`; False (and a warning) when the cache is down."""
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("Cache unavailable; %s not cached", key, exc_info=True)
        return False
    return True


def cache_delete(key) -> bool:
    """Drop `key`; False (and an error: a stale copy may be served once the
    cache is back, until it expires or is dropped again) when the cache is down."""
    try:
        cache.delete(key)
    except Exception:
        logger.error("Cache unavailable; %s could not be dropped", key, exc_info=True)
        return False
    return True
