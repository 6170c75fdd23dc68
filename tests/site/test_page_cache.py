"""Anonymous pages come from the shared cache with no query; what carries
something of a visitor's own is never cached; every change to the content, and
a scheduled publication's moment, shows on every page at once (issue 14,
"Caching, correct first"; newsroom/caching)."""

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.accounts.roles import EDITOR
from newsroom.documents.models import Attachment
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    admin_url,
    change_data,
    make_event,
    make_news,
    make_official,
    make_public_pages,
    pdf_bytes,
    publication_time,
    staff,
)

pytestmark = pytest.mark.django_db

BACKENDS = ["locmem", "redis"]


@pytest.fixture(params=BACKENDS)
def backend(request):
    """Each test on the test settings' local-memory cache and on real Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(staff(EDITOR))
    return client


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def assert_from_cache(client, url):
    response, queries = queries_of(client, url)
    assert response.status_code == 200, url
    assert queries == 0, f"{url}: {queries} queries, expected a cache hit"
    return response


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Hits ------------------------------------------------------------------------


def test_every_public_page_kind_is_served_from_the_cache_with_no_query(
    backend, visitor, django_assert_num_queries
):
    pages = make_public_pages()
    assert len(pages) >= 20
    for name, url in pages.items():
        first = visitor.get(url)
        assert first.status_code == 200, name
        with django_assert_num_queries(0):
            again = visitor.get(url)
        assert again.status_code == 200, name
        assert again.content == first.content, name
        assert again["Content-Type"] == first["Content-Type"], name
        assert "public" in again["Cache-Control"], name


def test_the_query_string_is_part_of_the_key_in_any_order(backend, visitor):
    item = make_news(title="Consultations held")
    year = timezone.localtime(item.published_at).year
    assert "Consultations held" in page(visitor, f"/news/?year={year}&page=1")
    assert_from_cache(visitor, f"/news/?page=1&year={year}")
    response, queries = queries_of(visitor, "/news/?year=1999")
    assert queries > 0
    assert "Consultations held" not in response.content.decode()


def test_the_host_is_part_of_the_key(visitor):
    visitor.get("/news/")
    response, queries = queries_of(visitor, "/news/?")
    assert queries == 0  # an empty query string is the same page
    with CaptureQueriesContext(connection) as queries:
        visitor.get("/news/", headers={"host": "localhost"})
    assert len(queries) > 0


def test_each_language_is_kept_once_and_the_address_decides_it(visitor):
    """The language of a page is its address's (/news/ English, /ru/news/
    Russian, issue 13): each is kept once; a browser asking for Russian at
    /news/ gets the English page from the cache, not a Russian one."""
    visitor.get("/news/")
    assert queries_of(visitor, "/news/")[1] == 0
    with CaptureQueriesContext(connection) as queries:
        russian = visitor.get("/ru/news/")
    assert russian.status_code == 200 and len(queries) > 0
    assert 'lang="ru"' in russian.content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = visitor.get("/news/", headers={"accept-language": "ru"})
    assert len(queries) == 0
    assert 'lang="en"' in again.content.decode()
    with CaptureQueriesContext(connection) as queries:
        visitor.get("/ru/news/")
    assert len(queries) == 0


@pytest.mark.urls("tests.site.cache_test_urls")
def test_a_page_from_the_cache_carries_a_fresh_csp_nonce(visitor):
    from tests.site.cache_test_urls import renders

    renders.clear()
    nonces = []
    for _ in range(2):
        response = visitor.get("/test-pages/nonce/")
        in_page = re.search(r'nonce="([^"]+)"', response.content.decode())[1]
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        assert in_header[1] == in_page
        nonces.append(in_page)
    assert renders["nonce"] == 1  # the second came from the cache
    assert nonces[0] != nonces[1]


def test_with_the_database_cache_a_hit_reads_only_the_cache_table(settings, visitor):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsroom_cache",
        }
    }
    call_command("createcachetable")
    make_news(title="Consultations held")
    assert "Consultations held" in page(visitor, "/news/")
    with CaptureQueriesContext(connection) as queries:
        assert "Consultations held" in page(visitor, "/news/")
    assert queries.captured_queries
    assert all("newsroom_cache" in q["sql"] for q in queries.captured_queries)


# --- Never cached ---------------------------------------------------------------


def test_staff_pages_are_never_cached_nor_served_from_the_cache(visitor, editor_client):
    make_news(title="Consultations held")
    visitor.get("/news/")  # cached for visitors
    for _ in range(2):
        response, queries = queries_of(editor_client, "/news/")
        assert queries > 0
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_a_preview_is_never_cached(visitor, editor_client):
    draft = make_news(title="Draft statement", status=Status.DRAFT)
    url = draft.get_absolute_url()
    for _ in range(2):
        response, queries = queries_of(editor_client, url)
        assert response.status_code == 200
        assert queries > 0
        assert "no-store" in response["Cache-Control"]
    assert visitor.get(url).status_code == 404


def test_a_visitor_with_a_message_is_not_served_from_the_cache(visitor):
    visitor.get("/news/")
    visitor.cookies["messages"] = "anything"
    response, queries = queries_of(visitor, "/news/")
    assert queries > 0
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_and_its_csrf_token_are_never_cached(visitor):
    for _ in range(2):
        response = visitor.get("/admin/login/")
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


@pytest.mark.urls("tests.site.cache_test_urls")
@pytest.mark.parametrize(
    "name, url",
    [
        ("csrf", "/test-pages/csrf/"),
        ("message", "/test-pages/message/"),
        ("cookie", "/test-pages/cookie/"),
    ],
)
def test_a_page_with_a_csrf_token_a_message_or_a_cookie_is_never_cached(
    visitor, name, url
):
    from tests.site.cache_test_urls import renders

    renders.clear()
    for _ in range(2):
        response = Client().get(url)
        assert response.status_code == 200
        assert response.cookies  # the token's, the message's or the page's cookie
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    assert renders[name] == 2


def test_a_not_found_page_is_not_cached(visitor):
    for _ in range(2):
        response, queries = queries_of(visitor, "/news/no-such-section/")
        assert response.status_code == 404
        assert queries > 0


def test_the_page_cache_can_be_turned_off(settings, visitor):
    settings.NEWSROOM_PAGE_CACHE = False
    visitor.get("/news/")
    assert queries_of(visitor, "/news/")[1] > 0


# --- Every change shows at once --------------------------------------------------


def test_an_edit_in_the_admin_shows_on_every_page(backend, visitor, editor_client):
    item = make_news(title="Consultations held")
    pages = ["/", "/news/", item.get_absolute_url(), "/feeds/news/"]
    for url in pages:
        assert "Consultations held" in page(visitor, url), url
        assert_from_cache(visitor, url)
    assert item.get_absolute_url() in page(visitor, "/search/?q=consultations")

    response = editor_client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, title="Consultations concluded"),
    )
    assert response.status_code == 302

    for url in ["/", "/news/", item.get_absolute_url(), "/feeds/news/"]:
        text = page(visitor, url)
        assert "Consultations concluded" in text, url
        assert "Consultations held" not in text, url
    assert item.get_absolute_url() in page(visitor, "/search/?q=concluded")
    assert item.get_absolute_url() not in page(visitor, "/search/?q=held")


def test_publishing_in_the_admin_shows_on_lists_feeds_and_sitemaps(
    backend, visitor, editor_client
):
    draft = make_news(title="Summit announced", status=Status.DRAFT)
    sitemap = "/sitemap-news.xml"
    for url in ["/news/", "/feeds/news/", sitemap]:
        assert "Summit announced" not in page(visitor, url)
        assert "summit" not in page(visitor, url).lower()
    data = change_data(
        draft, status=Status.PUBLISHED, published_at_0="", published_at_1=""
    )
    assert (
        editor_client.post(admin_url(NewsItem, "change", draft.pk), data).status_code
        == 302
    )
    assert NewsItem.objects.live().filter(pk=draft.pk).exists()

    assert "Summit announced" in page(visitor, "/news/")
    assert "Summit announced" in page(visitor, "/feeds/news/")
    assert draft.slug in page(visitor, sitemap)
    assert visitor.get(draft.get_absolute_url()).status_code == 200


def test_a_bulk_unpublish_shows_on_every_page(backend, visitor, editor_client):
    items = [make_news(title=f"Bulletin number {n}") for n in range(3)]
    for url in ["/news/", "/feeds/news/", items[0].get_absolute_url()]:
        assert "Bulletin number 0" in page(visitor, url)
    response = editor_client.post(
        admin_url(NewsItem, "changelist"),
        {"action": "unpublish", "_selected_action": [i.pk for i in items]},
    )
    assert response.status_code == 302
    assert not NewsItem.objects.live().exists()

    for url in ["/news/", "/feeds/news/", "/", "/search/?q=bulletin"]:
        assert "Bulletin number" not in page(visitor, url), url
    assert visitor.get(items[0].get_absolute_url()).status_code == 404


def test_a_delete_in_the_admin_shows_on_every_page(visitor, editor_client):
    item = make_news(title="Consultations held")
    assert "Consultations held" in page(visitor, "/news/")
    assert "Consultations held" in page(visitor, "/feeds/news/")
    response = editor_client.post(
        admin_url(NewsItem, "changelist"),
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not NewsItem.objects.exists()
    assert "Consultations held" not in page(visitor, "/news/")
    assert "Consultations held" not in page(visitor, "/feeds/news/")


def test_a_change_of_identity_shows_on_every_page(backend, visitor):
    identity = SiteIdentity.objects.create(name="First Treaty Organisation")
    item = make_news()
    for url in ["/", item.get_absolute_url(), "/feeds/news/"]:
        assert "First Treaty Organisation" in page(visitor, url)
    identity.name = "Second Treaty Organisation"
    identity.save()
    for url in ["/", item.get_absolute_url(), "/feeds/news/"]:
        assert "Second Treaty Organisation" in page(visitor, url), url


def test_a_section_official_document_or_link_change_shows(visitor):
    item = make_news(title="Consultations held")
    official = make_official(name="Sample Minister")
    item_url, official_url = item.get_absolute_url(), official.get_absolute_url()
    section_url = item.section.get_absolute_url()
    for url in [item_url, official_url, section_url]:
        page(visitor, url)

    item.section.name = "Renamed section"
    item.section.save()
    assert "Renamed section" in page(visitor, section_url)

    official.name = "Renamed Minister"
    official.save()
    assert "Renamed Minister" in page(visitor, official_url)

    item.officials.add(official)  # a many-to-many link: no save of either row
    assert "Consultations held" in page(visitor, official_url)

    Attachment.objects.create(
        item=item, title="Final communiqué", file=ContentFile(pdf_bytes(), "a.pdf")
    )
    assert "Final communiqué" in page(visitor, item_url)


def test_generated_content_shows_at_once(visitor):
    """generate_content inserts in bulk (no signals): it leaves the pages behind
    itself, as import_content does."""

    def generate(news):
        call_command("generate_content", "--news", str(news), "--speeches", "0",
                     "--events", "0", "--statements", "0",
                     stdout=open(os.devnull, "w"))  # fmt: skip

    generate(1)  # its sections exist from here on: the next run only inserts
    page(visitor, "/news/")
    assert_from_cache(visitor, "/news/")
    generate(2)
    generated = NewsItem.objects.all()
    assert len(generated) == 3
    text = page(visitor, "/news/")
    for item in generated:
        assert item.get_absolute_url() in text


def test_an_import_shows_at_once(visitor, tmp_path):
    """import_content inserts in bulk (no signals): it leaves the pages behind."""
    from django.apps import apps

    item = make_news(title="Imported bulletin")
    archive = tmp_path / "backup.zip"
    call_command("export_content", archive, stdout=open(os.devnull, "w"))
    for label in ("news.NewsItem", "news.Section", "publishing.WorkflowEvent"):
        apps.get_model(label).objects.all().delete()
    assert "Imported bulletin" not in page(visitor, "/news/")
    assert_from_cache(visitor, "/news/")

    call_command("import_content", archive, stdout=open(os.devnull, "w"))
    assert "Imported bulletin" in page(visitor, "/news/")
    assert visitor.get(item.get_absolute_url()).status_code == 200


# --- The scheduled moment, to the second ---------------------------------------


class Clock:
    """timezone.now() for the code under test, moved by the test."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def test_a_scheduled_item_shows_on_every_page_at_its_second(backend, visitor, clock):
    make_news(title="Earlier news")
    moment = clock.now + datetime.timedelta(minutes=10)
    item = make_news(title="Scheduled statement", published_at=moment)
    pages = ["/", "/news/", "/feeds/news/", "/sitemap-news.xml", "/search/?q=scheduled"]
    for url in pages:
        assert "Scheduled statement" not in page(visitor, url)
        assert item.slug not in page(visitor, url)

    clock.now = moment - datetime.timedelta(microseconds=1)
    for url in pages:
        response = assert_from_cache(visitor, url)  # still before: from the cache
        assert item.slug not in response.content.decode()

    clock.now = moment
    for url in pages:
        assert item.slug in page(visitor, url), url
    assert visitor.get(item.get_absolute_url()).status_code == 200


def test_the_next_moment_follows_each_scheduled_item(visitor, clock):
    first = clock.now + datetime.timedelta(seconds=30)
    second = clock.now + datetime.timedelta(seconds=90)
    make_news(title="First scheduled", published_at=first)
    make_news(title="Second scheduled", published_at=second)
    assert "scheduled" not in page(visitor, "/news/")
    clock.now = first
    text = page(visitor, "/news/")
    assert "First scheduled" in text and "Second scheduled" not in text
    clock.now = second - datetime.timedelta(seconds=1)
    assert_from_cache(visitor, "/news/")
    clock.now = second
    assert "Second scheduled" in page(visitor, "/news/")


def test_an_event_leaves_the_calendar_at_midnight_in_the_sites_time_zone(
    visitor, clock
):
    before_midnight = datetime.datetime.combine(
        timezone.localdate(clock.now), datetime.time(23, 59, 59)
    )
    clock.now = timezone.make_aware(before_midnight)
    today = timezone.localdate()
    event = make_event(title="Last day meeting", starts_on=today, ends_on=today)
    assert event.slug in page(visitor, "/events/calendar.ics")
    assert "Last day meeting" in page(visitor, "/")

    clock.now += datetime.timedelta(seconds=1)  # midnight, nothing saved
    assert timezone.localdate() != today
    assert event.slug not in page(visitor, "/events/calendar.ics")
    assert "Last day meeting" not in page(visitor, "/")


# --- Two processes -------------------------------------------------------------

# A second Django process on the same database and Redis: reads addresses from
# stdin, answers "<status> <queries> <title found>" per line.
OTHER_PROCESS = """
import os, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
import json
with override_settings(CACHES=json.loads(os.environ["TEST_CACHES"])):
    client = Client()
    for line in sys.stdin:
        url, needle = line.rstrip("\\n").split(" ", 1)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        found = needle in response.content.decode()
        print(response.status_code, len(queries), found, flush=True)
"""


@pytest.fixture
def other_process(redis_cache, transactional_db):
    import json

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=url,
        TEST_CACHES=json.dumps(redis_cache),
    )
    if "FAKETIME" in env:
        # `make test-clock`: the other process's clock starts at this one's time,
        # not at the hour faketime started this one at.
        env["FAKETIME"] = "@" + time.strftime("%Y-%m-%d %H:%M:%S")
    process = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )

    def get(url, needle):
        process.stdin.write(f"{url} {needle}\n")
        process.stdin.flush()
        status, queries, found = process.stdout.readline().split()
        return int(status), int(queries), found == "True"

    yield get
    process.stdin.close()
    process.wait(timeout=30)


def test_a_publish_here_shows_at_once_in_another_process(other_process, visitor):
    draft = make_news(title="Summit announced", status=Status.DRAFT)
    make_news(title="Earlier news")
    # The other process caches the list, then serves it from the cache.
    status, queries, found = other_process("/news/", "Earlier news")
    assert (status, found) == (200, True) and queries > 0
    assert other_process("/news/", "Summit announced") == (200, 0, False)
    # And this process gets the page the other one cached.
    assert_from_cache(visitor, "/news/")

    editor = Client()
    editor.force_login(staff(EDITOR))
    # A minute ago: the two processes' clocks may differ by a fraction of a
    # second (under `make test-clock`'s faketime, by up to one).
    a_minute_ago = publication_time(timezone.now() - datetime.timedelta(minutes=1))
    data = change_data(draft, status=Status.PUBLISHED, **a_minute_ago)
    assert editor.post(admin_url(NewsItem, "change", draft.pk), data).status_code == 302

    status, queries, found = other_process("/news/", "Summit announced")
    assert status == 200 and found and queries > 0
    assert other_process("/news/", "Summit announced") == (200, 0, True)


# --- Settings ------------------------------------------------------------------


def production_settings(**env):
    """CACHES and SESSION_ENGINE of the production settings under `env`."""
    import json

    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_DIR"}}
    base |= {
        "SECRET_KEY": "kq7R-2vN_x9pLm4T8cZ!bW3sH6yJ0dF5gA1eU+oI=rVnQ&jK$tXiY*wS%zC^",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://u@db.example.org/newsroom",
    }
    code = (
        "import json, config.settings.production as s; "
        "print(json.dumps({'caches': s.CACHES, 'sessions': s.SESSION_ENGINE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "env, backend",
    [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        ({"REDIS_URL": "redis://cache.example.org:6379/0"},
         "django.core.cache.backends.redis.RedisCache"),
    ],
)  # fmt: skip
def test_production_shares_its_cache_and_sessions_between_processes(env, backend):
    loaded = production_settings(**env)
    assert loaded["caches"]["default"]["BACKEND"] == backend
    assert "locmem" not in json_dump(loaded)
    assert loaded["sessions"] == "django.contrib.sessions.backends.db"


def json_dump(value):
    import json

    return json.dumps(value)
