"""Every workflow move made in the admin is in the record of decisions."""

import pytest

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import admin_url, change_data, make_news, staff

pytestmark = pytest.mark.django_db


def test_buttons_move_the_status_and_every_move_is_recorded(client):
    editor = staff("Editor", "anna.editor")
    item = make_news(status=Status.DRAFT, published_at=None, created_by=editor)
    client.force_login(editor)
    url = admin_url(NewsItem, "change", item.pk)
    moves = [
        (Status.IN_REVIEW, "submitted"),
        (Status.PUBLISHED, "published"),
        (Status.ARCHIVED, "archived"),
        (Status.PUBLISHED, "published"),  # "Publish again"
        (Status.DRAFT, "unpublished"),
    ]
    for target, action in moves:
        item.refresh_from_db()
        response = client.post(url, change_data(item) | {"_move": target})
        assert response.status_code == 302, (
            response.context and response.context["adminform"].form.errors
        )
        item.refresh_from_db()
        assert item.status == target
        assert WorkflowEvent.objects.first().action == action

    record = client.get(admin_url(WorkflowEvent, "changelist"))
    assert record.status_code == 200
    rows = record.context["cl"].result_list
    # Newest first, each by the editor who made it, about this item.
    assert [row.action for row in rows] == [action for _, action in reversed(moves)]
    assert {(row.actor_name, row.object_id) for row in rows} == {
        ("anna.editor", str(item.pk))
    }
