"""One rule decides what is public: published, and its time has passed."""

import datetime

import pytest
from django.utils import timezone

from newsroom.publishing.models import Status
from tests.factories import editorial_factories, make_news, make_user

HOUR = datetime.timedelta(hours=1)
FACTORIES = editorial_factories()  # every kind with statuses: the rule is theirs

CASES = [
    # status, publication time relative to now, live?
    (Status.PUBLISHED, -HOUR, True),
    (Status.PUBLISHED, +HOUR, False),  # scheduled
    (Status.DRAFT, -HOUR, False),
    (Status.DRAFT, None, False),
    (Status.IN_REVIEW, -HOUR, False),
    (Status.ARCHIVED, -HOUR, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
@pytest.mark.parametrize(("status", "offset", "live"), CASES)
def test_live_means_published_and_time_passed(model, status, offset, live):
    published_at = None if offset is None else timezone.now() + offset
    item = FACTORIES[model](status=status, published_at=published_at)

    assert item.is_live is live
    assert model.objects.live().filter(pk=item.pk).exists() is live


@pytest.mark.django_db
def test_scheduled_item_becomes_live_when_its_time_comes(client):
    item = make_news(published_at=timezone.now() + HOUR)
    url = item.get_absolute_url()
    assert client.get(url).status_code == 404

    item.published_at = timezone.now() - datetime.timedelta(seconds=1)
    item.save()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_publishing_without_a_time_publishes_now():
    before = timezone.now()
    item = make_news(status=Status.PUBLISHED, published_at=None)
    assert before <= item.published_at <= timezone.now()
    assert item.is_live


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
@pytest.mark.parametrize(("status", "offset", "live"), CASES)
def test_detail_page_answers_404_to_visitors_unless_live(
    client, model, status, offset, live
):
    published_at = None if offset is None else timezone.now() + offset
    item = FACTORIES[model](status=status, published_at=published_at)

    response = client.get(item.get_absolute_url())

    assert response.status_code == (200 if live else 404)
    if not live:
        assert item.title.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_staff_who_may_change_an_item_preview_it_uncached_and_unindexed(client, model):
    item = FACTORIES[model](status=Status.DRAFT, published_at=None)
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.get(item.get_absolute_url())

    assert response.status_code == 200
    assert item.title in response.content.decode()
    assert "Not public: draft" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_fields", [{}, {"is_staff": True}], ids=["logged-in visitor", "staff-no-perm"]
)
def test_preview_needs_the_permission_to_change_the_item(client, user_fields):
    item = make_news(status=Status.DRAFT, published_at=None)
    client.force_login(make_user(**user_fields))

    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_live_page_has_no_preview_banner(client):
    item = make_news()
    response = client.get(item.get_absolute_url())
    assert "Not public" not in response.content.decode()
    assert "X-Robots-Tag" not in response
