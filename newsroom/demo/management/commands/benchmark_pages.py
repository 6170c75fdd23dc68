"""Time the public pages against the current database: `make bench`.

Requests go through Django's test client (no network, no server), so the
figures are the application's own cost: views, queries and templates.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.publishing.registry import content_kinds


class Command(BaseCommand):
    help = "Time each public page N times and print median and p95 with query counts."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)

    def urls(self):
        """Fixed pages, then every kind's listing and its newest public item."""
        urls = [
            *("/", "/news/?page=50", "/news/?year=2024&q=sample"),
            *("/feeds/news/", "/events/calendar.ics", "/sitemap.xml"),
        ]
        for kind in content_kinds:
            if kind.index_url:
                urls.append(reverse(kind.index_url))
            if kind.in_sitemap:
                urls.append(reverse("site:sitemap-section", args=[kind.plural]))
            item = kind.public_queryset().order_by("-pk").first()
            if item is not None:
                urls.append(item.get_absolute_url())
        return urls

    def handle(self, *args, repeat, **options):
        client = Client(HTTP_HOST="localhost")
        counts = ", ".join(
            f"{kind.model._default_manager.count()} {kind.label_plural.lower()}"
            for kind in content_kinds
        )
        self.stdout.write(f"{counts}; {repeat} requests a page ({connection.vendor})")
        self.stdout.write(
            f"{'page':48} {'status':>6} {'median':>8} {'p95':>8} {'queries':>7}"
        )
        for url in self.urls():
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{url[:48]:48} {response.status_code:>6} "
                f"{statistics.median(timings):>6.1f}ms {p95:>6.1f}ms {len(queries):>7}"
            )
