"""`make bench`'s command: the pages it measures exist in any archive, its
archives are one database per size, and it reads wrk's report right."""

import io
import json

import pytest
from django.core.management import call_command

from newsroom.demo.management.commands.bench import database_for_size, parse_wrk
from tests.factories import make_event, make_news, make_official, make_speech

WRK_REPORT = """Running 8s test @ http://127.0.0.1:41234/news/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   151.20ms   40.11ms 412.00ms   70.00%
    Req/Sec    52.10     14.20    90.00     66.00%
  Latency Distribution
     50%  148.50ms
     75%  170.00ms
     90%  201.00ms
     99%    1.20s
  836 requests in 8.01s, 13.40MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:    104.37
Transfer/sec:      1.67MB
"""


def test_wrk_report_gives_rate_percentiles_and_errors():
    assert parse_wrk(WRK_REPORT) == {
        "rps": 104.37,
        "p50": 148.5,
        "p99": 1200.0,
        "errors": 9,
    }


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://postgres@127.0.0.1:5432/newsroom_bench",
            "postgres://postgres@127.0.0.1:5432/newsroom_bench_20000",
        ),
        ("sqlite:////srv/var/bench.sqlite3", "sqlite:////srv/var/bench-20000.sqlite3"),
    ],
)
def test_each_size_has_its_own_database(url, expected):
    assert database_for_size(url, 20000) == expected


@pytest.mark.django_db
def test_the_probe_finds_every_page_and_counts_its_queries(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False  # as `bench` probes the "cache off" rows
    settings.NEWSROOM_FRAGMENT_CACHE = False  # every page rendered: queries
    official = make_official()
    for _ in range(3):
        make_news()
    make_speech(speaker=official)
    make_event()
    out = io.StringIO()
    call_command("bench", "--probe", stdout=out)
    pages = json.loads(out.getvalue().strip().splitlines()[-1])
    labels = [page["label"] for page in pages]
    assert labels == [
        "home",
        "/news/",
        "/news/?page=1",
        "section, one year",
        "news item",
        "speech",
        "event",
        "official",
        "/search/?q=security",
        "/feeds/news/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/events/calendar.ics",
    ]
    for page in pages:
        assert client.get(page["url"]).status_code == 200, page["url"]
        assert page["queries"] >= 1 and page["cpu_ms"] > 0

    # The "cache on" rows: every page is a hit, without a query.
    settings.NEWSROOM_PAGE_CACHE = True
    out = io.StringIO()
    call_command("bench", "--probe", stdout=out)
    cached = json.loads(out.getvalue().strip().splitlines()[-1])
    assert [page["queries"] for page in cached] == [0] * len(labels)


def test_pages_of_another_site_are_named_by_label_and_address():
    from django.core.management.base import CommandError

    from newsroom.demo.management.commands.bench import compared_pages

    assert compared_pages(
        "bakerydemo blog=http://127.0.0.1:8100/blog/, bakerydemo home=http://127.0.0.1:8100/"
    ) == [
        {"label": "bakerydemo blog", "url": "http://127.0.0.1:8100/blog/"},
        {"label": "bakerydemo home", "url": "http://127.0.0.1:8100/"},
    ]
    assert compared_pages("") == []
    with pytest.raises(CommandError):
        compared_pages("blog=/blog/")
