"""A page in the cache is answered by the outermost middleware: the response
the whole stack finished when it was stored (its security headers and policy
included) with a fresh nonce, compressed once, at the cost of one read of the
shared cache and no query (issue 14, "Cache on"; newsroom/caching/middleware.py).
"""

import gzip

import pytest
from django.core.cache import caches
from django.test import Client

from newsroom.caching.middleware import PageMemo, StoredPage
from tests.factories import make_news, make_public_pages

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip"}
# Headers that differ between two responses of the same page by design.
PER_RESPONSE = {"content-security-policy", "date"}


def comparable_headers(response) -> dict[str, str]:
    return {
        name.lower(): value
        for name, value in response.items()
        if name.lower() not in PER_RESPONSE
    }


def test_a_hit_carries_every_header_the_whole_stack_gave_the_page(
    django_assert_num_queries,
):
    visitor = Client()
    for name, url in make_public_pages().items():
        rendered = visitor.get(url)
        with django_assert_num_queries(0):
            hit = visitor.get(url)
        assert hit.content == rendered.content, name
        assert comparable_headers(hit) == comparable_headers(rendered), name
        # The same policy, with a nonce of its own.
        policy = rendered["Content-Security-Policy"].split("'nonce-")[0]
        assert hit["Content-Security-Policy"].startswith(policy), name
        assert hit["Content-Security-Policy"] != rendered["Content-Security-Policy"]
        assert "\x00" not in hit["Content-Security-Policy"], name


def test_a_hit_for_a_gzip_client_is_the_page_compressed_once_when_stored():
    visitor = Client()
    for n in range(6):
        make_news(title=f"Consultations round {n}")
    plain = visitor.get("/news/")  # rendered and stored
    compressed = visitor.get("/news/", headers=GZIP)  # a hit
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert compressed["ETag"] == f"W/{plain['ETag']}"
    assert "Accept-Encoding" in compressed["Vary"] and "Cookie" in compressed["Vary"]
    # Stored once: the same bytes for every gzip client.
    assert visitor.get("/news/", headers=GZIP).content == compressed.content
    not_modified = visitor.get(
        "/news/", headers=GZIP | {"if-none-match": compressed["ETag"]}
    )
    assert not_modified.status_code == 304
    assert not_modified.content == b""


class CountingReads:
    """Counts the reads of the test settings' cache (one process's memory here,
    Redis or a file in production: a read there is a round trip)."""

    def __init__(self, monkeypatch):
        self.reads = 0
        self._depth = 0  # the local-memory get_many calls get: one read
        backend = caches["default"]
        for method in ("get", "get_many"):
            original = getattr(backend, method)

            def counted(*args, _original=original, **kwargs):
                self.reads += self._depth == 0
                self._depth += 1
                try:
                    return _original(*args, **kwargs)
                finally:
                    self._depth -= 1

            monkeypatch.setattr(backend, method, counted)


def test_a_hot_page_costs_one_read_of_the_shared_cache(monkeypatch, settings):
    make_news(title="Consultations held")
    visitor = Client()
    visitor.get("/news/")  # rendered and stored
    counter = CountingReads(monkeypatch)
    visitor.get("/news/")  # read from the shared cache, kept in memory
    assert counter.reads == 2  # the generation, then the page
    counter.reads = 0
    assert "Consultations held" in visitor.get("/news/").content.decode()
    assert counter.reads == 1  # the generation only

    settings.NEWSROOM_PAGE_MEMO_BYTES = 0  # without the memory: two reads
    counter.reads = 0
    visitor.get("/news/")
    assert counter.reads == 2


def test_a_page_kept_in_memory_is_not_served_once_the_content_changed():
    item = make_news(title="Consultations held")
    visitor = Client()
    for _ in range(3):
        assert "Consultations held" in visitor.get("/news/").content.decode()
    item.title = "Consultations concluded"
    item.save()
    page = visitor.get("/news/").content.decode()
    assert "Consultations concluded" in page and "Consultations held" not in page


def test_a_host_not_allowed_is_refused_not_looked_up():
    response = Client().get("/news/", headers={"host": "evil.example"})
    assert response.status_code == 400


def _page(token: str, size: int) -> StoredPage:
    return StoredPage(token, "2024-04-24", {}, b"x" * size, None, '"e"', "Cookie")


def test_the_memory_of_pages_is_bounded_in_bytes_least_recent_first():
    memo = PageMemo(max_bytes=1000)
    memo.put("a", _page("t1", 400))
    memo.put("b", _page("t1", 400))
    assert memo.get("a", "t1", "2024-04-24") is not None  # "b" is now the oldest
    memo.put("c", _page("t1", 400))
    assert memo.get("b", "t1", "2024-04-24") is None
    assert memo.get("a", "t1", "2024-04-24") is not None
    assert memo.get("c", "t1", "2024-04-24") is not None
    memo.put("huge", _page("t1", 2000))  # larger than the whole memory: not kept
    assert memo.get("huge", "t1", "2024-04-24") is None


def test_the_memory_never_serves_another_generation_or_day():
    memo = PageMemo(max_bytes=1000)
    memo.put("a", _page("t1", 10))
    assert memo.get("a", "t2", "2024-04-24") is None
    memo.put("a", _page("t1", 10))
    assert memo.get("a", "t1", "2024-04-25") is None


def test_after_a_deploy_pages_and_fragments_are_rendered_afresh(settings):
    """The generation marks changes of content; a new release of the code
    (NEWSROOM_RELEASE, or a digest of the code) renders again what the old
    one cached, pages and fragments alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_news(title="Consultations held")
    visitor = Client()
    for page_cache in (True, False):
        settings.NEWSROOM_PAGE_CACHE = page_cache
        settings.NEWSROOM_RELEASE = f"build-1-{page_cache}"
        visitor.get("/news/")
        with CaptureQueriesContext(connection) as warm:
            visitor.get("/news/")
        settings.NEWSROOM_RELEASE = f"build-2-{page_cache}"
        with CaptureQueriesContext(connection) as after_deploy:
            visitor.get("/news/")
        assert len(after_deploy) > len(warm), page_cache
