"""Every read and write of django.core.cache goes through these: a cache that
fails (Redis down, a dropped connection, a missing table) counts as an empty
one, so pages are served uncached and the site stays up (issue 12, "Faults")."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

_MISSING = object()


def cache_get(key, default=None):
    """The cached value, or `default` when it is absent or the cache is down."""
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # any backend's failure: Redis ConnectionError, OSError, …
        logger.warning("Cache unavailable; reading %s uncached", key, exc_info=True)
        return default
    return default if value is _MISSING else value


def cache_get_many(keys) -> dict | None:
    """The cached values found (a dict), or None when the cache is down: unlike
    cache_get, tells "absent" from "unavailable"."""
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("Cache unavailable; reading %s uncached", keys, exc_info=True)
        return None


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
