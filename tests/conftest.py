import datetime
import os
import pathlib
import subprocess
import traceback
import uuid

import pytest
from django.core.cache import cache
from django.utils import timezone

from config.env import media_storage
from newsroom.caching import generation
from newsroom.caching.middleware import memo as page_memo
from tests.factories import free_port, redis_cache_settings
from tests.objectstore import MediaStore, start_seaweedfs


def pytest_sessionstart(session):
    """Compiles the interface's catalogues when a .po is newer than its .mo
    (`make test` already did; a bare `pytest` after a pull may not have): the
    tests read the Russian pages as visitors get them. Once, in the controller,
    before any worker starts."""
    if hasattr(session.config, "workerinput"):
        return
    for po in (
        pathlib.Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/*.po")
    ):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True
            )


# 24.04.2024 12:00 in the site's time zone (Europe/Moscow, UTC+3): the day of
# the demo content, and noon, far from midnight in either time zone.
FIXED_NOW = datetime.datetime(2024, 4, 24, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the checkout."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a request to /ru/ leaves
    Russian active in the thread (LocaleMiddleware does not undo it), which
    would change what the next test's model fields and reverse() give."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: what one test cached (the site
    identity, say) never shows in the next, whose rows were rolled back; nor
    does this process's memory of the cache (a change it could not record)."""
    cache.clear()
    generation.forget_memo()
    page_memo.clear()
    yield
    cache.clear()
    generation.forget_memo()
    page_memo.clear()


@pytest.fixture
def frozen_now(monkeypatch):
    """The clock stopped at FIXED_NOW for the code under test and the test: for
    tests whose expectations depend on the day or the year (a listing by year,
    "today's" events), so they hold whatever hour or day they run."""
    monkeypatch.setattr(timezone, "now", lambda: FIXED_NOW)
    return FIXED_NOW


@pytest.fixture
def clock(monkeypatch, frozen_now):
    """The frozen clock (24.04.2024 12:00 Moscow time), moved on by
    `clock(minutes=5)`; returns the new time."""
    now = [frozen_now]

    def move(**delta):
        now[0] += datetime.timedelta(**delta)
        return now[0]

    monkeypatch.setattr(timezone, "now", lambda: now[0])
    return move


def _where(error):
    """The line of the test module that raised `error` (its last frame under tests/)."""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if "/tests/" in f.filename
    ]
    frame = frames[-1] if frames else traceback.extract_tb(error.__traceback__)[-1]
    return f"{pathlib.Path(frame.filename).name}:{frame.lineno}"


@pytest.fixture
def check_every():
    """``check_every(cases, check)``: ``check(case)`` for every case in turn (a
    page, a width), then one failure naming each case that failed, with its
    message and line.

    A family of cases that needs costly data (the demo's rows and a browser tab
    in tests/e2e, a hundred items of each kind) is one test that makes the data
    once and checks every case on it, where a parametrised test would make the
    data again for each. A case's failure does not stop the next case; every
    case is reported.
    """

    def run(cases, check):
        cases = list(cases)
        assert cases, "no case to check"
        failures = []
        for case in cases:
            try:
                check(case)
            # Playwright's timeouts are not assertions, nor is pytest.fail()
            # (django_assert_max_num_queries).
            except (Exception, pytest.fail.Exception) as error:
                message = f"{type(error).__name__}: {error}".strip()
                failures.append(f"[{case}] at {_where(error)}: {message}")
        if failures:
            pytest.fail(
                f"{len(failures)} of {len(cases)} cases failed:\n\n"
                + "\n\n".join(failures)
            )

    return run


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """One SeaweedFS server (S3 API) for the session, in a temporary folder."""
    if os.environ.get("FAKETIME") or "faketime" in os.environ.get("LD_PRELOAD", ""):
        # `make test-clock`: libfaketime moves this process's clock, not the Go
        # server's, which then refuses every signature as too far from its time.
        pytest.skip("under faketime the S3 server's clock differs from ours")
    server = start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop()


@pytest.fixture
def object_storage(settings, seaweedfs) -> MediaStore:
    """Uploads go to the private bucket of the SeaweedFS server, under a prefix
    of their own, configured the way production is: MEDIA_STORAGE_URL parsed
    by the settings' helper."""
    bucket, prefix = "media", f"test-{uuid.uuid4().hex}/"
    settings.MEDIA_STORAGE_URL = seaweedfs.storage_url(bucket, prefix)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(settings.MEDIA_STORAGE_URL),
    }
    return MediaStore("object storage", server=seaweedfs, bucket=bucket, prefix=prefix)


@pytest.fixture(params=["disk", "object storage"])
def media_store(request, media_root) -> MediaStore:
    """Each test that takes it runs on the local disk and on object storage."""
    if request.param == "disk":
        return MediaStore("disk", root=media_root)
    return request.getfixturevalue("object_storage")


# --- Redis ---------------------------------------------------------------------
# The machine's Redis (127.0.0.1:6379), database 3, under a prefix of this test's
# own: the suite may run twice at once (SQLite and PostgreSQL), and only this
# prefix's keys are ever deleted.
REDIS_TEST_DATABASE = 3


@pytest.fixture
def redis_cache(settings):
    """The page cache on the machine's real Redis; yields its settings."""
    import uuid

    import redis

    location = f"redis://127.0.0.1:6379/{REDIS_TEST_DATABASE}"
    prefix = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(location)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (see DESIGN.md)")
    settings.CACHES = redis_cache_settings(location, prefix)
    yield settings.CACHES
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def redis_server():
    """A redis-server of this test's own on a free port, which the test may stop
    and start again: `server.stop()`, `server.start()`, `server.port`."""
    import os
    import shutil
    import subprocess
    import time

    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")

    class Server:
        port = free_port()
        process = None

        def start(self):
            # Not under `make test-clock`'s faketime: Redis's own clock is real.
            env = {k: v for k, v in os.environ.items()
                   if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}  # fmt: skip
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                env=env,
            )  # fmt: skip
            client = redis.Redis(port=self.port)
            deadline = time.monotonic() + 10
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise
                    time.sleep(0.02)  # waiting for the server to listen
            client.close()

        def stop(self):
            if self.process is not None:
                self.process.kill()
                self.process.wait()
                self.process = None

        @property
        def location(self):
            return f"redis://127.0.0.1:{self.port}/0"

    server = Server()
    server.start()
    yield server
    server.stop()
