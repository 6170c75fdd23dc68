import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation


def load_demo(*args):
    """`load_demo_content` as `make demo` runs it; returns what it printed."""
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_clock():
    """The time the shared load runs at: the real clock here; a module whose
    tests run on the frozen clock overrides it with FIXED_NOW, so that the
    command runs at the time the module's tests see."""
    return None


@pytest.fixture(scope="module")
def demo_loaded(
    request, django_db_setup, django_db_blocker, tmp_path_factory, demo_clock
):
    """`load_demo_content --no-accounts` run once for a module, at `demo_clock`'s
    time, in a transaction that is rolled back when the module's tests are done.

    Each test's own transaction (pytest-django's `db`) is then a savepoint
    inside it: a test sees the database exactly as the command left it, and
    whatever the test changes (a second run, an edit) is rolled back before
    the next one. Running the command costs seconds; a test per module paying
    it again would check nothing more. Yields the folder of its pictures.
    """
    # A test of the module that did not ask for the demo would see its rows.
    without = [
        item.name
        for item in request.session.items
        if item.module is request.module and "demo" not in item.fixturenames
    ]
    assert not without, f"tests that share the demo's load must all use it: {without}"
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(media)),
            translation.override(settings.LANGUAGE_CODE),
            pytest.MonkeyPatch.context() as patch,
        ):
            if demo_clock is not None:
                patch.setattr(timezone, "now", lambda: demo_clock)
            load_demo("--no-accounts")
        yield media
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(db, demo_loaded, media_root):
    """The demo's rows (loaded once per module, above) and this test's own copy
    of its pictures, in the test's media folder where the command put them."""
    shutil.copytree(demo_loaded, media_root, dirs_exist_ok=True)
