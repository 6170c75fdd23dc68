"""Presence: an item open by someone else says who and since when, from the
form's heartbeat; it goes when the heartbeats stop; only those who may change
the item report it (newsroom/publishing/admin/presence.py)."""

import pytest

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import EditingPresence, Status
from newsroom.publishing.registry import content_kinds
from tests.factories import FACTORIES, admin_form_data, admin_url, make_news, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(clock):
    return make_news(title="Talks in Minsk", status=Status.DRAFT)


def beat(client, user, item):
    client.force_login(user)
    return client.post(admin_url(type(item), "presence", item.pk))


def test_an_item_open_by_someone_else_says_who_and_since_when(client, item, clock):
    editor1, editor2 = staff(EDITOR, "editor1"), staff(EDITOR, "editor2")
    clock(minutes=2)
    assert beat(client, editor2, item).json() == {"others": []}
    clock(seconds=30)
    beat(client, editor2, item)  # still there: "since" stays at 12:02

    client.force_login(editor1)
    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert "editor2 has been editing this since 24.04.2024 12:02" in page

    [other] = beat(client, editor1, item).json()["others"]
    assert other["user"] == "editor2"
    assert other["message"] == "editor2 has been editing this since 24.04.2024 12:02"
    # And editor2 sees editor1 from the next heartbeat.
    [seen] = beat(client, editor2, item).json()["others"]
    assert seen["message"] == "editor1 has been editing this since 24.04.2024 12:02"


def test_one_does_not_see_oneself(client, item):
    editor = staff(EDITOR, "solo")
    beat(client, editor, item)
    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert "has been editing this since" not in page
    assert beat(client, editor, item).json() == {"others": []}


def test_presence_goes_when_the_heartbeats_stop(client, item, clock, settings):
    editor1, editor2 = staff(EDITOR, "editor1"), staff(EDITOR, "editor2")
    beat(client, editor2, item)
    clock(seconds=settings.NEWSROOM_PRESENCE_TIMEOUT - 1)
    assert len(beat(client, editor1, item).json()["others"]) == 1
    clock(seconds=2)  # editor2 silent for longer than the timeout
    assert beat(client, editor1, item).json() == {"others": []}

    # Back after the silence: a new stretch, "since" now.
    clock(minutes=10)
    beat(client, editor2, item)
    [other] = beat(client, editor1, item).json()["others"]
    assert other["message"].endswith("since 24.04.2024 12:12")


def test_a_heartbeat_changes_nothing_of_the_item(client, item):
    version = item.edit_version
    beat(client, staff(EDITOR), item)
    item.refresh_from_db()
    assert item.edit_version == version


@pytest.mark.parametrize(
    "role, own, status, allowed",
    [
        (REPORTER, True, Status.DRAFT, True),
        (REPORTER, True, Status.PUBLISHED, False),
        (REPORTER, False, Status.DRAFT, False),
        (EDITOR, False, Status.PUBLISHED, True),
        (SITE_ADMINISTRATOR, False, Status.DRAFT, True),
        (None, False, Status.DRAFT, False),
    ],
)
def test_only_who_may_change_the_item_reports_presence(
    client, clock, role, own, status, allowed
):
    author = staff(REPORTER)
    user = author if own else staff(role)
    item = make_news(status=status, created_by=author)
    response = beat(client, user, item)
    if allowed:
        assert response.status_code == 200
        assert EditingPresence.objects.get().user == user
    else:
        assert response.status_code == 403
        assert response.json()["error"] == "You may not change this item."
        assert not EditingPresence.objects.exists()


def test_presence_is_not_shown_on_the_form_of_someone_who_may_not_change_it(
    client, clock
):
    author = staff(REPORTER, "rita")
    item = make_news(status=Status.PUBLISHED, created_by=author)
    beat(client, staff(EDITOR, "editor2"), item)
    client.force_login(author)
    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert "editor2 has been editing" not in page
    assert "data-presence-url" not in page


def test_bad_requests(client, item):
    editor = staff(EDITOR)
    client.force_login(editor)
    assert client.get(admin_url(NewsItem, "presence", item.pk)).status_code == 405
    assert client.post(admin_url(NewsItem, "presence", 999_999)).status_code == 404
    assert client.post(admin_url(NewsItem, "presence", "abc")).status_code == 404
    client.logout()
    response = client.post(admin_url(NewsItem, "presence", item.pk))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not EditingPresence.objects.exists()


def test_every_editorial_kind_reports_presence(admin_client, clock):
    for kind in content_kinds.editorial():
        item = FACTORIES[kind.model](status=Status.DRAFT)
        response = admin_client.post(admin_url(kind.model, "presence", item.pk))
        assert response.status_code == 200, kind.model


def test_the_form_tells_the_script_its_intervals(client, item, settings):
    settings.NEWSROOM_PRESENCE_HEARTBEAT_SECONDS = 3
    settings.NEWSROOM_AUTOSAVE_SECONDS = 5
    client.force_login(staff(EDITOR))
    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert 'data-presence-seconds="3"' in page
    assert 'data-autosave-seconds="5"' in page
    assert "admin/js/nothing-lost.js" in page


def test_a_heartbeat_takes_a_few_queries(client, item, django_assert_max_num_queries):
    for _ in range(5):
        beat(client, staff(EDITOR), item)
    editor = staff(EDITOR)
    beat(client, editor, item)
    # The heartbeats that follow: as many queries whatever the number of others.
    with django_assert_max_num_queries(10):
        response = client.post(admin_url(NewsItem, "presence", item.pk))
    assert len(response.json()["others"]) == 5


def test_saving_the_item_ends_ones_presence(client, item):
    """The reporter saved and went back to the list: the editor who opens the
    item next is not told she is still editing it."""
    reporter = staff(REPORTER, "rita")
    item.created_by = reporter
    item.save()
    beat(client, reporter, item)
    form = client.get(admin_url(NewsItem, "change", item.pk))
    saved = client.post(
        admin_url(NewsItem, "change", item.pk),
        admin_form_data(form, title="Talks in Minsk resume"),
    )
    assert saved.status_code == 302

    client.force_login(staff(EDITOR, "eddie"))
    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert "rita has been editing this since" not in page


def test_leaving_the_form_ends_ones_presence_at_once(client, item):
    editor1, editor2 = staff(EDITOR, "editor1"), staff(EDITOR, "editor2")
    beat(client, editor2, item)
    assert len(beat(client, editor1, item).json()["others"]) == 1

    client.force_login(editor2)
    left = client.post(admin_url(NewsItem, "presence", item.pk), {"leave": "1"})
    assert left.json() == {"left": True}
    assert beat(client, editor1, item).json() == {"others": []}


def test_leaving_needs_the_right_to_change_the_item(client, item):
    editor = staff(EDITOR, "editor1")
    beat(client, editor, item)
    client.force_login(staff(REPORTER, "someone-else"))
    refused = client.post(admin_url(NewsItem, "presence", item.pk), {"leave": "1"})
    assert refused.status_code == 403
    assert EditingPresence.objects.filter(user=editor).exists()
