"""With the cache (Redis) down, pages are rendered and served uncached and the
site stays up; a change made meanwhile shows when it is back (issue 14, "If
the cache backend fails"; newsroom/caching/safe.py)."""

import pytest
import redis
from django.test import Client

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    free_port,
    make_news,
    make_public_pages,
    redis_cache_settings,
)

pytestmark = pytest.mark.django_db


def served(client, url, needle=None):
    response = client.get(url)
    assert response.status_code == 200, url
    if needle is not None:
        assert needle in response.content.decode(), url
    return response


def test_every_page_is_served_uncached_when_redis_does_not_answer(
    settings, django_assert_max_num_queries
):
    # Nothing listens on this port: every connection is refused.
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{free_port()}/0", "x")
    visitor = Client()
    for name, url in make_public_pages().items():
        first = served(visitor, url)
        assert "ETag" in first, name
        assert "Last-Modified" not in first, name  # no generation to date it by
        assert visitor.get(
            url, headers={"if-none-match": first["ETag"]}
        ).status_code in (
            200,
            304,
        )
    item = make_news(title="Consultations held")
    served(visitor, "/news/", "Consultations held")
    item.title = "Consultations concluded"
    item.save()  # the new generation cannot be written: must not fail
    served(visitor, "/news/", "Consultations concluded")


def test_a_redis_killed_and_started_again(settings, redis_server):
    settings.CACHES = redis_cache_settings(redis_server.location, "newsroom-down")
    visitor = Client()
    item = make_news(title="Consultations held")
    served(visitor, "/news/", "Consultations held")
    hit = Client().get("/news/")
    assert hit.status_code == 200

    redis_server.stop()
    for _ in range(2):
        served(visitor, "/news/", "Consultations held")
        served(visitor, item.get_absolute_url(), "Consultations held")
    item.title = "Consultations concluded"
    item.save()
    served(visitor, "/news/", "Consultations concluded")

    redis_server.start()  # empty, as a restarted Redis without persistence
    served(visitor, "/news/", "Consultations concluded")
    again = served(visitor, "/news/", "Consultations concluded")
    assert "Last-Modified" in again


def test_a_change_made_while_redis_refused_shows_when_it_answers_again(
    settings, redis_server, django_assert_num_queries
):
    """Redis keeps its data but refuses this site for a while (here: a password
    set and the connections dropped). The publication made meanwhile could not
    write a new generation; the process that made it writes one as soon as
    Redis answers, so the pages cached before are not served again."""
    settings.CACHES = redis_cache_settings(redis_server.location, "newsroom-refused")
    admin = redis.Redis(port=redis_server.port)
    visitor = Client()
    draft = make_news(title="Summit announced", status=Status.DRAFT)
    make_news(title="Earlier news")
    served(visitor, "/news/", "Earlier news")
    with django_assert_num_queries(0):
        served(visitor, "/news/")

    admin.config_set("requirepass", "only-the-test-knows")
    admin.client_kill_filter(_type="normal", skipme=True)
    draft.status = Status.PUBLISHED
    draft.save()
    assert NewsItem.objects.live().filter(pk=draft.pk).exists()
    served(visitor, "/news/", "Summit announced")  # rendered uncached

    admin.config_set("requirepass", "")
    served(visitor, "/news/", "Summit announced")
    with django_assert_num_queries(0):
        served(visitor, "/news/", "Summit announced")
    admin.close()


def test_the_site_stays_up_when_redis_is_stopped_under_load(
    settings, redis_server, live_server
):
    """Eight visitors at once on a server with threads; Redis killed half-way,
    then started again: every answer is the page."""
    import threading
    import time
    import urllib.request

    settings.CACHES = redis_cache_settings(redis_server.location, "newsroom-load")
    item = make_news(title="Consultations held")
    urls = [f"{live_server.url}{path}" for path in
            ("/", "/news/", item.get_absolute_url(), "/feeds/news/")]  # fmt: skip
    answers, failures = [], []

    def visitor():
        for n in range(30):
            try:
                with urllib.request.urlopen(urls[n % len(urls)], timeout=30) as r:
                    answers.append((r.status, b"Consultations held" in r.read()))
            except Exception as error:  # any failure fails the test below
                failures.append(repr(error))

    threads = [threading.Thread(target=visitor) for _ in range(8)]
    for thread in threads:
        thread.start()
    # time.sleep, not a timed wait on a lock, which never ends under faketime
    # (`make test-clock`).
    while len(answers) < 60 and not failures:
        time.sleep(0.01)  # until a quarter of the requests are done
    redis_server.stop()
    while len(answers) < 150 and not failures and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    redis_server.start()
    for thread in threads:
        thread.join()

    assert not failures
    assert len(answers) == 240
    assert set(answers) == {(200, True)}
