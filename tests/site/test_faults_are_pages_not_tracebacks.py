"""Faults of what pages depend on: the database down is a 503 page in the
site's layout that recovers by itself; the cache down serves pages uncached
(issue 12, "Faults")."""

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.middleware.common import CommonMiddleware
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from newsroom.identity.models import SiteIdentity
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def refuse_connection(self):
    raise OperationalError('connection to server at "db" failed: Connection refused')


@pytest.fixture
def database_down(monkeypatch):
    """Every attempt to reach the database fails, as when its server is down."""
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse_connection)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [reverse("site:home"), reverse("news:index"), reverse("site:search") + "?q=x"],
)
def test_a_page_with_the_database_down_is_a_503_in_the_sites_layout(
    client, database_down, path
):
    response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert '<header class="site-header">' in page
    assert "<h1>Temporarily unavailable</h1>" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert "Connection refused" not in page


def test_the_site_recovers_when_the_database_is_back(client, monkeypatch):
    item = make_news(title="Consultations resumed")
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse_connection)
    assert client.get(item.get_absolute_url()).status_code == 503

    monkeypatch.undo()  # the database is back

    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Consultations resumed" in response.content.decode()


def test_the_back_office_with_the_database_down_is_a_503(admin_client, database_down):
    admin_client.raise_request_exception = False
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_a_database_failure_outside_a_view_is_a_503_too(client, monkeypatch):
    """Raised in a middleware (not a view), it reaches handler500, which
    answers with the same 503 page."""

    def refuse(self, request):
        refuse_connection(None)

    monkeypatch.setattr(CommonMiddleware, "process_request", refuse)
    response = client.get(reverse("site:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "<h1>Temporarily unavailable</h1>" in response.content.decode()


class CacheDown(BaseCache):
    """A cache whose server is down: every call fails as the Redis backend's do."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise RedisConnectionError(
            "Error 111 connecting to redis:6379. Connection refused."
        )

    add = get = set = touch = delete = has_key = clear = _fail
    get_many = set_many = delete_many = incr = decr = _fail


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.CacheDown"}}


def test_pages_are_served_uncached_with_the_cache_down(client, cache_down):
    SiteIdentity.objects.create(name="Sample Treaty Organisation", short_name="STO")
    item = make_news(title="Consultations held")

    for path in [reverse("site:home"), item.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Sample Treaty Organisation" in response.content.decode()


def test_the_identity_can_be_changed_with_the_cache_down(admin_client, cache_down):
    identity = SiteIdentity.objects.create(name="Old name", short_name="ON")
    identity.name = "Sample Treaty Organisation"
    identity.save()  # drops the cached copy: must not fail

    response = admin_client.get(reverse("site:home"))
    assert "Sample Treaty Organisation" in response.content.decode()
