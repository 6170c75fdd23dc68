"""The staff door is throttled (checklist 33, 34): wrong passwords lock the
account and the address for a while, with a 429 page in the admin's layout; a
spoofed X-Forwarded-For changes nothing; the lock ends by itself, and a
command lifts it sooner."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.factories import staff

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/"
LIMIT = settings.AXES_FAILURE_LIMIT


def log_in(client, username, password, **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        **headers,
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def editor():
    return staff("Editor", "editor", password=PASSWORD)


def fail_as(client, username, times, **headers):
    for n in range(times):
        response = log_in(
            client,
            username,
            f"wrong password {n}",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
        assert response.status_code in (200, 429)


def test_the_limit_is_small_and_the_lock_is_time_boxed():
    assert 3 <= LIMIT <= 10
    assert settings.AXES_COOLOFF_TIME <= datetime.timedelta(hours=1)
    # ≤ 100 guesses an hour for one account, whoever sends them.
    assert LIMIT * (datetime.timedelta(hours=1) / settings.AXES_COOLOFF_TIME) <= 100


def test_wrong_passwords_lock_the_account_and_the_right_one_is_refused(client, editor):
    # Each guess claims another address in X-Forwarded-For: the count goes on.
    fail_as(client, "editor", LIMIT)

    response = log_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429
    assert not is_logged_in(client)
    body = response.content.decode()
    assert "Too many failed logins" in body
    assert 'id="site-name"' in body  # the admin's layout, its header
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()


def test_the_account_is_locked_from_another_address_too(client, editor):
    fail_as(client, "editor", LIMIT)
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert log_in(elsewhere, "editor", PASSWORD).status_code == 429
    assert not is_logged_in(elsewhere)


def test_failures_from_one_address_lock_that_address(client, editor):
    for n in range(LIMIT):
        log_in(client, f"guess{n}", "wrong password", REMOTE_ADDR="192.0.2.10")
    locked = log_in(client, "editor", PASSWORD, REMOTE_ADDR="192.0.2.10")
    assert locked.status_code == 429

    other = Client(REMOTE_ADDR="192.0.2.11")
    assert log_in(other, "editor", PASSWORD).status_code == 302
    assert is_logged_in(other)


def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    fail_as(client, "editor", LIMIT - 1)
    assert log_in(client, "editor", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_lock_ends_by_itself_after_the_cool_off(client, editor):
    fail_as(client, "editor", LIMIT)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    # As if the cool-off had passed since the failures.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )
    assert log_in(client, "editor", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_guesses_during_the_lock_do_not_prolong_it(client, editor):
    """An attacker who keeps guessing cannot keep an editor out for good."""
    fail_as(client, "editor", LIMIT)
    first_lock = AccessAttempt.objects.order_by("-attempt_time").first().attempt_time
    fail_as(client, "editor", 3)
    assert (
        AccessAttempt.objects.order_by("-attempt_time").first().attempt_time
        == first_lock
    )


def test_a_site_administrator_unlocks_an_account_with_a_command(client, editor):
    fail_as(client, "editor", LIMIT)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_it_wrote_is_counted(client, editor, settings):
    """The proxy (production: NEWSROOM_TRUSTED_PROXIES=1) appends the address it
    received from; what the client put before it changes nothing, and all
    visitors are not one address (the proxy's)."""
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(LIMIT):
        spoofed = f"203.0.113.{n}, 198.51.100.9"  # client's claim, then the proxy's
        log_in(client, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=spoofed, **proxy)
    attacker = log_in(
        client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy
    )
    assert attacker.status_code == 429

    colleague = Client()
    response = log_in(
        colleague, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.80", **proxy
    )
    assert response.status_code == 302
