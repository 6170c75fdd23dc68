"""The demo's accounts, one per role, made by `load_demo_content` only when
DEBUG is on (a fresh database each: the command's first run makes them)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def test_one_account_per_role_is_created_once_when_debug_is_on(settings, client):
    settings.DEBUG = True
    output = load()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert set(users) == {"reporter", "editor", "siteadmin", "admin"}
    assert [g.name for g in users["reporter"].groups.all()] == ["Reporter"]
    assert [g.name for g in users["editor"].groups.all()] == ["Editor"]
    assert [g.name for g in users["siteadmin"].groups.all()] == ["Site administrator"]
    assert users["admin"].is_superuser and not users["editor"].is_superuser
    for username, user in users.items():
        line = next(line for line in output.splitlines() if f" {username} " in line)
        password = line.split()[-1]
        assert user.check_password(password)
        assert client.login(username=username, password=password)

    second = load()
    assert "Demo accounts exist already" in second
    assert get_user_model().objects.count() == 4


def test_no_demo_accounts_when_debug_is_off(settings):
    settings.DEBUG = False
    assert "no demo accounts created" in load()
    assert not get_user_model().objects.exists()
