"""End-to-end tests: the site on pytest-django's live_server, driven by Chromium.

Playwright's sync API keeps an asyncio loop marked as running in this thread from
``start()`` to ``stop()``, and Django refuses ORM calls while a loop runs
(SynchronousOnlyOperation), even in fixtures such as ``transactional_db``. The
browser fixture therefore sets DJANGO_ALLOW_ASYNC_UNSAFE exactly as long as
Playwright runs, and the e2e tests run last so that every other test keeps
Django's check.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium; `playwright install` cannot download browsers here.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT_HEIGHT = 900
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the e2e tests after all others (a stable sort keeps the rest in order).

    From the first e2e test to the end of the session Playwright's loop is running
    and Django's async-safety check is off; no other test should run in that state.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


def _browser_unavailable(message):
    """Skip on a developer machine; fail in CI, where e2e must never be skipped."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: e2e tests may not be skipped)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _browser_unavailable("Chromium not installed: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("Playwright not installed: pip install -e '.[test]'")

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser, live_server):
    """Factory: ``page(375)`` opens a fresh tab of that viewport width.

    Each tab has its own browser context (no shared cookies) whose base URL is the
    live server, so tests navigate with paths: ``page(375).goto("/news/")``.
    """
    contexts = []

    def open_page(width):
        context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo_content(transactional_db):
    """The seed page's content, committed so that the live server sees it."""
    call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
