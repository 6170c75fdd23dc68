"""The table of workflow moves drives every path: the buttons shown, the
status choices, the POST of a change form, the bulk actions and the record.

The whole table is walked for every role: each (from, to) pair of statuses,
as the item's author (a reporter acts only on their own items) and as an
editor and a site administrator.
"""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.publishing import workflow
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import admin_form_data, make_news, staff

pytestmark = pytest.mark.django_db

ROLES = [REPORTER, EDITOR, SITE_ADMINISTRATOR]
PAIRS = [(s, t) for s, t in itertools.product(Status.values, repeat=2) if s != t]
# Whole seconds: what the admin's date and time inputs send back.
AN_HOUR_AGO = (timezone.now() - datetime.timedelta(hours=1)).replace(microsecond=0)


def item_in(status, author):
    return make_news(
        status=status,
        created_by=author,
        published_at=AN_HOUR_AGO if status != Status.DRAFT else None,
    )


def may(role, source, target) -> bool:
    """What the table says, with the one rule that is not a move: a reporter
    changes only their own items while they are drafts or in review."""
    move = workflow.move(source, target)
    if move is None:
        return False
    if role == REPORTER:
        return move.permission in {"add", "change"} and source in {
            Status.DRAFT,
            Status.IN_REVIEW,
        }
    return True


def change_url(item):
    return reverse("admin:news_newsitem_change", args=[item.pk])


@pytest.fixture
def form_of(client, django_user_model):
    """The change form of an item as it stands, read by someone who sees all."""
    superuser = django_user_model.objects.create_superuser("root", "r@example.org")

    def read(item):
        client.force_login(superuser)
        data = admin_form_data(client.get(change_url(item)))
        client.logout()
        return data

    return read


def with_note(source, target) -> dict:
    """The note a move needs (newsroom/desk; tests/desk test its absence)."""
    return {"editorial_note": "Why."} if workflow.needs_note(source, target) else {}


def buttons(response) -> set[str]:
    """The targets of the move buttons ("Schedule", which goes with "Publish",
    is tested in test_scheduling_with_its_button.py)."""
    found = set(re.findall(r'name="_move" value="(\w+)"', response.content.decode()))
    return found - {"schedule"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_a_move_by_button_happens_only_when_the_table_allows_it(
    client, form_of, role, source, target
):
    user = staff(role)
    item = item_in(source, author=user)
    data = form_of(item)
    client.force_login(user)
    page = client.get(change_url(item))

    allowed = may(role, source, target)
    assert (target in buttons(page)) == (
        allowed and workflow.move(source, target).button
    )
    response = client.post(
        change_url(item), data | {"_move": target} | with_note(source, target)
    )
    item.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert item.status == target
        expected = workflow.move(source, target).action
        recorded = list(WorkflowEvent.objects.values_list("action", flat=True))
        assert recorded == ([expected] if expected else [])
    else:
        assert response.status_code in {200, 403}
        assert item.status == source
        assert not WorkflowEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_a_status_posted_without_a_button_obeys_the_same_table(
    client, form_of, role, source, target
):
    user = staff(role)
    item = item_in(source, author=user)
    data = form_of(item)
    client.force_login(user)
    client.post(change_url(item), data | {"status": target} | with_note(source, target))
    item.refresh_from_db()
    assert item.status == (target if may(role, source, target) else source)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_a_bulk_action_moves_only_what_the_table_allows(client, role, source, target):
    user = staff(role)
    item = item_in(source, author=user)
    client.force_login(user)
    action = workflow.BULK_ACTIONS[target][0]
    client.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": action, "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    # A bulk action carries no note: a move that needs one is never made by it.
    moves = may(role, source, target) and not workflow.needs_note(source, target)
    assert item.status == (target if moves else source)


@pytest.mark.parametrize("role", ROLES)
def test_a_new_item_offers_the_moves_from_nothing(client, role):
    client.force_login(staff(role))
    response = client.get(reverse("admin:news_newsitem_add"))
    offered = {
        move.target
        for move in workflow.MOVES.values()
        if move.source is workflow.NEW
        and move.button
        and (role != REPORTER or move.permission == "add")
    }
    assert buttons(response) == offered
    status_field = response.context["adminform"].form.fields["status"]
    expected = {
        m.target
        for m in workflow.MOVES.values()
        if m.source is workflow.NEW and (role != REPORTER or m.permission == "add")
    }
    assert {value for value, _ in status_field.choices} == expected


def test_an_archive_post_on_a_draft_is_refused_even_for_an_editor(client, form_of):
    editor = staff(EDITOR)
    item = item_in(Status.DRAFT, author=editor)
    data = form_of(item)
    client.force_login(editor)
    response = client.post(change_url(item), data | {"_move": Status.ARCHIVED})
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert "Select a valid choice" in response.content.decode()


def test_every_status_is_reachable_and_every_move_has_a_bulk_action():
    targets = {move.target for move in workflow.MOVES.values()}
    assert targets == set(Status.values)
    assert set(workflow.BULK_ACTIONS) == targets
