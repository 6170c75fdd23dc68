"""`make bench`: the site's real pages under load, beside Django's ceiling.

For each archive size (1,000 / 20,000 / 100,000 news items by default):

1. builds or reuses an archive of that size in its own database (the name in
   DATABASE_URL with the size appended: newsroom_bench_20000, or
   var/bench-20000.sqlite3) with `generate_content --fill`; on PostgreSQL runs
   VACUUM ANALYZE after the fill (this machine's autovacuum may be off, and an
   unanalysed table gets plans ten times slower);
2. serves the site with gunicorn (2 sync workers, production settings, a
   strong random SECRET_KEY, DEBUG off) and, beside it under the same gunicorn
   settings, the ceiling project (newsroom/demo/ceiling): a 20 KB page from
   memory and a 20-item template;
3. drives each page with wrk (2 threads, 16 connections), each run of a page
   next to a run of the ceiling, so that drift on a noisy machine hits both,
   with the page cache on, then off (the parts every visitor shares still
   from the fragment cache), then cold (nothing cached: the first request
   after a change);
4. prints a table per size and cache mode: requests/s, p50, p99, errors,
   ratio to the ceiling, SQL queries per request (one request in-process with
   a query counter, after a first one that warms the cache), the application's
   CPU time per request (in-process, median of 5: robust to a busy machine),
   bytes, and the load average; then each gunicorn worker's resident memory.

Results are also written to var/bench/results-<time>.json and .md.

    python manage.py bench --sizes 1000,20000 --seconds 10 --cache on,off
"""

import datetime
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

WRK_THREADS = 2
WRK_CONNECTIONS = 16
WORKERS = 2
PROBE_REPEAT = 5
# Sent by the proxy in production (SECURE_PROXY_SSL_HEADER): no HTTPS redirect.
PROXY_HEADER = ("X-Forwarded-Proto", "https")
# --cache modes: the whole page from the cache; the page rendered, with the
# parts every visitor shares from the fragment cache (warm, as under load);
# everything rendered from the database (the first request after a change).
CACHE_MODES = {
    "on": {"NEWSROOM_PAGE_CACHE": "1", "NEWSROOM_FRAGMENT_CACHE": "1"},
    "off": {"NEWSROOM_PAGE_CACHE": "0", "NEWSROOM_FRAGMENT_CACHE": "1"},
    "cold": {"NEWSROOM_PAGE_CACHE": "0", "NEWSROOM_FRAGMENT_CACHE": "0"},
}
CEILING = "/page/"
CEILING_TEMPLATE = "/template/"
BENCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"


def database_for_size(url: str, size: int) -> str:
    """The archive of `size` items: the database name (or file) plus the size."""
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        return urlunsplit(parts._replace(path=f"{parts.path}_{size}"))
    if parts.scheme == "sqlite":
        folder, _, name = url.rpartition("/")
        stem, dot, suffix = name.partition(".")
        return f"{folder}/{stem}-{size}{dot}{suffix}"
    raise CommandError(f"Unsupported database URL: {parts.scheme}")


def _postgres(url: str, dbname: str | None = None):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=dbname or parts.path.lstrip("/"),
    )
    connection.autocommit = True
    return connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_DURATION = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _DURATION[unit]


def parse_wrk(output: str) -> dict:
    """requests/s, p50, p99 (ms) and errors from `wrk --latency` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", output, re.M))
    errors = sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {
        "rps": rps,
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "errors": errors,
    }


class Server:
    """gunicorn with WORKERS sync workers on a free port, stopped on exit."""

    def __init__(self, app: str, env: dict, log: Path):
        self.port = free_port()
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                app,
                f"--workers={WORKERS}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=60",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes) of one request, as wrk sends it (no gzip)."""
        request = urllib.request.Request(self.url(path), headers=dict([PROXY_HEADER]))
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, len(response.read())
        except urllib.error.HTTPError as error:
            return error.code, len(error.read())

    def wait_until_ready(self, path: str, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn stopped; see {self.log.name}")
            try:
                self.get(path)
                return
            except OSError:
                time.sleep(0.3)
        raise CommandError(f"gunicorn did not answer in {timeout} s")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (children of the master), in MB."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        sizes = []
        for child in children:
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            kb = re.search(r"VmRSS:\s+(\d+) kB", status)
            if kb:
                sizes.append(int(kb.group(1)) / 1024)
        return sizes

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class OtherSite:
    """A page of another site already running (Wagtail's bakerydemo, say),
    measured beside the ceiling like the site's own pages: `--compare`."""

    def url(self, address: str) -> str:
        return address

    def get(self, address: str) -> tuple[int, int]:
        request = urllib.request.Request(address, headers=dict([PROXY_HEADER]))
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, len(response.read())
        except urllib.error.HTTPError as error:
            return error.code, len(error.read())


def compared_pages(spec: str) -> list[dict]:
    """`label=http://…,label=http://…` as rows to measure."""
    pages = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        label, _, address = part.partition("=")
        if not address.startswith(("http://", "https://")):
            raise CommandError(f"--compare takes label=http://…, not {part!r}")
        pages.append({"label": label.strip(), "url": address.strip()})
    return pages


class Command(BaseCommand):
    help = "Benchmark the real pages under gunicorn and wrk beside Django's ceiling."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,20000,100000")
        parser.add_argument("--seconds", type=int, default=10, help="per wrk run")
        parser.add_argument("--rounds", type=int, default=1, help="runs per page")
        parser.add_argument(
            "--cache",
            default="on,off,cold",
            help="page cache on; off (fragments cached); cold (nothing cached)",
        )
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL")
            or f"sqlite:///{BENCH_DIR.parent / 'bench.sqlite3'}",
        )
        parser.add_argument("--only", default="", help="pages whose label has this")
        parser.add_argument(
            "--compare",
            default="",
            help="label=http://… pages of another running site, measured beside "
            "the ceiling like ours (e.g. Wagtail's bakerydemo)",
        )
        # Internal: run by the command itself against one archive (see probe()).
        parser.add_argument("--probe", action="store_true", help="(internal)")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="with --probe on PostgreSQL: EXPLAIN ANALYZE each page's queries",
        )

    def handle(self, *args, **options):
        if options["probe"]:
            return self.probe(options["only"], options["explain"])
        # Stopped with SIGTERM (or Ctrl-C): stop the servers on the way out.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: apt-get install -y wrk")
        sizes = [int(size) for size in options["sizes"].split(",") if size]
        modes = [mode for mode in options["cache"].split(",") if mode]
        if not set(modes) <= set(CACHE_MODES):
            raise CommandError(f"--cache takes some of {','.join(CACHE_MODES)}")
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        self.results = {"machine": self.machine(), "runs": []}
        self.out = BENCH_DIR / f"results-{stamp}"
        for size in sizes:
            url = database_for_size(options["database_url"], size)
            self.fill(url, size)
            for mode in modes:
                self.run(url, size, mode, options)
        self.stdout.write(f"Results: {self.out}.json and {self.out}.md")

    # --- the archive ------------------------------------------------------

    def env(self, url: str, **extra) -> dict:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY")
            or secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "PYTHONUNBUFFERED": "1",
        }
        env.update(extra)
        return env

    def manage(self, url: str, *arguments, **extra):
        subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.env(url, **extra),
            check=True,
        )

    def fill(self, url: str, size: int):
        if url.startswith("postgres"):
            database = urlsplit(url).path.lstrip("/")
            connection = _postgres(url, "postgres")
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [database]
                )
                if not cursor.fetchone():
                    cursor.execute(f'CREATE DATABASE "{database}"')
            connection.close()
        else:
            Path(urlsplit(url).path).parent.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"== archive of {size:,} news items: {url}")
        start = time.monotonic()
        # The page cache's table first (without REDIS_URL the site caches in
        # the database), as migrate's own saves already write to the cache.
        self.manage(url, "createcachetable")
        self.manage(url, "migrate", "--no-input", "-v0")
        self.manage(url, "load_demo_content", "--no-accounts")
        others = str(max(size // 20, 1))
        self.manage(
            url,
            *("generate_content", "--fill", "--news", str(size)),
            *("--speeches", others, "--events", others, "--statements", others),
        )
        if url.startswith("postgres"):
            connection = _postgres(url)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            connection.close()
        self.stdout.write(f"   ready in {time.monotonic() - start:.0f} s")

    # --- one size, one cache mode ----------------------------------------

    def run(self, url: str, size: int, mode: str, options):
        caches = CACHE_MODES[mode]
        cache_dir = BENCH_DIR / f"cache-{size}-{mode}"
        shutil.rmtree(cache_dir, ignore_errors=True)
        probe = self.probe_pages(url, mode, options["only"])
        secret = secrets.token_urlsafe(50)
        site_env = self.env(
            url,
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secret,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            **caches,
            CACHE_DIR=str(cache_dir),
            LOG_LEVEL="WARNING",
        )
        if not (BENCH_DIR / "static" / "staticfiles.json").exists():
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                cwd=settings.BASE_DIR,
                env=site_env,
                check=True,
            )
        log = BENCH_DIR / "gunicorn.log"
        site = Server("config.wsgi:application", site_env, log)
        ceiling = Server(
            "newsroom.demo.ceiling.wsgi:application",
            {**site_env, "DJANGO_SETTINGS_MODULE": "newsroom.demo.ceiling.settings"},
            log,
        )
        rows = []
        try:
            site.wait_until_ready("/")
            ceiling.wait_until_ready(CEILING)
            self.stdout.write(
                f"\n== {size:,} news items, cache {mode}, "
                f"{options['seconds']} s a run, {options['rounds']} round(s)"
            )
            self.stdout.write(self.header())
            compared = compared_pages(options["compare"])
            for page in [
                {"label": "ceiling: 20-item template", "url": CEILING_TEMPLATE},
                *probe,
                *compared,
            ]:
                server = ceiling if page["url"] == CEILING_TEMPLATE else site
                if page in compared:
                    server = OtherSite()
                row = self.measure(server, ceiling, page, options)
                rows.append(row)
                self.stdout.write(self.format(row))
            rss = site.worker_rss_mb()
            self.stdout.write(
                "   site workers' memory after the run: "
                + ", ".join(f"{mb:.0f} MB" for mb in rss)
            )
        finally:
            site.stop()
            ceiling.stop()
        self.results["runs"].append(
            {"size": size, "cache": mode, "rows": rows, "worker_rss_mb": rss}
        )
        self.save()

    def measure(self, server, ceiling, page, options) -> dict:
        status, size = server.get(page["url"])  # also warms the page cache
        runs, references = [], []
        for round_ in range(options["rounds"]):
            pair = [(ceiling, CEILING, references), (server, page["url"], runs)]
            if round_ % 2:  # alternate which goes first
                pair.reverse()
            for target, path, into in pair:
                into.append(self.wrk(target.url(path), options["seconds"]))
        rps = statistics.median(run["rps"] for run in runs)
        reference = statistics.median(run["rps"] for run in references)
        return {
            **page,
            "status": status,
            "bytes": size,
            "rps": rps,
            "p50": statistics.median(run["p50"] for run in runs),
            "p99": statistics.median(run["p99"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
            "ceiling_rps": reference,
            "ratio": rps / reference if reference else 0.0,
            "load": os.getloadavg()[0],
        }

    def wrk(self, url: str, seconds: int) -> dict:
        result = subprocess.run(
            [
                "wrk",
                f"--threads={WRK_THREADS}",
                f"--connections={WRK_CONNECTIONS}",
                f"--duration={seconds}s",
                "--timeout=10s",
                "--latency",
                "--header",
                ": ".join(PROXY_HEADER),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return parse_wrk(result.stdout)

    def probe_pages(self, url: str, mode: str, only: str) -> list[dict]:
        """The pages of this archive and their queries, from a `--probe` run."""
        output = subprocess.run(
            [sys.executable, "manage.py", "bench", "--probe", "--only", only],
            cwd=settings.BASE_DIR,
            env=self.env(
                url,
                **CACHE_MODES[mode],
                CACHE_DIR=str(BENCH_DIR / f"probe-cache-{mode}"),
            ),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    # --- in-process: the pages of an archive and their queries ------------

    def probe(self, only: str, explain: bool = False):
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        client = Client(HTTP_HOST="127.0.0.1")
        pages = []
        for label, path in self.pages():
            if only and only not in label:
                continue
            client.get(path)  # first request: warms caches, as under load
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            # Read now: the next request empties the connection's query log.
            queries = list(captured.captured_queries)
            # CPU time of this process per request: the application's own cost,
            # which a busy machine slows down but does not inflate.
            cpu = []
            for _ in range(PROBE_REPEAT):
                start = time.process_time()
                client.get(path)
                cpu.append((time.process_time() - start) * 1000)
            pages.append(
                {
                    "label": label,
                    "url": path,
                    "queries": len(queries),
                    "cpu_ms": statistics.median(cpu),
                }
            )
            if explain and connection.vendor == "postgresql":
                self.explain(path, queries)
        if not explain:
            self.stdout.write(json.dumps(pages))

    def explain(self, path, queries):
        from django.db import connection

        self.stdout.write(f"\n## {path}: {len(queries)} queries")
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            self.stdout.write(f"\n{sql[:300]}\n{plan}")

    def pages(self) -> list[tuple[str, str]]:
        """The pages the issue names, found in this archive."""
        from newsroom.events.models import Event
        from newsroom.news.models import NewsItem
        from newsroom.officials.models import Official
        from newsroom.publishing.pagination import MAX_PAGES
        from newsroom.speeches.models import Speech

        news = NewsItem.objects.live().select_related("section")
        newest = news.first()
        # A deep page: ?page=2000 where the listing reaches it, else its last.
        pages = min(MAX_PAGES, math.ceil(news.count() / 20))
        deep = min(2000, max(pages, 1))
        section = newest.section
        year = newest.published_at.year
        middle = news.order_by("-published_at", "-id")[news.count() // 2]
        return [
            ("home", "/"),
            ("/news/", "/news/"),
            (f"/news/?page={deep}", f"/news/?page={deep}"),
            ("section, one year", f"/news/{section.slug}/?year={year}"),
            ("news item", middle.get_absolute_url()),
            ("speech", Speech.objects.live().first().get_absolute_url()),
            ("event", Event.objects.live().first().get_absolute_url()),
            ("official", Official.objects.first().get_absolute_url()),
            ("/search/?q=security", "/search/?q=security"),
            ("/feeds/news/", "/feeds/news/"),
            ("/sitemap.xml", "/sitemap.xml"),
            ("/sitemap-news.xml", "/sitemap-news.xml"),
            ("/events/calendar.ics", "/events/calendar.ics"),
        ]

    # --- output -------------------------------------------------------------

    COLUMNS = (
        ("page", 26),
        ("req/s", 7),
        ("p50 ms", 7),
        ("p99 ms", 7),
        ("errors", 6),
        ("ceiling", 7),
        ("ratio", 6),
        ("queries", 7),
        ("cpu ms", 6),
        ("bytes", 8),
        ("load", 5),
    )

    def header(self) -> str:
        return " ".join(
            name.ljust(width) if n == 0 else name.rjust(width)
            for n, (name, width) in enumerate(self.COLUMNS)
        )

    def format(self, row: dict) -> str:
        status = "" if row["status"] == 200 else f" [{row['status']}]"
        cpu = f"{row['cpu_ms']:.1f}" if "cpu_ms" in row else "-"
        return (
            f"{(row['label'] + status)[:26]:26} {row['rps']:7.1f} {row['p50']:7.1f} "
            f"{row['p99']:7.1f} {row['errors']:6} {row['ceiling_rps']:7.0f} "
            f"{row['ratio']:6.3f} {row.get('queries', '-'):>7} "
            f"{cpu:>6} {row['bytes']:8} "
            f"{row['load']:5.2f}"
        )

    def machine(self) -> dict:
        cpu = ""
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        return {
            "cpu": cpu,
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "database": urlsplit(os.environ.get("DATABASE_URL", "sqlite:")).scheme,
            "started": datetime.datetime.now(datetime.UTC).isoformat(
                timespec="seconds"
            ),
        }

    def save(self):
        self.out.with_suffix(".json").write_text(json.dumps(self.results, indent=1))
        lines = [
            f"Machine: {self.results['machine']}",
            "",
        ]
        for run in self.results["runs"]:
            lines += [
                f"### {run['size']:,} news items, cache {run['cache']}",
                "",
                "| page | req/s | p50 ms | p99 ms | errors | ratio to ceiling "
                "| queries | app CPU ms | bytes | load |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for row in run["rows"]:
                cpu = f"{row['cpu_ms']:.1f}" if "cpu_ms" in row else "–"
                lines.append(
                    f"| {row['label']} | {row['rps']:.0f} | {row['p50']:.1f} "
                    f"| {row['p99']:.1f} | {row['errors']} | {row['ratio']:.3f} "
                    f"| {row.get('queries', '–')} | {cpu} "
                    f"| {row['bytes']:,} "
                    f"| {row['load']:.2f} |"
                )
            rss = ", ".join(f"{mb:.0f} MB" for mb in run["worker_rss_mb"])
            lines += ["", f"Worker memory after the run: {rss}", ""]
        self.out.with_suffix(".md").write_text("\n".join(lines))
