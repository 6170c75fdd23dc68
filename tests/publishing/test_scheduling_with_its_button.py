"""The Schedule button beside Publish: it asks for a time to come, refuses one
that has passed (nothing saved), is offered to whoever may publish and to
nobody else, and is recorded as "scheduled". A plain Publish with a future time
schedules too, and says so."""

import datetime

import pytest
from django.contrib.messages import get_messages

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import (
    add_form_data,
    admin_time,
    admin_url,
    change_data,
    make_news,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = [REPORTER, EDITOR, SITE_ADMINISTRATOR]
SCHEDULE_BUTTON = 'name="_move" value="schedule"'


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor():
    return staff(EDITOR)


@pytest.mark.parametrize("role", ROLES)
def test_the_schedule_button_is_offered_to_whoever_may_publish(client, role):
    user = staff(role)
    item = make_news(status=Status.IN_REVIEW, published_at=None, created_by=user)
    client.force_login(user)

    change = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    add = client.get(admin_url(NewsItem, "add")).content.decode()

    may_publish = role != REPORTER
    assert (SCHEDULE_BUTTON in change) == may_publish
    assert (SCHEDULE_BUTTON in add) == may_publish
    if may_publish:  # beside Publish, in the same row
        assert change.index('value="published"') < change.index(SCHEDULE_BUTTON)


def test_an_editor_schedules_an_item_for_a_time_to_come(client, editor, frozen_now):
    item = make_news(status=Status.IN_REVIEW, published_at=None)
    client.force_login(editor)
    later = frozen_now + datetime.timedelta(days=1)  # 25.04.2024 12:00 Moscow

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, published_at=admin_time(later), _move="schedule"),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_at == later
    assert item.is_scheduled
    event = WorkflowEvent.objects.get()
    assert (event.action, event.detail) == ("scheduled", "for 25.04.2024 12:00")
    assert "Scheduled: it goes live at 25.04.2024 12:00 (Moscow time)." in (
        messages_of(response)
    )


def test_a_new_item_is_scheduled_from_the_add_form(client, editor, frozen_now):
    client.force_login(editor)
    data = add_form_data(NewsItem) | {
        "published_at": "01.05.2024 09:30",
        "_move": "schedule",
    }

    response = client.post(admin_url(NewsItem, "add"), data)

    assert response.status_code == 302
    item = NewsItem.objects.get(slug="consultations-held")
    assert item.is_scheduled
    nine_thirty_in_moscow = datetime.datetime(2024, 5, 1, 6, 30, tzinfo=datetime.UTC)
    assert item.published_at == nine_thirty_in_moscow
    assert WorkflowEvent.objects.get().action == "scheduled"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("24.04.2024 11:59", "24.04.2024 11:59 (Moscow time) has passed"),
        ("24.04.2024 12:00", "24.04.2024 12:00 (Moscow time) has passed"),
        ("01.01.2020 00:00", "01.01.2020 00:00 (Moscow time) has passed"),
        ("", "Enter the time to publish at (Moscow time)"),
        ("2024-05-01 12:00", "Enter the time as dd.mm.yyyy HH:MM"),
    ],
)
def test_a_schedule_time_that_has_passed_is_refused_and_nothing_saved(
    client, editor, frozen_now, typed, message
):
    item = make_news(status=Status.IN_REVIEW, published_at=None, title="Kept as is")
    version = item.edit_version
    client.force_login(editor)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, title="Changed", published_at=typed, _move="schedule"),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["published_at"]
    assert message in " ".join(errors)
    # Shown in the Schedule panel too, which comes back open with the time typed.
    page = response.content.decode()
    assert 'class="schedule-error" role="alert"' in page
    item.refresh_from_db()
    assert (item.status, item.title, item.edit_version) == (
        Status.IN_REVIEW,
        "Kept as is",
        version,
    )
    assert not WorkflowEvent.objects.exists()


def test_a_reporter_may_not_schedule_even_by_a_forged_post(client, frozen_now):
    reporter = staff(REPORTER)
    item = make_news(status=Status.DRAFT, published_at=None, created_by=reporter)
    client.force_login(reporter)
    later = frozen_now + datetime.timedelta(days=1)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, published_at=admin_time(later), _move="schedule"),
    )

    assert response.status_code == 200  # the status is not one of theirs
    assert "status" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert (item.status, item.published_at) == (Status.DRAFT, None)
    assert not WorkflowEvent.objects.exists()


def test_plain_publish_with_a_future_time_schedules_and_says_so(
    client, editor, frozen_now
):
    item = make_news(status=Status.IN_REVIEW, published_at=None)
    client.force_login(editor)
    later = frozen_now + datetime.timedelta(hours=3)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, published_at=admin_time(later), _move=Status.PUBLISHED),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_scheduled
    assert WorkflowEvent.objects.get().action == "scheduled"
    [warning] = [m for m in messages_of(response) if m.startswith("Not published")]
    assert "24.04.2024 15:00 (Moscow time), is in the future" in warning


def test_plain_publish_without_a_time_publishes_now_with_no_warning(
    client, editor, frozen_now
):
    item = make_news(status=Status.IN_REVIEW, published_at=None)
    client.force_login(editor)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, published_at="", _move=Status.PUBLISHED),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_live and item.published_at == frozen_now
    assert not any(m.startswith("Not published") for m in messages_of(response))
    assert WorkflowEvent.objects.get().action == "published"


def test_the_bulk_publish_action_is_unchanged(client, editor, frozen_now):
    later = frozen_now + datetime.timedelta(days=2)
    waiting = make_news(status=Status.IN_REVIEW, published_at=later)
    client.force_login(editor)

    response = client.post(
        admin_url(NewsItem, "changelist"),
        {"action": "publish_now", "_selected_action": [waiting.pk]},
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_scheduled
    assert WorkflowEvent.objects.get().action == "scheduled"


def test_moving_a_scheduled_items_time_says_scheduled_without_a_warning(
    client, editor, frozen_now
):
    item = make_news(published_at=frozen_now + datetime.timedelta(days=1))
    client.force_login(editor)
    later = frozen_now + datetime.timedelta(days=3)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, published_at=admin_time(later)),
    )

    assert response.status_code == 302
    assert "Scheduled: it goes live at 27.04.2024 12:00 (Moscow time)." in (
        messages_of(response)
    )
    assert not any(m.startswith("Not published") for m in messages_of(response))
