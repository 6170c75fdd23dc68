"""The site-wide content generation: one stamp in the shared cache that every
cached page's key contains.

Any change to what the public site shows (a save, publish, unpublish, delete,
bulk action, import, an identity change: newsroom/caching/signals.py) writes a
new random token, so every process stops finding the pages cached before it at
once. A scheduled publication changes nothing in the database when its moment
comes, so the cache also knows the next such moment (the earliest future
`published_at` among published items of every editorial kind): from that
second on the generation counts as changed, and the first request to see it
writes a new one. No cron, no per-process clock.

The token is a fresh random value, never a counter: two processes bumping at
once both write a new token, and neither can bring back an old one. The next
scheduled moment is computed by the first reader of a token after it read the
token (so from data at least as new as the token) and kept under the token, in
the shared cache and in each process's memory: a token's moment never changes,
so neither copy needs invalidation, and a page served from the cache runs no
query in any process.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass

from django.utils import timezone

from newsroom.caching.safe import cache_get, cache_get_many, cache_set

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:generation:v1"
NEXT_MOMENT_KEY = "newsroom:next-moment:v1:{token}"
# How long what is kept per token (the next moment, the identity) outlives its
# last write: a token left behind is never read again, so its keys go by
# themselves; one still current is recomputed once.
KEPT_SECONDS = 24 * 60 * 60

# No future publication: a moment that never comes.
NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Generation:
    token: str
    changed_at: datetime.datetime  # when what the site shows last changed


# token -> the next scheduled moment under it (this process's memo).
_next_moment: dict[str, datetime.datetime] = {}
# A change this process could not record (the cache was down): recorded at its
# next chance, before it serves anything from the cache again.
_unrecorded_change = False


def bump(at: datetime.datetime | None = None) -> Generation | None:
    """Record that what the site shows changed (at `at`, default now): every
    page cached before is left behind. None when the cache is down; the change
    is then recorded by this process as soon as the cache answers again."""
    global _unrecorded_change
    generation = Generation(secrets.token_hex(8), at or timezone.now())
    if not cache_set(GENERATION_KEY, (generation.token, generation.changed_at)):
        _unrecorded_change = True
        return None
    _unrecorded_change = False
    return generation


def current() -> Generation | None:
    """The generation pages are cached under now; None when the cache is down
    (pages are then rendered and served uncached)."""
    if _unrecorded_change and bump() is None:
        return None
    found = cache_get_many([GENERATION_KEY])
    if found is None:
        return None
    if GENERATION_KEY not in found:  # a cold cache, or the key was evicted
        return bump()
    token, changed_at = found[GENERATION_KEY]
    generation = Generation(token, changed_at)
    moment = next_moment(generation)
    now = timezone.now()
    if now >= moment:
        # A scheduled item went live at `moment` (`.live()` is
        # published_at <= now, the same comparison).
        _next_moment.pop(generation.token, None)
        return bump(at=moment)
    return generation


_REQUEST_ATTRIBUTE = "_newsroom_generation"
_UNREAD = object()


def for_request(request=None) -> Generation | None:
    """current(), read once per request and kept on it: the page cache, the
    validators and every fragment of one response see the same generation,
    at the cost of one read of the shared cache."""
    if request is None:
        return current()
    found = getattr(request, _REQUEST_ATTRIBUTE, _UNREAD)
    if found is _UNREAD:
        found = current()
        setattr(request, _REQUEST_ATTRIBUTE, found)
    return found


def next_moment(generation: Generation) -> datetime.datetime:
    """The next scheduled moment under `generation`: from this process's memo,
    else the shared cache (where the first process to need it left it), else
    the database."""
    moment = _next_moment.get(generation.token)
    if moment is None:
        key = NEXT_MOMENT_KEY.format(token=generation.token)
        moment = cache_get(key)
        if moment is None:
            moment = next_scheduled_publication()
            cache_set(key, moment, timeout=KEPT_SECONDS)
        if len(_next_moment) > 64:
            _next_moment.clear()
        _next_moment[generation.token] = moment
    return moment


def next_scheduled_publication() -> datetime.datetime:
    """The earliest future `published_at` of a published item of any editorial
    kind, in one query; NEVER when nothing is scheduled."""
    from newsroom.publishing.models import Status
    from newsroom.publishing.registry import content_kinds

    now = timezone.now()
    scheduled = [
        kind.model._default_manager.filter(
            status=Status.PUBLISHED, published_at__gt=now
        )
        .order_by()
        .values_list("published_at", flat=True)
        for kind in content_kinds.editorial()
    ]
    if not scheduled:
        return NEVER
    first, *others = scheduled
    union = first.union(*others, all=True) if others else first
    return union.order_by("published_at").first() or NEVER


def forget_memo() -> None:
    """Tests: forget this process's memo of scheduled moments and any change
    it could not record."""
    global _unrecorded_change
    _next_moment.clear()
    _unrecorded_change = False
