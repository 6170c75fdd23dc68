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
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips the tests (fails them in CI)
    expect = None

from newsroom.accounts.roles import EDITOR, REPORTER, sync_roles
from tests.factories import make_user

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
# Assertions wait as long as actions may: on a loaded 2-core machine, with the
# suite on two workers, a 1-second autosave or heartbeat can take over 5 s.
if expect is not None:
    expect.set_options(timeout=15_000)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
STAFF_PASSWORD = "a known password for the browser"


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


# Every frame of every tab reports Content-Security-Policy violations to the test
# (the event fires in the document that broke the policy, CKEditor's editing
# frame included); Chromium's console message is a second witness.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.documentURI}:${event.lineNumber} (${event.sample})`
  );
});
"""


@pytest.fixture
def page(browser, live_server):
    """Factory: ``page(375)`` opens a fresh tab of that viewport width.

    Each tab has its own browser context (no shared cookies) whose base URL is the
    live server, so tests navigate with paths: ``page(375).goto("/news/")``.
    The site runs with its Content-Security-Policy: a violation in any tab fails
    the test when it ends.
    """
    contexts = []
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"console: {message.text}")

    def open_page(width):
        context = browser.new_context(
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        context.expose_binding(
            "__reportCspViolation", lambda source, text: violations.append(text)
        )
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", on_console)
        contexts.append(context)
        return context.new_page()

    # What the tabs reported so far (tests/e2e/test_content_security_policy.py
    # checks that a violation is seen, then clears the list).
    open_page.csp_violations = violations
    yield open_page
    for context in contexts:
        context.close()
    if violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(violations),
            pytrace=False,
        )


def _row_counts():
    return {model: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, made once per session by `load_demo_content` itself.

    The command runs in a transaction that is rolled back, so the database is left
    as it was; what it created is kept as a fixture file (the rows of every model
    that gained some) and a folder (the pictures, drawn and put through the image
    pipeline once). `demo_content` puts both back for each test.
    """
    media = tmp_path_factory.mktemp("demo-media")
    fixture = tmp_path_factory.mktemp("demo-rows") / "demo.json"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            before = _row_counts()
            call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())
            created = [
                model._meta.label
                for model, count in _row_counts().items()
                if count != before[model]
            ]
            assert created, "load_demo_content created nothing"
            call_command("dumpdata", *created, output=str(fixture), verbosity=0)
            transaction.set_rollback(True)
    return fixture, media


@pytest.fixture
def demo_content(transactional_db, media_root, demo_snapshot):
    """The seed page's content, committed so that the live server sees it.

    Each test starts from an empty database (transactional_db flushes after every
    test) and gets the same rows and its own copy of the pictures, so the tests do
    not depend on each other or on their order; restoring costs milliseconds where
    running the command costs a second or more.
    """
    fixture, media = demo_snapshot
    shutil.copytree(media, media_root, dirs_exist_ok=True)
    call_command("loaddata", str(fixture), verbosity=0)


@pytest.fixture
def staff_member(transactional_db):
    """Factory: ``staff_member("rita.reporter", REPORTER)``, a staff account with
    that role whose password is STAFF_PASSWORD."""
    # A post_migrate receiver makes the role groups again after every flush; this
    # keeps the tests from depending on that.
    sync_roles()

    def make(username, role):
        user = make_user(username, password=STAFF_PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def log_in():
    """``log_in(tab, user)``: through the admin's login form, as a person does.
    It lands on the admin's index, or where ``lands_on`` (a regular expression)
    says: the two-factor code page for a user with a device."""

    def log_in(tab, user, lands_on=r"/admin/$"):
        from playwright.sync_api import expect

        tab.goto("/admin/login/")
        tab.get_by_label("Username").fill(user.username)
        tab.get_by_label("Password").fill(STAFF_PASSWORD)
        tab.get_by_role("button", name="Log in").click()
        expect(tab).to_have_url(re.compile(lands_on))

    return log_in


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def rita(staff_member):
    """A reporter, as the desk and the story tests name her."""
    return staff_member("rita.reporter", REPORTER)


@pytest.fixture
def eddie(staff_member):
    """An editor."""
    return staff_member("eddie.editor", EDITOR)
