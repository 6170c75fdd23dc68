"""With the page cache off, parts of pages come from the fragment cache
(newsroom/caching/fragments.py): the same HTML as rendered, fewer queries, and
every change to what the site shows (an edit or publication in the admin, the
identity, a section's name, a scheduled moment) shows at once; each language
keeps its own; a preview is never kept; a cache that fails only means the
page is rendered (issue 14, "Cache off": cache fragments)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.accounts.roles import EDITOR
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    admin_url,
    change_data,
    make_news,
    make_public_pages,
    make_section,
    staff,
)

pytestmark = pytest.mark.django_db

HTML_PAGES = ("listing", "home", "a section", "search", "a ")


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    settings.NEWSROOM_FRAGMENT_CACHE = True
    cache.clear()


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(staff(EDITOR))
    return client


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def page(client, url) -> str:
    return get(client, url)[0].content.decode()


def fragment_keys() -> list[str]:
    return [key for key in cache._cache if ":fragment:" in key]


def test_pages_from_fragments_are_the_pages_rendered_with_fewer_queries(
    visitor, settings
):
    pages = {
        name: url
        for name, url in make_public_pages().items()
        if name.startswith(HTML_PAGES) or name.endswith("listing")
    }
    assert len(pages) >= 14
    settings.NEWSROOM_FRAGMENT_CACHE = False
    rendered = {name: get(visitor, url) for name, url in pages.items()}
    settings.NEWSROOM_FRAGMENT_CACHE = True
    saved = 0
    for name, url in pages.items():
        first, cold = get(visitor, url)  # fills the fragments
        again, warm = get(visitor, url)
        expected, uncached = rendered[name]
        assert first.content == expected.content, name
        assert again.content == expected.content, name
        # Filling the fragments costs no query more than rendering: the
        # query budgets of the pages hold with the fragment cache on.
        assert cold <= uncached + 1, (name, cold, uncached)  # +1: the generation
        assert warm <= uncached, (name, warm, uncached)
        saved += uncached - warm
    assert saved >= len(pages)
    assert fragment_keys()


def test_an_item_page_from_fragments_runs_no_query(visitor, editor_client):
    item = make_news(title="Consultations held")
    get(visitor, item.get_absolute_url())
    response, queries = get(visitor, item.get_absolute_url())
    assert "Consultations held" in response.content.decode()
    assert queries == 0  # the item and its article: from the cache
    # Staff read the item from the database (they may preview drafts).
    _, queries = get(editor_client, item.get_absolute_url())
    assert queries > 0
    # An address that finds nothing is not kept: still "not found".
    missing = item.get_absolute_url().replace(item.slug, "no-such-item")
    assert visitor.get(missing).status_code == 404
    assert visitor.get(missing).status_code == 404


def test_an_edit_in_the_admin_shows_at_once(visitor, editor_client):
    item = make_news(title="Consultations held")
    pages = ["/", "/news/", item.get_absolute_url(), item.section.get_absolute_url()]
    for url in pages:
        assert "Consultations held" in page(visitor, url), url
        assert "Consultations held" in page(visitor, url), url  # from fragments
    for _ in range(2):
        assert item.get_absolute_url() in page(visitor, "/search/?q=held")

    response = editor_client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, title="Consultations concluded"),
    )
    assert response.status_code == 302
    for url in pages:
        text = page(visitor, url)
        assert "Consultations concluded" in text, url
        assert "Consultations held" not in text, url
    assert item.get_absolute_url() not in page(visitor, "/search/?q=held")
    assert item.get_absolute_url() in page(visitor, "/search/?q=concluded")


def test_publishing_in_the_admin_shows_at_once(visitor, editor_client):
    make_news(title="Earlier news")
    draft = make_news(title="Summit announced", status=Status.DRAFT)
    for url in ["/", "/news/", "/search/?q=summit"]:
        page(visitor, url)
        assert draft.get_absolute_url() not in page(visitor, url), url
    data = change_data(
        draft, status=Status.PUBLISHED, published_at_0="", published_at_1=""
    )
    response = editor_client.post(admin_url(NewsItem, "change", draft.pk), data)
    assert response.status_code == 302
    for url in ["/", "/news/", "/search/?q=summit"]:
        assert draft.get_absolute_url() in page(visitor, url), url
    # The other item's "Latest news" strip names the new one.
    earlier = NewsItem.objects.get(title="Earlier news")
    assert "Summit announced" in page(visitor, earlier.get_absolute_url())


def test_a_change_of_identity_shows_in_the_header_and_footer(visitor):
    identity = SiteIdentity.objects.create(name="First Treaty Organisation")
    item = make_news()
    urls = ["/", "/news/", item.get_absolute_url(), "/search/?q=x"]
    for url in urls:
        page(visitor, url)
        assert page(visitor, url).count("First Treaty Organisation") >= 2, url
    identity.name = "Second Treaty Organisation"
    identity.save()
    for url in urls:
        text = page(visitor, url)
        assert "First Treaty Organisation" not in text, url
        assert text.count("Second Treaty Organisation") >= 2, url


def test_a_section_renamed_shows_on_its_items_and_lists(visitor):
    section = make_section(name="Press releases")
    item = make_news(section=section, title="Consultations held")
    urls = ["/news/", item.get_absolute_url(), section.get_absolute_url(), "/"]
    for url in urls:
        page(visitor, url)
        assert "Press releases" in page(visitor, url), url
    section.name = "Statements to the press"
    section.save()
    for url in urls:
        text = page(visitor, url)
        assert "Statements to the press" in text, url
        assert "Press releases" not in text, url


def test_each_language_keeps_its_own_fragments(visitor):
    make_news(language="en", title="Summit in English")
    make_news(language="ru", title="Саммит по-русски")
    for _ in range(2):
        english = page(visitor, "/news/")
        russian = page(visitor, "/ru/news/")
        assert '<html lang="en">' in english
        assert '<html lang="ru">' in russian
        assert "Summit in English" in english and "Саммит" not in english
        assert "Саммит по-русски" in russian and "Summit in English" not in russian
        # The chrome in each language: its search button.
        assert ">Search</button>" in english and "Поиск" not in english
        assert ">Поиск</button>" in russian and ">Search</button>" not in russian


def test_the_navigation_marks_the_page_it_is_on(visitor):
    make_news()
    for _ in range(2):
        news = page(visitor, "/news/")
        search = page(visitor, "/search/")
        assert '<a href="/news/" aria-current="page">' in news
        assert '<a href="/news/" aria-current="page">' not in search
        assert '<a href="/search/" aria-current="page">' in search
        assert '<a href="/search/" aria-current="page">' not in news


def test_a_scheduled_item_shows_at_its_moment(visitor, clock):
    make_news(title="Earlier news")
    soon = timezone.now() + datetime.timedelta(minutes=10)
    make_news(title="Statement at noon", published_at=soon)
    for _ in range(2):
        assert "Statement at noon" not in page(visitor, "/news/")
        assert "Statement at noon" not in page(visitor, "/")
    clock(minutes=11)
    assert "Statement at noon" in page(visitor, "/news/")
    assert "Statement at noon" in page(visitor, "/")


def test_a_preview_is_never_kept(visitor, editor_client):
    draft = make_news(title="Secret draft", status=Status.DRAFT, published_at=None)
    cache.clear()
    preview = editor_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Secret draft" in preview.content.decode()
    assert 'content="noindex, nofollow"' in preview.content.decode()
    assert fragment_keys() == []
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_a_failing_cache_only_means_rendering(visitor, monkeypatch, settings):
    item = make_news(title="Consultations held")
    settings.NEWSROOM_FRAGMENT_CACHE = False
    expected = {
        url: page(visitor, url) for url in ["/", "/news/", item.get_absolute_url()]
    }
    settings.NEWSROOM_FRAGMENT_CACHE = True

    def broken(self, key, *args, **kwargs):
        if ":fragment:" in key:
            raise ConnectionError("the cache is down")
        return original_get(self, key, *args, **kwargs)

    def broken_set(self, key, *args, **kwargs):
        if ":fragment:" in key:
            raise ConnectionError("the cache is down")
        return original_set(self, key, *args, **kwargs)

    original_get, original_set = LocMemCache.get, LocMemCache.set
    monkeypatch.setattr(LocMemCache, "get", broken)
    monkeypatch.setattr(LocMemCache, "set", broken_set)
    for url, text in expected.items():
        assert page(visitor, url) == text, url
        assert page(visitor, url) == text, url
    item.title = "Consultations concluded"
    item.save()
    assert "Consultations concluded" in page(visitor, "/news/")


def test_without_a_generation_nothing_is_kept(visitor, monkeypatch):
    """The cache down altogether: no generation, every fragment rendered."""
    from newsroom.caching import generation

    monkeypatch.setattr(generation, "current", lambda: None)
    item = make_news(title="Consultations held")
    for _ in range(2):
        assert "Consultations held" in page(visitor, item.get_absolute_url())
    assert fragment_keys() == []


def test_a_listing_from_fragments_runs_only_its_count(visitor, monkeypatch):
    from newsroom.publishing import pagination

    monkeypatch.setattr(pagination, "DEFERRED_JOIN_FROM", 0)  # keys first
    section = make_section()
    for n in range(23):
        make_news(section=section, title=f"Bulletin {n}")
    section_page = section.get_absolute_url() + "?page=2"
    for url in ["/news/", "/news/?page=2", section_page]:
        get(visitor, url)
        response, queries = get(visitor, url)
        # The count (and on a section's page the section): nothing else.
        assert queries == (2 if url == section_page else 1), url
        assert "23 news items" in response.content.decode(), url
    make_news(section=section, title="Bulletin 23")
    first, _ = get(visitor, "/news/")
    second, _ = get(visitor, "/news/?page=2")
    assert "24 news items" in first.content.decode()
    assert "Bulletin 23" in first.content.decode()
    # Each page shows what it did, moved on by one: the keys were taken anew.
    assert "Bulletin 3<" in second.content.decode()
    assert "Bulletin 4<" not in second.content.decode()


def test_a_sitemap_page_is_kept_until_the_content_changes(visitor):
    item = make_news(title="Consultations held")
    get(visitor, "/sitemap-news.xml")
    response, queries = get(visitor, "/sitemap-news.xml")
    assert queries == 0
    assert item.slug in response.content.decode()
    assert response.has_header("Last-Modified")
    other = make_news(title="Summit announced")
    assert other.slug in page(visitor, "/sitemap-news.xml")
    # The addresses are absolute for the host asked.
    elsewhere = visitor.get("/sitemap-news.xml", HTTP_HOST="localhost")
    assert "http://localhost/" in elsewhere.content.decode()
    assert "http://testserver/" not in elsewhere.content.decode()
