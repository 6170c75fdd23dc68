"""Logging: one line per event (Django's own loggers used to print every line
twice: once through their console handler, once through the root's), routine
refusals (403, 404, 400) without a traceback, server errors with theirs."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from newsroom.accounts.roles import REPORTER
from newsroom.site.logs import ClientErrorsWithoutTraceback
from tests.factories import staff

CHECKOUT = Path(__file__).resolve().parents[2]

# Logs as Django's handlers do (django.utils.log.log_response), under the
# development settings (DEBUG on, where the double lines showed).
EMIT = """
import logging
import django
django.setup()
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.utils.log import log_response

def raised(exception):
    try:
        raise exception
    except Exception as caught:
        return caught

log_response("Forbidden (Permission denied): %s", "/admin/forbidden/",
             response=HttpResponse(status=403), exception=raised(PermissionDenied()))
log_response("%s: %s", "Not Found", "/missing/", response=HttpResponse(status=404))
log_response("Invalid HTTP_HOST header", response=HttpResponse(status=400),
             logger=logging.getLogger("django.security.DisallowedHost"),
             exception=raised(SuspiciousOperation("bad host")))
log_response("Internal Server Error: %s", "/broken/",
             response=HttpResponse(status=500),
             exception=raised(ZeroDivisionError("division by zero")))
logging.getLogger("newsroom.publishing").warning("Our own warning")
"""


@pytest.fixture(scope="module")
def console_output():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "1",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DATABASE_URL", None)
    finished = subprocess.run(
        [sys.executable, "-c", EMIT],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return finished.stderr


@pytest.mark.parametrize(
    "line",
    [
        "Forbidden (Permission denied): /admin/forbidden/",
        "Not Found: /missing/",
        "Invalid HTTP_HOST header",
        "Internal Server Error: /broken/",
        "Our own warning",
    ],
)
def test_each_event_is_one_line(console_output, line):
    assert console_output.splitlines().count(line) == 1, console_output


def test_refusals_have_no_traceback_and_errors_keep_theirs(console_output):
    assert console_output.count("Traceback (most recent call last)") == 1
    assert "PermissionDenied" not in console_output
    assert "SuspiciousOperation" not in console_output
    error = console_output.split("Internal Server Error: /broken/")[1]
    assert error.lstrip("\n").startswith("Traceback (most recent call last)")
    assert "ZeroDivisionError: division by zero" in error


@pytest.mark.django_db
def test_a_forbidden_admin_page_is_logged_once_as_a_warning(client, caplog):
    client.force_login(staff(REPORTER))
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert record.name == "django.request" and record.levelno == logging.WARNING
    # Django attaches the exception; the console's filter drops its traceback.
    assert record.exc_info
    assert ClientErrorsWithoutTraceback().filter(record) is True
    assert record.exc_info is None
    assert "Traceback" not in logging.Formatter().format(record)


def test_the_filter_leaves_server_errors_their_traceback():
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error",
            (), sys.exc_info(),
        )  # fmt: skip
    record.status_code = 500
    ClientErrorsWithoutTraceback().filter(record)
    assert "Traceback" in logging.Formatter().format(record)
