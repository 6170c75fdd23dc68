"""Anonymous pages from the shared cache; validators, Cache-Control and
compression for what is public.

Order in settings.MIDDLEWARE (outer first): CompressionMiddleware, Django's
ConditionalGetMiddleware, then the Content-Security-Policy, session, CSRF,
auth and messages middleware, and PageCacheMiddleware after them all. So a
page served from the cache still gets a fresh CSP nonce and the security
headers, a 304 carries no new CSP header (which a browser would pair with the
body it kept), and compression comes last, after the ETag is known.
"""

from __future__ import annotations

import datetime
import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from newsroom.caching import generation
from newsroom.caching.safe import cache_get, cache_set

PAGE_KEY = "newsroom:page:v1:{token}:{day}:{url}"
# What stands for the response's CSP nonce in a stored page: a NUL never
# occurs in a page, so the nonce of the next visitor replaces only it.
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"
# Headers of a stored page that are recomputed for every response.
NOT_STORED = {"etag", "last-modified", "cache-control", "date", "set-cookie"}
LARGEST_PAGE_BYTES = 8 * 1024 * 1024
# A response that varies on another request header than these is not stored
# (the key holds nothing else): compression is applied after the cache; only
# requests without session or messages cookies are served; the language a
# request was given (LocaleMiddleware's, from the path, a cookie or
# Accept-Language) is part of the key.
VARY_ALLOWED = {"accept-encoding", "cookie", "accept-language"}


def _admin_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(tuple(settings.NEWSROOM_ADMIN_CSP_PREFIXES))


def anonymous_request(request: HttpRequest) -> bool:
    """A visitor's request the cache may answer: GET or HEAD, no session,
    messages or authorisation, outside the back office."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not _admin_path(request)
    )


def _csrf_token_used(request: HttpRequest, response: HttpResponse) -> bool:
    """django.middleware.csrf.get_token() (the {% csrf_token %} tag) flags the
    request; CsrfViewMiddleware then clears the flag and (re)sets the cookie."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or (
        settings.CSRF_COOKIE_NAME in response.cookies
    )


def visitor_specific(request: HttpRequest, response: HttpResponse) -> bool:
    """Something about this visitor is in the response or comes with it: a
    CSRF token, a cookie, a new message or session value."""
    if response.cookies or _csrf_token_used(request, response):
        return True
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return True
    messages = getattr(request, "_messages", None)
    return bool(messages is not None and getattr(messages, "added_new", False))


def public_response(request: HttpRequest, response: HttpResponse) -> bool:
    """A response the same for every visitor: 200, complete, nothing about
    this visitor in it, and no private or no-store Cache-Control (as previews
    and the admin send)."""
    if response.status_code != 200 or response.streaming:
        return False
    if visitor_specific(request, response):
        return False
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h}
    if vary - VARY_ALLOWED:
        return False
    return len(response.content) <= LARGEST_PAGE_BYTES


def page_key(request: HttpRequest, token: str) -> str:
    """The language, scheme, host, path and query (its parameters sorted),
    under the generation's token and today's date in the site's time zone (which
    "upcoming" and "past" events depend on)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = urlencode(sorted(pairs))
    language = getattr(request, "LANGUAGE_CODE", "")
    url = f"{language} {request.scheme}://{request.get_host()}{request.path}?{query}"
    return PAGE_KEY.format(
        token=token,
        day=timezone.localdate().isoformat(),
        url=hashlib.sha256(url.encode()).hexdigest(),
    )


def last_modified(changed_at: datetime.datetime) -> datetime.datetime:
    """What a cached page shows last changed: at the generation's change, or at
    the start of today in the site's time zone (events move from upcoming to
    past at midnight), whichever is later."""
    day_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(changed_at, day_start)


def _etag(stored_body: bytes) -> str:
    # From the page without its nonce: the same page has the same tag.
    return f'"{hashlib.md5(stored_body, usedforsecurity=False).hexdigest()}"'


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not anonymous_request(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not _admin_path(request):
                # Staff, a visitor with a message: theirs alone.
                patch_cache_control(response, private=True, no_store=True)
            return response

        # With the page cache off, pages still get their validators.
        current = generation.current()
        key = None
        if current is not None and settings.NEWSROOM_PAGE_CACHE:
            key = page_key(request, current.token)
        stored = cache_get(key) if key else None
        if stored is not None:
            return self._from_store(request, stored, current)

        response = self.get_response(request)
        if not public_response(request, response):
            if visitor_specific(request, response):
                patch_cache_control(response, private=True, no_store=True)
            return response
        nonce = getattr(request, "_csp_nonce", None)
        body = response.content
        if nonce:
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
        if "Last-Modified" in response:
            # A feed's own date misses edits and unpublications: never kept.
            del response["Last-Modified"]
        self._validators(response, body, current)
        if key:
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in NOT_STORED
            ]
            cache_set(
                key, (headers, body), timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS
            )
        return response

    def _from_store(self, request, stored, current) -> HttpResponse:
        headers, body = stored
        content = body
        if NONCE_PLACEHOLDER in body:
            content = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        self._validators(response, body, current)
        return response

    @staticmethod
    def _validators(response, stored_body, current) -> None:
        # Signed-in users get other pages at the same address: a shared cache
        # that does not know the rules above must not mix them up.
        patch_vary_headers(response, ("Cookie",))
        response["ETag"] = _etag(stored_body)
        if current is not None:
            response["Last-Modified"] = http_date(
                last_modified(current.changed_at).timestamp()
            )
        if not response.has_header("Cache-Control"):
            # Browsers revalidate every time (a 304 costs no query); a shared
            # proxy or CDN may keep the page NEWSROOM_PROXY_MAX_AGE seconds,
            # the longest a publication may wait to reach its visitors.
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.NEWSROOM_PROXY_MAX_AGE,
            )


# Compressed: text a visitor may read, never one with a CSRF token (BREACH).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/ld+json",
    "application/javascript",
    "image/svg+xml",
)


class CompressionMiddleware(GZipMiddleware):
    """gzip for public text: not for the back office, a signed-in user's pages
    or any response with a CSRF token, where a secret sits beside what an
    attacker can put in the page (BREACH); not for files already compressed."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if (
            _admin_path(request)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or _csrf_token_used(request, response)
            or not content_type.startswith(COMPRESSIBLE_TYPES)
        ):
            return response
        return super().process_response(request, response)
