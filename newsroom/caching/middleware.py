"""Anonymous pages from the shared cache; validators, Cache-Control and
compression for what is public.

Order in settings.MIDDLEWARE (outer first):

- PageCacheMiddleware, outermost: a visitor's request for a page in the cache
  is answered here, before any other middleware runs: the stored response as
  the whole stack finished it (security headers, policy, Vary), with a fresh
  CSP nonce, its ETag and Last-Modified, gzipped when the visitor accepts it
  (compressed once, when stored), or a 304. On a miss it lets the request
  through and keeps what comes back, if PageValidatorsMiddleware marked it
  public.
- CompressionMiddleware, Django's ConditionalGetMiddleware, then the security
  headers, CSP, session, CSRF, auth and messages middleware;
- PageValidatorsMiddleware, after them all: decides whether a response is the
  same for every visitor (no CSRF token, cookie, message or session change),
  gives it its validators and Cache-Control, and hands the outer middleware
  the body with its nonce taken out. Staff pages get `private, no-store`.

A hit costs one read of the shared cache (the generation; a page read once by
this process is kept in its memory under that generation, see PageMemo) and no
query. What a hit skips is the same for every anonymous request: sessions,
CSRF, auth, messages and locale have nothing to do for a visitor without a
cookie, and the headers the security middlewares add are stored with the page.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path

from newsroom.caching import generation
from newsroom.caching.release import release
from newsroom.caching.safe import cache_get, cache_set

PAGE_KEY = "newsroom:page:v2:{release}:{url}"
# What stands for the response's CSP nonce in a stored page: a NUL never
# occurs in a page or a header, so the nonce of the next visitor replaces only it.
NONCE_PLACEHOLDER = "\x00csp-nonce\x00"
# Headers of the finished response not kept with the page: recomputed for each
# response (validators, length, encoding), or the server's (Date).
NOT_STORED = {
    "etag",
    "last-modified",
    "date",
    "set-cookie",
    "content-length",
    "content-encoding",
    "vary",
}
LARGEST_PAGE_BYTES = 8 * 1024 * 1024
# A response that varies on another request header than these is not stored
# (the key holds nothing else): compression is applied after the cache; only
# requests without session or messages cookies are served; the language of a
# page is its address (/ru/…), part of the key.
VARY_ALLOWED = {"accept-encoding", "cookie", "accept-language"}
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
CONDITIONAL_HEADERS = {
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
}


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


def _files_path(request: HttpRequest) -> bool:
    """Static files (WhiteNoise) and uploads (their own access rule) are files,
    never pages: no cache lookup for them."""
    return request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))


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


def page_key(request: HttpRequest) -> str:
    """The language, scheme, host, path and query (its parameters sorted).

    The language of a public page is its address's prefix, none being the
    default language (LocaleMiddleware does the same for i18n_patterns without
    a default prefix), so it is known before LocaleMiddleware runs. Raises
    DisallowedHost for a host not in ALLOWED_HOSTS."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = urlencode(sorted(pairs))
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    url = f"{language} {request.scheme}://{request.get_host()}{request.path}?{query}"
    return PAGE_KEY.format(
        release=release(), url=hashlib.sha256(url.encode()).hexdigest()
    )


def last_modified(
    changed_at: datetime.datetime, now: datetime.datetime | None = None
) -> datetime.datetime:
    """What a cached page shows last changed: at the generation's change, or at
    the start of today in the site's time zone (events move from upcoming to
    past at midnight), whichever is later. `now`: the site's local time."""
    now = now or timezone.localtime()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(changed_at, day_start)


@functools.lru_cache(maxsize=8)
def _http_date(timestamp: int) -> str:
    # Every hit of a generation sends the same date.
    return http_date(timestamp)


def _etag(stored_body: bytes) -> str:
    # From the page without its nonce: the same page has the same tag.
    return f'"{hashlib.md5(stored_body, usedforsecurity=False).hexdigest()}"'


def _new_nonce() -> str:
    # As django-csp makes them (csp.middleware.CSPMiddleware._make_nonce).
    return base64.b64encode(os.urandom(16)).decode("ascii")


def _compressible(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower().startswith(COMPRESSIBLE_TYPES)


@dataclass(frozen=True)
class StoredPage:
    """A finished public response, as kept in the cache.

    `token` and `day` say which generation and which day of the site's time
    zone (upcoming and past events) it was rendered under: an entry of another
    is a miss. `body` and the CSP header hold NONCE_PLACEHOLDER where the
    nonce was; `gzipped` is the body compressed once (None: not compressible,
    no gain, or a nonce in it)."""

    token: str
    day: str
    # As HttpResponse.headers keeps them ({lower-case name: (name, value)}),
    # checked when the response was built: copied as they are on a hit.
    headers: dict[str, tuple[str, str]]
    body: bytes
    gzipped: bytes | None
    etag: str
    vary: str

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")

    def is_current(self, token: str, day: str) -> bool:
        return self.token == token and self.day == day


class PageMemo:
    """Pages this process read from the shared cache, kept in its memory for
    as long as the generation they were stored under is current.

    Not a cache of its own: every request still reads the generation from the
    shared cache first, and an entry of another generation or day is never
    served, so a change made through any process shows here at once, as it
    would without the memo. It spares a hot page's second read of the shared
    cache (its bytes and unpickling); its size is bounded in bytes, the least
    recently served going first."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers share it

    def get(self, key: str, token: str, day: str) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if not page.is_current(token, day):
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: StoredPage) -> None:
        if page.size > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self._bytes += page.size
            self._trim()

    def resize(self, max_bytes: int) -> None:
        if max_bytes != self.max_bytes:
            with self._lock:
                self.max_bytes = max_bytes
                self._trim()

    def _trim(self) -> None:
        while self._bytes > self.max_bytes:
            self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        self._bytes -= self._pages.pop(key).size


memo = PageMemo(max_bytes=0)


def _memo() -> PageMemo:
    memo.resize(settings.NEWSROOM_PAGE_MEMO_BYTES)
    return memo


class PageCacheMiddleware:
    """Outermost: answers a visitor's request from the shared cache, else lets
    it through and keeps the finished response if it is public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if (
            not settings.NEWSROOM_PAGE_CACHE
            or _files_path(request)
            or not anonymous_request(request)
        ):
            return self.get_response(request)
        try:
            key = page_key(request)
        except DisallowedHost:
            return self.get_response(request)  # SecurityMiddleware's 400
        # Kept on the request: the validators and the fragments use it too.
        current = generation.for_request(request)
        if current is None:  # the cache is down: render uncached
            return self.get_response(request)
        now = timezone.localtime()
        day = now.date().isoformat()
        page = _memo().get(key, current.token, day)
        if page is None:
            page = cache_get(key)
            if isinstance(page, StoredPage) and page.is_current(current.token, day):
                _memo().put(key, page)
            else:
                page = None
        if page is not None:
            return self.serve(request, page, last_modified(current.changed_at, now))

        response = self.get_response(request)
        page = self.stored_form(request, response, current.token, day)
        if page is not None:
            cache_set(key, page, timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def stored_form(request, response, token: str, day: str) -> StoredPage | None:
        """The finished response as a StoredPage, if PageValidatorsMiddleware
        found it public and nothing outside it added a cookie."""
        body = getattr(response, "page_cache_body", None)
        if body is None or response.status_code != 200 or response.cookies:
            return None
        nonce = getattr(request, "_csp_nonce", None)
        headers = {}
        for name, value in response.items():
            if name.lower() in NOT_STORED:
                continue
            if nonce and name.lower().startswith("content-security-policy"):
                value = value.replace(nonce, NONCE_PLACEHOLDER)
            headers[name.lower()] = (name, value)
        # Accept-Encoding is added back when the page is compressible (as
        # CompressionMiddleware adds it, whether or not it compresses).
        vary = [
            part.strip()
            for part in cc_delim_re.split(response.get("Vary", ""))
            if part.strip() and part.strip().lower() != "accept-encoding"
        ]
        gzipped = None
        if _compressible(response.get("Content-Type", "")) and len(body) >= 200:
            # GZipMiddleware's rules: 200 bytes or more, kept if smaller.
            vary.append("Accept-Encoding")
            if NONCE_PLACEHOLDER.encode() not in body:
                gzipped = compress_string(body)
                if len(gzipped) >= len(body):
                    gzipped = None
        return StoredPage(
            token=token,
            day=day,
            headers=headers,
            body=body,
            gzipped=gzipped,
            etag=response.page_cache_etag,
            vary=", ".join(vary),
        )

    @staticmethod
    def serve(request, page: StoredPage, modified: datetime.datetime):
        """The stored page with a fresh nonce, compressed if the client takes
        gzip, or a 304. The stored headers are copied into the response's
        header store as they are (they were checked when first sent); the few
        set here are ASCII made here."""
        nonce = _new_nonce()
        body = page.body
        if NONCE_PLACEHOLDER.encode() in body:
            body = body.replace(NONCE_PLACEHOLDER.encode(), nonce.encode())
        etag = page.etag
        gzipped = page.gzipped is not None and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        if gzipped:
            body = page.gzipped
            etag = "W/" + etag  # as GZipMiddleware marks a compressed body
        response = HttpResponse(body)
        store = response.headers._store
        store.clear()
        store.update(page.headers)
        for name, (header, value) in page.headers.items():
            if NONCE_PLACEHOLDER in value:
                store[name] = (header, value.replace(NONCE_PLACEHOLDER, nonce))
        if page.vary:
            store["vary"] = ("Vary", page.vary)
        if gzipped:
            store["content-encoding"] = ("Content-Encoding", "gzip")
        store["content-length"] = ("Content-Length", str(len(body)))
        store["etag"] = ("ETag", etag)
        timestamp = int(modified.timestamp())
        store["last-modified"] = ("Last-Modified", _http_date(timestamp))
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )


class PageValidatorsMiddleware:
    """Innermost but for axes: validators and Cache-Control for public pages,
    `private, no-store` for anyone's own; marks a public response for
    PageCacheMiddleware to keep."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not anonymous_request(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not _admin_path(request):
                # Staff, a visitor with a message: theirs alone.
                patch_cache_control(response, private=True, no_store=True)
            return response

        response = self.get_response(request)
        if not public_response(request, response):
            if visitor_specific(request, response):
                patch_cache_control(response, private=True, no_store=True)
            return response
        # With the page cache off, pages still get their validators.
        current = generation.for_request(request)
        nonce = getattr(request, "_csp_nonce", None)
        body = response.content
        if nonce:
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER.encode())
        if "Last-Modified" in response:
            # A feed's own date misses edits and unpublications: never kept.
            del response["Last-Modified"]
        self._validators(response, body, current)
        response.page_cache_body = body
        response.page_cache_etag = response["ETag"]
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
