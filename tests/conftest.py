import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

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
