"""Refusals in the back office's layout: a 403 says who you are and what you
may open instead; a colleague's item says it is not yours (never its title);
the login throttle's 429 page is in the same layout."""

import pytest
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import admin_url, editorial_factories, make_news, staff

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Unannounced visit of the delegation"
ADMIN_LAYOUT = ['id="site-name"', "admin/css/newsroom-admin.css"]


def in_admin_layout(html):
    return all(marker in html for marker in ADMIN_LAYOUT)


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["change", "delete"])
def test_a_colleagues_item_is_not_yours_and_its_title_is_not_told(client, model, view):
    colleague = staff(REPORTER)
    item = editorial_factories()[model](
        title=SECRET_TITLE, status=Status.DRAFT, published_at=None, created_by=colleague
    )
    client.force_login(staff(REPORTER))

    response = client.get(admin_url(model, view, item.pk))

    assert response.status_code == 403
    html = response.content.decode()
    assert in_admin_layout(html)
    kind = model._meta.verbose_name
    assert f"This {kind} belongs to a colleague: it is not yours to open." in html
    assert "Perhaps it was deleted" not in html
    assert SECRET_TITLE not in html and item.slug not in html
    # What to do instead: their own list, a new item, the home page.
    assert f'href="{admin_url(model, "changelist")}"' in html
    assert f'href="{admin_url(model, "add")}"' in html
    assert model.objects.filter(pk=item.pk).exists()


def test_a_colleagues_published_item_is_not_yours_either(client):
    item = make_news(title=SECRET_TITLE, created_by=staff(REPORTER))
    client.force_login(staff(REPORTER))
    response = client.get(admin_url(NewsItem, "change", item.pk))
    assert response.status_code == 403
    assert SECRET_TITLE not in response.content.decode()


@pytest.mark.parametrize("role", [EDITOR, SITE_ADMINISTRATOR])
def test_editors_open_a_colleagues_item(client, role):
    item = make_news(title=SECRET_TITLE, status=Status.DRAFT, published_at=None)
    client.force_login(staff(role))
    response = client.get(admin_url(NewsItem, "change", item.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_an_id_nobody_used_still_does_not_exist(client, object_id):
    client.force_login(staff(REPORTER))
    response = client.get(f"/admin/news/newsitem/{object_id}/change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


@pytest.mark.parametrize(
    ("role", "role_text"),
    [(REPORTER, "Reporter"), (None, "with no role yet")],
)
def test_a_403_in_the_admin_says_who_you_are_and_what_you_may_open(
    client, role, role_text
):
    client.force_login(staff(role, username="pat"))

    response = client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403
    html = response.content.decode()
    assert in_admin_layout(html)
    assert "Your account may not open this page or do this." in html
    assert f"logged in as <strong>pat</strong>, {role_text}" in html
    assert f'href="{reverse("admin:index")}"' in html
    if role == REPORTER:
        assert f'href="{admin_url(NewsItem, "changelist")}"' in html
    else:
        assert "ask a site administrator for a role" in html


def test_a_visitor_is_still_sent_to_the_login_page(client):
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_login_throttle_page_is_in_the_same_layout(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    staff(EDITOR, username="eddie")
    login = reverse("admin:login")
    client.post(login, {"username": "eddie", "password": "wrong"})
    response = client.post(login, {"username": "eddie", "password": "wrong again"})
    assert response.status_code == 429
    assert in_admin_layout(response.content.decode())
