"""Passwords per OWASP ASVS level 1 (checklist 36): 12 characters or more,
common passwords refused, long pass-phrases with spaces and any Unicode
accepted and kept whole (not truncated), up to a documented maximum of 4096
characters; through the admin's add-user and change-password forms, and the
login."""

import pytest
from django.contrib.auth.models import User

from newsroom.accounts.passwords import MAX_PASSWORD_LENGTH
from newsroom.accounts.roles import REPORTER, SITE_ADMINISTRATOR
from tests.factories import admin_form_data, admin_url, staff

pytestmark = pytest.mark.django_db

PASSPHRASE = "Ёжик в тумане ищет лошадку 🐴 — and finds it at dawn, 24.04.2024!"
ACCEPTED = {
    "twelve characters": "tangerine-kt",
    "64-character pass-phrase, spaces and Unicode": PASSPHRASE,
    "129 characters": "correct horse " * 9 + "battery",
    "1000 characters": ("lighthouse keeper " * 60)[:1000],
    "the maximum": ("a long walk by the sea " * 200)[:MAX_PASSWORD_LENGTH],
}
REFUSED = {
    "11 characters": ("tangerine-k", "too short"),
    "a common password": ("password1234", "too common"),
    "all digits": ("738492017365", "entirely numeric"),
    "over the maximum": (
        ("a long walk by the sea " * 200)[: MAX_PASSWORD_LENGTH + 1],
        f"at most {MAX_PASSWORD_LENGTH} characters",
    ),
}


def add_user(client, username, password):
    client.force_login(staff(SITE_ADMINISTRATOR))
    url = admin_url(User, "add")
    data = admin_form_data(
        client.get(url),
        username=username,
        password1=password,
        password2=password,
        role=REPORTER,
    )
    return client.post(url, data)


def test_the_passphrase_is_64_characters_of_several_scripts():
    assert len(PASSPHRASE) >= 64 and not PASSPHRASE.isascii()


@pytest.mark.parametrize("password", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_a_good_password_is_accepted_and_kept_whole(client, password):
    response = add_user(client, "new.reporter", password)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="new.reporter")
    assert user.check_password(password)
    assert not user.check_password(password[:-1])  # not truncated

    client.logout()
    login = client.post(
        "/admin/login/",
        {"username": "new.reporter", "password": password, "next": "/admin/"},
    )
    assert login.status_code == 302 and login["Location"] == "/admin/"


@pytest.mark.parametrize(("password", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_weak_or_oversized_password_is_refused_with_its_reason(
    client, password, message
):
    response = add_user(client, "new.reporter", password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="new.reporter").exists()


def test_the_maximum_applies_when_changing_ones_own_password(client):
    user = staff(REPORTER, password="correct horse battery staple")
    client.force_login(user)
    too_long = "x" * (MAX_PASSWORD_LENGTH + 1)
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": too_long,
            "new_password2": too_long,
        },
    )
    assert response.status_code == 200
    assert f"at most {MAX_PASSWORD_LENGTH} characters" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


def test_the_forms_say_the_rules(client):
    client.force_login(staff(SITE_ADMINISTRATOR))
    page = client.get(admin_url(User, "add")).content.decode()
    assert "at least 12 characters" in page
    assert f"up to {MAX_PASSWORD_LENGTH} characters" in page
