"""Parts of pages kept in the shared cache, the same for every visitor: the
page chrome, a listing's results, an item's article (issue 14, "Cache off":
keep templates lean, cache fragments).

A fragment's key holds the site-wide generation's token (newsroom/caching/
generation.py), so any change to what the site shows (a save, publish,
identity change, a scheduled publication coming due) leaves every fragment
behind at once, in every process. The key also holds what any fragment may
depend on without saying so: the language, the scheme and host (absolute
addresses), and today's date in the site's time zone ("upcoming" events);
`vary` names the rest (the page's address, an item's key).

What is cached must be the same for every visitor: never a CSRF token, a
user's name, a message or a CSP nonce. A preview (`is_preview` in the
template's context) and a request without a generation (the cache is down)
are rendered uncached; a failing cache is never an error (newsroom/caching/
safe.py). NEWSROOM_FRAGMENT_CACHE = False renders everything each time (tests
that count what rendering a page costs).

One place for this: templates use `{% fragment %}` (newsroom/caching/
templatetags/fragments.py); Python code uses `cached()`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from newsroom.caching import generation
from newsroom.caching.release import release
from newsroom.caching.safe import cache_get, cache_set

FRAGMENT_KEY = "newsroom:fragment:v1:{release}:{token}:{name}:{digest}"
# Each token's fragments are read only while it is current; this bounds how
# long one left behind takes room.
FRAGMENT_SECONDS = generation.KEPT_SECONDS


_MISSING = object()


def current_generation(request=None) -> generation.Generation | None:
    """The generation, read once per request (generation.for_request)."""
    return generation.for_request(request)


def fragment_key(token: str, name: str, vary=(), request=None) -> str:
    """The key of fragment `name` under `token`, for this language, host and
    day, and the values of `vary`."""
    origin = ""
    if request is not None:
        origin = f"{request.scheme}://{request.get_host()}"
    parts = [
        translation.get_language() or "",
        origin,
        timezone.localdate().isoformat(),
        *(str(value) for value in vary),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return FRAGMENT_KEY.format(release=release(), token=token, name=name, digest=digest)


def cached(
    name: str,
    compute: Callable[[], Any],
    vary=(),
    request=None,
    enabled: bool = True,
) -> Any:
    """`compute()`, kept under the current generation: computed once per
    change of the site (and language, host, day and `vary`), then read from
    the cache. Without a cache, or when not `enabled`, computed each time."""
    enabled = enabled and settings.NEWSROOM_FRAGMENT_CACHE
    current = current_generation(request) if enabled else None
    if current is None:
        return compute()
    key = fragment_key(current.token, name, vary, request)
    value = cache_get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache_set(key, value, timeout=FRAGMENT_SECONDS)
    return value
