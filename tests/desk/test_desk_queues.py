"""The desk, the admin's home page: what waits for whom, per role, across every
editorial kind of the registry, in a bounded number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.desk.queues import QUEUE_LENGTH
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import (
    admin_url,
    editorial_factories,
    make_note,
    record_event,
    staff,
)

pytestmark = pytest.mark.django_db

Action = WorkflowEvent.Action
KINDS = editorial_factories()  # {model: builder} of every editorial kind
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def desk_of(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response, {queue.name: queue for queue in response.context["desk"]}


def titles(queue):
    return [entry.title for entry in queue.entries]


@pytest.fixture
def people(db):
    return {
        "rita": staff(REPORTER, "rita.reporter"),
        "ralf": staff(REPORTER, "ralf.reporter"),
        "eddie": staff(EDITOR, "eddie.editor"),
        "sasha": staff(SITE_ADMINISTRATOR, "sasha.admin"),
    }


@pytest.fixture
def newsroom(people, frozen_now):
    """One item in each state for each of two reporters and an editor, of each
    kind; its title says whose and what it is ("rita draft News item")."""
    now = frozen_now
    states = {
        "draft": {"status": Status.DRAFT, "published_at": None},
        "review": {"status": Status.IN_REVIEW, "published_at": None},
        "soon": {"status": Status.PUBLISHED, "published_at": now + 2 * DAY},
        "later": {"status": Status.PUBLISHED, "published_at": now + 9 * DAY},
        "fresh": {"status": Status.PUBLISHED, "published_at": now - 2 * DAY},
        "old": {"status": Status.PUBLISHED, "published_at": now - 30 * DAY},
    }
    for who in ("rita", "ralf", "eddie"):
        for state, fields in states.items():
            for model, build in KINDS.items():
                build(
                    title=f"{who} {state} {model._meta.verbose_name}",
                    created_by=people[who],
                    **fields,
                )


def expected(owners, state):
    return sorted(
        f"{who} {state} {model._meta.verbose_name}" for who in owners for model in KINDS
    )


EVERYONE = ("rita", "ralf", "eddie")


@pytest.mark.parametrize(
    "viewer, sees",
    [
        ("rita", ("rita",)),
        ("eddie", EVERYONE),
        ("sasha", EVERYONE),
    ],
    ids=["reporter", "editor", "site-admin"],
)
def test_each_role_sees_its_queues(client, people, newsroom, viewer, sees):
    response, desk = desk_of(client, people[viewer])

    # Drafts are one's own, whatever the role.
    mine = (viewer,) if viewer in EVERYONE else ()
    wanted = {
        "review": expected(sees, "review"),
        "scheduled": expected(sees, "soon"),
        "published": expected(sees, "fresh"),
        "drafts": expected(mine, "draft"),
    }
    for name, items in wanted.items():
        shown = titles(desk[name])
        assert set(shown) <= set(items), name
        assert len(shown) == min(QUEUE_LENGTH, len(items)), name
        assert desk[name].count == len(items), name
        count = f'<span class="desk-count">{len(items)}</span>'
        assert count in response.content.decode().split(f'id="desk-{name}"')[1]


def test_a_reporter_never_sees_a_colleagues_item_on_the_desk(client, people, newsroom):
    response, _ = desk_of(client, people["rita"])
    page = response.content.decode()
    assert "rita draft" in page
    assert "ralf" not in page
    assert "eddie draft" not in page


def test_each_entry_links_to_its_change_page(client, people, frozen_now):
    for model, build in KINDS.items():
        item = build(title=f"Linked {model.__name__}", status=Status.IN_REVIEW)
        response, desk = desk_of(client, people["eddie"])
        entry = next(e for e in desk["review"].entries if e.title == item.title)
        assert entry.url == admin_url(model, "change", item.pk)
        assert f'href="{entry.url}"' in response.content.decode()


def test_review_is_oldest_submission_first_with_who_and_when(
    client, people, frozen_now
):
    builders = list(KINDS.values())
    # Submitted at times unrelated to creation order, across kinds.
    hours_ago = [5, 30, 2, 50]
    for n, (build, ago) in enumerate(zip(builders, hours_ago, strict=False)):
        item = build(title=f"submitted {ago}h ago", status=Status.IN_REVIEW)
        record_event(item, Action.SUBMITTED, people["ralf" if n % 2 else "rita"],
                     at=frozen_now - ago * HOUR)  # fmt: skip
    response, desk = desk_of(client, people["eddie"])

    assert titles(desk["review"]) == [
        f"submitted {ago}h ago" for ago in sorted(hours_ago, reverse=True)
    ]
    oldest = desk["review"].entries[0]
    assert oldest.event_by == "ralf.reporter"
    assert oldest.when == frozen_now - 50 * HOUR
    # 50 hours before 24.04.2024 12:00 Moscow time.
    assert "submitted by ralf.reporter, <time" in response.content.decode()
    assert "22.04.2024 10:00" in response.content.decode()


def test_scheduled_soonest_first_and_published_newest_first(client, people, frozen_now):
    builders = list(KINDS.values())
    for n, build in enumerate(builders):
        build(title=f"in {n + 1} days", published_at=frozen_now + (n + 1) * DAY)
        build(title=f"{n + 1} days ago", published_at=frozen_now - (n + 1) * DAY)
    _, desk = desk_of(client, people["eddie"])
    days = range(1, len(builders) + 1)
    assert titles(desk["scheduled"]) == [f"in {n} days" for n in days]
    assert titles(desk["published"]) == [f"{n} days ago" for n in days]


def test_drafts_show_which_were_returned_with_the_latest_note(
    client, people, frozen_now
):
    rita, eddie = people["rita"], people["eddie"]
    build = next(iter(KINDS.values()))
    returned = build(title="Returned one", status=Status.DRAFT, created_by=rita)
    make_note(returned, eddie, "First thought.", at=frozen_now - 3 * HOUR)
    make_note(returned, eddie, "Add the minister's quote.", at=frozen_now - HOUR)
    record_event(returned, Action.RETURNED, eddie, at=frozen_now - HOUR)
    build(title="Plain draft", status=Status.DRAFT, created_by=rita)

    response, desk = desk_of(client, rita)
    entries = {entry.title: entry for entry in desk["drafts"].entries}
    assert entries["Returned one"].returned
    assert entries["Returned one"].note_text == "Add the minister's quote."
    assert not entries["Plain draft"].returned
    page = response.content.decode()
    assert "Add the minister&#x27;s quote." in page
    assert "First thought." not in page
    assert "Returned</strong> by eddie.editor" in page


def test_counts_say_how_many_beyond_the_first_ones(client, people, frozen_now):
    build = next(iter(KINDS.values()))
    for n in range(QUEUE_LENGTH + 3):
        build(title=f"Waiting {n}", status=Status.IN_REVIEW)
    response, desk = desk_of(client, people["eddie"])
    assert desk["review"].count == QUEUE_LENGTH + 3
    assert len(desk["review"].entries) == QUEUE_LENGTH
    assert "… and 3 more." in response.content.decode()


def test_djangos_list_of_everything_stays_below_the_desk(client, people):
    response, _ = desk_of(client, people["eddie"])
    page = response.content.decode()
    assert page.index('class="desk"') < page.index("Everything in the back office")
    for model in KINDS:
        assert f'href="{admin_url(model, "changelist")}"' in page


def test_my_notifications_is_in_the_user_tools(client, people):
    response, _ = desk_of(client, people["rita"])
    tools = response.content.decode().split('id="user-tools"')[1].split("</div>")[0]
    assert f'href="{reverse("admin:my_notifications")}"' in tools


def _fill(people, per_state):
    now = timezone.now()
    states = [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.IN_REVIEW, "published_at": None},
        {"status": Status.PUBLISHED, "published_at": now + DAY},
        {"status": Status.PUBLISHED, "published_at": now - DAY},
        {"status": Status.PUBLISHED, "published_at": now - 40 * DAY},
    ]
    for build in KINDS.values():
        for fields in states:
            for n in range(per_state):
                owner = people["rita" if n % 2 else "eddie"]
                item = build(created_by=owner, **fields)
                record_event(item, Action.SUBMITTED, owner)
                make_note(item, people["eddie"], f"Note {n}")


@pytest.mark.parametrize("viewer", ["rita", "eddie", "sasha"])
def test_the_desk_takes_at_most_ten_queries_whatever_the_archive(
    client, people, viewer, django_assert_max_num_queries
):
    client.force_login(people[viewer])
    # Warm what is cached: from a cold cache the first request starts the
    # content generation, the second finds the next scheduled moment.
    client.get(reverse("admin:index"))
    client.get(reverse("admin:index"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("admin:index"))
    _fill(people, per_state=QUEUE_LENGTH + 5)
    client.get(reverse("admin:index"))  # after a change: the same look-ups again
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("admin:index"))
    assert len(many.captured_queries) == len(few.captured_queries)
    desk = {queue.name: queue for queue in response.context["desk"]}
    assert len(desk["review"].entries) == QUEUE_LENGTH
    assert desk["review"].count > QUEUE_LENGTH
