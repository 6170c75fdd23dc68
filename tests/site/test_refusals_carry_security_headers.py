"""Every refusal carries the security headers a page does (checklist 37): the
413 and 503 answered by middlewares before any view, the 400s, 403, 404 and
the login throttle's 429 alike, on public and staff paths."""

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.factories import staff

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
    "X-Frame-Options",
)


@pytest.fixture(autouse=True)
def production_headers(settings):
    # HSTS as production sends it (settings/production.py), on HTTPS requests.
    settings.SECURE_HSTS_SECONDS = 31_536_000


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def security_headers(response):
    return {name: response.get(name) for name in SECURITY_HEADERS}


def assert_secured(response, status, policy_from):
    assert response.status_code == status, response.content[:300]
    headers = security_headers(response)
    missing = [name for name, value in headers.items() if not value]
    assert not missing, f"{status} lacks {missing}"
    # The same values as a page of the same side (nonces aside).
    page = security_headers(policy_from)
    for name in SECURITY_HEADERS:
        if name != "Content-Security-Policy":
            assert headers[name] == page[name], name
    assert strip_nonce(headers["Content-Security-Policy"]) == strip_nonce(
        page["Content-Security-Policy"]
    )


def strip_nonce(policy):
    return " ".join(word for word in policy.split() if not word.startswith("'nonce-"))


@pytest.fixture
def public_page(client):
    return client.get("/", secure=True)


@pytest.fixture
def admin_page(client):
    return client.get("/admin/login/", secure=True)


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_a_413_carries_the_security_headers(client, path, public_page, admin_page):
    response = client.generic(
        "POST", path, b"", CONTENT_LENGTH=str(300 * 1024 * 1024), secure=True
    )
    assert_secured(
        response, 413, admin_page if path.startswith("/admin/") else public_page
    )


def test_a_503_with_the_database_down_carries_them(client, public_page, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    assert_secured(client.get("/news/", secure=True), 503, public_page)


def test_a_404_carries_them(client, public_page):
    assert_secured(client.get("/no-such-page/", secure=True), 404, public_page)


def test_a_400_for_too_many_fields_carries_them(client, public_page):
    query = "&".join(["q=a"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert_secured(client.get(f"/search/?{query}", secure=True), 400, public_page)


def test_a_400_for_a_nul_in_an_admin_filter_carries_them(client, admin_page):
    client.force_login(staff("Editor"))
    response = client.get("/admin/news/newsitem/?status__exact=%00", secure=True)
    assert_secured(response, 400, admin_page)


def test_a_csrf_403_carries_them(client, admin_page):
    csrf_checking = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = csrf_checking.post(
        "/admin/login/", {"username": "a", "password": "b"}, secure=True
    )
    assert_secured(response, 403, admin_page)


def test_the_login_throttles_429_carries_them(client, admin_page):
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/admin/login/", {"username": "eve", "password": f"guess {n}"}, secure=True
        )
    assert_secured(response, 429, admin_page)
