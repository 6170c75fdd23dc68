"""Time /search/ on the current database: `make bench-search`.

Prints the median and p95 of N requests for a common word and a rare phrase,
and the plan PostgreSQL chooses for the page's query (is the GIN index used?).
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from newsroom.search.backends import SearchTerms
from newsroom.search.query import search

QUERIES = {
    "common word": "security",
    "rare phrase": '"Tajik-Afghan border"',
    "two words": "training courses",
}


class Command(BaseCommand):
    help = "Benchmark the search page: median and p95 over N requests, and the plan."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=50)
        parser.add_argument("--no-plan", action="store_true")

    def handle(self, *args, repeat, no_plan, **options):
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{connection.vendor}; {repeat} requests per query")
        for label, query in QUERIES.items():
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get("/search/", {"q": query})
                assert response.status_code == 200, response.status_code
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            count = search(SearchTerms.parse(query)).count()
            self.stdout.write(
                f"{label:12} {query!r:26} {count:>7} results  "
                f"median {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms"
            )
            if not no_plan and connection.vendor == "postgresql":
                rows = search(SearchTerms.parse(query))[:20]
                self.stdout.write(rows.explain(analyze=True))
