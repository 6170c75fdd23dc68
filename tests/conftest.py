import datetime
import os
import uuid

import pytest
from django.core.cache import cache
from django.utils import timezone

from config.env import media_storage
from tests.objectstore import MediaStore, start_seaweedfs

# 24.04.2024 12:00 in the site's time zone (Europe/Moscow, UTC+3): the day of
# the demo content, and noon, far from midnight in either time zone.
FIXED_NOW = datetime.datetime(2024, 4, 24, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the checkout."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: what one test cached (the site
    identity, say) never shows in the next, whose rows were rolled back."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_now(monkeypatch):
    """The clock stopped at FIXED_NOW for the code under test and the test: for
    tests whose expectations depend on the day or the year (a listing by year,
    "today's" events), so they hold whatever hour or day they run."""
    monkeypatch.setattr(timezone, "now", lambda: FIXED_NOW)
    return FIXED_NOW


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
