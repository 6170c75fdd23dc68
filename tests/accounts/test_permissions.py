"""Who may do what in the back office (issue 4's permission table; security
checklist lines 22-26), through HTTP only.

Every cell logs a user in with the test client, makes the request a browser
would make, and checks both the response and the database afterwards. Nothing
here calls newsroom/publishing/permissions.py: the tests must fail if the admin
forgets to ask it.

Reading the matrices: each row is an action, each column a role, each cell an
`Outcome` - the HTTP status expected and whether the action took effect.
"""

import datetime
from dataclasses import dataclass
from secrets import token_hex

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import (
    FACTORIES,
    add_form_data,
    admin_url,
    change_data,
    editorial_factories,
    make_official,
    make_section,
    make_user,
    publication_time,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = [REPORTER, EDITOR, SITE_ADMINISTRATOR]
ROLE_IDS = {REPORTER: "reporter", EDITOR: "editor", SITE_ADMINISTRATOR: "site-admin"}
# Every editorial kind of the registry (news items, speeches, events, statements).
CONTENT_FACTORIES = editorial_factories()
DRAFT, IN_REVIEW = Status.DRAFT, Status.IN_REVIEW
PUBLISHED, ARCHIVED = Status.PUBLISHED, Status.ARCHIVED
PASSWORD = "Plenary-session-2024-minutes"


# --- Outcomes: what a cell expects ----------------------------------------------


@dataclass(frozen=True)
class Outcome:
    name: str
    status: int | tuple[int, ...]
    done: bool  # the action took effect (a page: it shows what was asked for)
    form_error: bool = False  # a 200 that must carry a form error

    def __repr__(self):
        return self.name

    def check(self, response):
        allowed = self.status if isinstance(self.status, tuple) else (self.status,)
        assert response.status_code in allowed, describe(response)
        if self.form_error:
            assert response.context["adminform"].form.errors, describe(response)


SHOWN = Outcome("SHOWN", 200, True)
DONE = Outcome("DONE", 302, True)  # the usual redirect after a successful POST
FORBIDDEN = Outcome("FORBIDDEN", 403, False)
NOT_FOUND = Outcome("NOT_FOUND", 404, False)
REFUSED = Outcome("REFUSED", (403, 404), False)
FORM_ERROR = Outcome("FORM_ERROR", 200, False, form_error=True)
# The item is outside the user's list: a 403 page saying it is not theirs
# (tests/publishing/test_refusals_in_the_admin_layout.py), naming no title.
NOT_THEIRS = Outcome("NOT_THEIRS", 403, False)
# The request goes through as usual, but the refused part does nothing (an
# action the user is not offered, a field the user's form does not have).
IGNORED = Outcome("IGNORED", 302, False)
# The page opens read-only (no Save button).
READ_ONLY = Outcome("READ_ONLY", 200, False)


def describe(response):
    text = f"HTTP {response.status_code}"
    if response.has_header("Location"):
        text += f" -> {response['Location']}"
    context = response.context
    if context is not None and "adminform" in context:
        text += f"; form errors: {context['adminform'].form.errors.as_data()}"
    return text


# --- Users, items and requests ------------------------------------------------


def make_item(model, status, owner, label):
    # A random tail: no title is a substring of another (assertions use `in`).
    # The slug is made from the title, as the admin's prepopulated field does.
    title = f"{label} {token_hex(4)}"
    fields = {"status": status, "created_by": owner, "title": title}
    fields["slug"] = slugify(title)
    if status == PUBLISHED:
        # Whole seconds: what the admin's date/time inputs send back.
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        fields["published_at"] = an_hour_ago.replace(microsecond=0)
    return CONTENT_FACTORIES[model](**fields)


def fresh(obj):
    """`obj` as the database has it now; None once deleted."""
    return type(obj).objects.filter(pk=obj.pk).first()


def shows(response, obj) -> bool:
    return str(obj) in response.content.decode()


def listed(response, obj) -> bool:
    """`obj` is a row of the admin list (the search box echoes the query, so
    the page's text alone would not tell)."""
    assert response.status_code == 200, describe(response)
    return obj.pk in {row.pk for row in response.context["cl"].result_list}


def view_on_site_url(obj):
    """The admin's "View on site" redirect: /admin/r/<content type>/<id>/."""
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


def recorded(obj, action) -> bool:
    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action=action,
    ).exists()


def two_revisions(item):
    """Saves `item` in two revisions, the second with another title; returns
    the first version (the one to restore)."""
    with reversion.create_revision():
        item.save()
    item.title = f"{item.title} (second version)"
    with reversion.create_revision():
        item.save()
    return Version.objects.get_for_object(item).order_by("pk").first()


@dataclass
class Case:
    """One cell of the matrix: a logged-in user, a model, and a colleague (a
    reporter) whose items are "someone else's"."""

    client: Client
    user: User
    model: type
    colleague: User

    def own(self, status):
        return make_item(self.model, status, self.user, "Own")

    def colleagues(self, status):
        return make_item(self.model, status, self.colleague, "Colleague")

    def url(self, view, *args):
        return admin_url(self.model, view, *args)

    def get(self, view, *args, **params):
        return self.client.get(self.url(view, *args), params)

    def post_change(self, item, **changes):
        return self.client.post(
            self.url("change", item.pk), change_data(item, **changes)
        )

    def bulk(self, action, items, **extra):
        data = {"action": action, "_selected_action": [i.pk for i in items], **extra}
        return self.client.post(self.url("changelist"), data)


def log_in(client, role):
    user = staff(role)
    client.force_login(user)
    return user


# --- 1. News items, speeches and events: role x model x action ------------------

# fmt: off
CONTENT_MATRIX = {
    # action                           Reporter    Editor   Site administrator
    # Lists and new items
    "changelist":                     (SHOWN,      SHOWN,   SHOWN),
    "add_page":                       (SHOWN,      SHOWN,   SHOWN),
    "add_draft":                      (DONE,       DONE,    DONE),
    "add_published":                  (FORM_ERROR, DONE,    DONE),
    # Editing
    "change_own_draft":               (DONE,       DONE,    DONE),
    "change_own_in_review":           (DONE,       DONE,    DONE),
    "change_own_published":           (FORBIDDEN,  DONE,    DONE),
    "change_colleagues_draft":        (NOT_THEIRS, DONE,    DONE),
    "change_colleagues_published":    (NOT_THEIRS, DONE,    DONE),
    "post_publisher_only_fields":     (IGNORED,    DONE,    DONE),
    # Workflow buttons and status on the change form
    "submit_own_draft_for_review":    (DONE,       DONE,    DONE),
    "publish_button":                 (FORM_ERROR, DONE,    DONE),
    "schedule":                       (FORM_ERROR, DONE,    DONE),
    "unpublish_button":               (FORBIDDEN,  DONE,    DONE),
    "archive_button":                 (FORBIDDEN,  DONE,    DONE),
    "return_own_in_review_to_draft":  (DONE,       DONE,    DONE),
    # Not a move of the table (newsroom/publishing/workflow.py): for nobody.
    "archive_own_draft":              (FORM_ERROR, FORM_ERROR, FORM_ERROR),
    # Bulk actions on the list
    "bulk_submit_own_draft":          (DONE,       DONE,    DONE),
    "bulk_submit_own_published":      (IGNORED,    IGNORED, IGNORED),
    "bulk_publish_with_colleagues":   (IGNORED,    DONE,    DONE),
    "bulk_return_own_in_review":      (IGNORED,    IGNORED, IGNORED),
    "bulk_unpublish_own_published":   (IGNORED,    DONE,    DONE),
    "bulk_archive_own_draft":         (IGNORED,    IGNORED, IGNORED),
    "bulk_delete_with_colleagues":    (IGNORED,    DONE,    DONE),
    "bulk_delete_own_in_review":      (IGNORED,    DONE,    DONE),
    # Deleting
    "delete_page_own_draft":          (SHOWN,      SHOWN,   SHOWN),
    "delete_own_draft":               (DONE,       DONE,    DONE),
    "delete_own_in_review":           (FORBIDDEN,  DONE,    DONE),
    "delete_own_published":           (FORBIDDEN,  DONE,    DONE),
    "delete_page_colleagues_draft":   (NOT_THEIRS, SHOWN,   SHOWN),
    "delete_colleagues_draft":        (NOT_THEIRS, DONE,    DONE),
    # History, revisions, recovery of deleted items
    "history_own_draft":              (SHOWN,      SHOWN,   SHOWN),
    "history_colleagues_draft":       (FORBIDDEN,  SHOWN,   SHOWN),
    "compare_colleagues_draft":       (FORBIDDEN,  SHOWN,   SHOWN),
    "revision_page_own_draft":        (FORBIDDEN,  SHOWN,   SHOWN),
    "restore_own_revision":           (FORBIDDEN,  DONE,    DONE),
    "recover_list":                   (FORBIDDEN,  SHOWN,   SHOWN),
    "recover_own_deleted_draft":      (FORBIDDEN,  DONE,    DONE),
    # The public page of an unpublished item (preview)
    "preview_own_draft":              (SHOWN,      SHOWN,   SHOWN),
    "preview_colleagues_draft":       (NOT_FOUND,  SHOWN,   SHOWN),
    "view_on_site_colleagues_draft":  (REFUSED,    DONE,    DONE),
}
# fmt: on

# (action, role) -> reason, for cells that reveal a hole in the app: mark them
# xfail(strict=True) here until the app is fixed. (None open.)
CONTENT_BUGS: dict[tuple[str, str], str] = {}

CONTENT_ACTIONS = {}


def content_action(func):
    CONTENT_ACTIONS[func.__name__] = func
    return func


# Lists and new items


@content_action
def changelist(c, expect):
    """The list opens and shows the user's own draft."""
    mine = c.own(DRAFT)
    response = c.get("changelist")
    expect.check(response)
    assert listed(response, mine) is expect.done


@content_action
def add_page(c, expect):
    response = c.get("add")
    expect.check(response)
    assert ('name="_save"' in response.content.decode()) is expect.done


@content_action
def add_draft(c, expect):
    """POST the add form: the draft exists, signed by whoever posted it."""
    title = f"New {token_hex(4)}"
    data = add_form_data(c.model) | {"title": title, "status": DRAFT}
    data |= publication_time(None)
    data.pop("is_featured", None)
    response = c.client.post(c.url("add"), data)
    expect.check(response)
    item = c.model.objects.filter(title=title).first()
    assert (item is not None) is expect.done
    if item:
        assert (item.created_by, item.status) == (c.user, DRAFT)


@content_action
def add_published(c, expect):
    """An add form POSTed straight to Published (reporters have no such choice)."""
    title = f"New {token_hex(4)}"
    data = add_form_data(c.model) | {"title": title, "status": PUBLISHED}
    response = c.client.post(c.url("add"), data)
    expect.check(response)
    item = c.model.objects.filter(title=title).first()
    assert (item is not None) is expect.done
    assert not c.model.objects.filter(title=title, created_by=None).exists()
    if item:
        assert item.is_live


# Editing


def _change(c, expect, item):
    response = c.post_change(item, title=f"Edited {token_hex(4)}")
    expect.check(response)
    after = fresh(item)
    assert (after.title != item.title) is expect.done
    assert after.status == item.status
    return response


@content_action
def change_own_draft(c, expect):
    _change(c, expect, c.own(DRAFT))


@content_action
def change_own_in_review(c, expect):
    _change(c, expect, c.own(IN_REVIEW))


@content_action
def change_own_published(c, expect):
    _change(c, expect, c.own(PUBLISHED))


def _colleagues_item(c, expect, status):
    """Someone else's item: for a reporter not listed, not found by the list's
    search (the full-text engine on PostgreSQL), not changeable."""
    item = c.colleagues(status)
    assert listed(c.get("changelist"), item) is expect.done
    assert listed(c.get("changelist", q=item.title), item) is expect.done
    _change(c, expect, item)


@content_action
def change_colleagues_draft(c, expect):
    _colleagues_item(c, expect, DRAFT)


@content_action
def change_colleagues_published(c, expect):
    _colleagues_item(c, expect, PUBLISHED)


@content_action
def post_publisher_only_fields(c, expect):
    """Checklist 24: `published_at` and `is_featured` are not on a reporter's
    form; POSTed by hand they are ignored and the rest is saved."""
    item = c.own(DRAFT)
    later = timezone.now() + datetime.timedelta(days=3)
    # With a real edit: a save that changes nothing is no save (History).
    response = c.post_change(
        item, title="Retitled", is_featured="on", **publication_time(later)
    )
    expect.check(response)
    after = fresh(item)
    assert after.edit_version == item.edit_version + 1  # the save itself went through
    assert (after.published_at is not None) is expect.done
    if c.model is NewsItem:
        assert after.is_featured is expect.done
    assert after.status == DRAFT


# Workflow buttons and status


@content_action
def submit_own_draft_for_review(c, expect):
    item = c.own(DRAFT)
    response = c.post_change(item, _move=IN_REVIEW)
    expect.check(response)
    assert (fresh(item).status == IN_REVIEW) is expect.done
    assert recorded(item, WorkflowEvent.Action.SUBMITTED) is expect.done


@content_action
def publish_button(c, expect):
    """The "Save and publish" button on an own item in review."""
    item = c.own(IN_REVIEW)
    response = c.post_change(item, _move=PUBLISHED)
    expect.check(response)
    after = fresh(item)
    assert after.is_live is expect.done
    assert (after.status, after.published_at is None) == (
        (PUBLISHED, False) if expect.done else (IN_REVIEW, True)
    )
    assert recorded(item, WorkflowEvent.Action.PUBLISHED) is expect.done


@content_action
def schedule(c, expect):
    """Status Published with a publication time next week, on an own draft."""
    item = c.own(DRAFT)
    next_week = timezone.now() + datetime.timedelta(days=7)
    response = c.post_change(item, status=PUBLISHED, **publication_time(next_week))
    expect.check(response)
    after = fresh(item)
    assert after.is_scheduled is expect.done
    if not expect.done:
        assert (after.status, after.published_at) == (DRAFT, None)
    assert recorded(item, WorkflowEvent.Action.SCHEDULED) is expect.done


def _button_on_own_published(c, expect, target, action):
    item = c.own(PUBLISHED)
    response = c.post_change(item, _move=target)
    expect.check(response)
    after = fresh(item)
    assert after.status == (target if expect.done else PUBLISHED)
    assert after.published_at == item.published_at
    assert recorded(item, action) is expect.done


@content_action
def unpublish_button(c, expect):
    _button_on_own_published(c, expect, DRAFT, WorkflowEvent.Action.UNPUBLISHED)


@content_action
def archive_button(c, expect):
    _button_on_own_published(c, expect, ARCHIVED, WorkflowEvent.Action.ARCHIVED)


@content_action
def return_own_in_review_to_draft(c, expect):
    """The "Return to the author" button, with the note it needs: anyone who may
    change the item in review."""
    item = c.own(IN_REVIEW)
    response = c.post_change(item, _move=DRAFT, editorial_note="Needs a quote.")
    expect.check(response)
    assert fresh(item).status == (DRAFT if expect.done else IN_REVIEW)
    assert recorded(item, WorkflowEvent.Action.RETURNED) is expect.done


@content_action
def archive_own_draft(c, expect):
    """The archive button's POST, and the bare status, on a draft."""
    item = c.own(DRAFT)
    for move in ({"_move": ARCHIVED}, {"status": ARCHIVED}):
        response = c.post_change(item, **move)
        expect.check(response)
        assert fresh(item).status == (ARCHIVED if expect.done else DRAFT)
    assert recorded(item, WorkflowEvent.Action.ARCHIVED) is expect.done


# Bulk actions


@content_action
def bulk_submit_own_draft(c, expect):
    item = c.own(DRAFT)
    response = c.bulk("submit_for_review", [item], index=0)
    expect.check(response)
    assert (fresh(item).status == IN_REVIEW) is expect.done


@content_action
def bulk_submit_own_published(c, expect):
    """Only drafts go to review: the action must not take a live item down (for
    a reporter it would be an unpublish)."""
    item = c.own(PUBLISHED)
    response = c.bulk("submit_for_review", [item], index=0)
    expect.check(response)
    assert (fresh(item).status == IN_REVIEW) is expect.done
    assert fresh(item).is_live is not expect.done


@content_action
def bulk_publish_with_colleagues(c, expect):
    """The "publish now" action on an own item and a colleague's, both in review."""
    mine, theirs = c.own(IN_REVIEW), c.colleagues(IN_REVIEW)
    response = c.bulk("publish_now", [mine, theirs], index=0)
    expect.check(response)
    assert fresh(theirs).is_live is expect.done
    assert fresh(mine).is_live is expect.done


@content_action
def bulk_return_own_in_review(c, expect):
    """The "return to draft" action does not take an item in review back: that
    return needs a note for the author, given on the item's own page."""
    item = c.own(IN_REVIEW)
    response = c.bulk("unpublish", [item], index=0)
    expect.check(response)
    assert (fresh(item).status == DRAFT) is expect.done


@content_action
def bulk_unpublish_own_published(c, expect):
    item = c.own(PUBLISHED)
    response = c.bulk("unpublish", [item], index=0)
    expect.check(response)
    assert (fresh(item).status == DRAFT) is expect.done
    assert fresh(item).is_live is not expect.done


@content_action
def bulk_archive_own_draft(c, expect):
    """Drafts are not archived (not a move of the table), even in bulk."""
    item = c.own(DRAFT)
    response = c.bulk("archive", [item], index=0)
    expect.check(response)
    assert (fresh(item).status == ARCHIVED) is expect.done


@content_action
def bulk_delete_with_colleagues(c, expect):
    """Bulk delete (confirmed) of an own draft and a colleague's draft."""
    mine, theirs = c.own(DRAFT), c.colleagues(DRAFT)
    response = c.bulk("delete_selected", [mine, theirs], post="yes")
    expect.check(response)
    assert (fresh(theirs) is None) is expect.done
    # Everyone may delete their own drafts: a reporter's own one goes, alone.
    assert fresh(mine) is None


@content_action
def bulk_delete_own_in_review(c, expect):
    item = c.own(IN_REVIEW)
    response = c.bulk("delete_selected", [item], post="yes")
    expect.check(response)
    assert (fresh(item) is None) is expect.done


# Deleting


@content_action
def delete_page_own_draft(c, expect):
    item = c.own(DRAFT)
    response = c.get("delete", item.pk)
    expect.check(response)
    assert shows(response, item) is expect.done
    assert fresh(item) is not None


def _delete(c, expect, item):
    response = c.client.post(c.url("delete", item.pk), {"post": "yes"})
    expect.check(response)
    assert (fresh(item) is None) is expect.done


@content_action
def delete_own_draft(c, expect):
    _delete(c, expect, c.own(DRAFT))


@content_action
def delete_own_in_review(c, expect):
    _delete(c, expect, c.own(IN_REVIEW))


@content_action
def delete_own_published(c, expect):
    _delete(c, expect, c.own(PUBLISHED))


@content_action
def delete_page_colleagues_draft(c, expect):
    item = c.colleagues(DRAFT)
    response = c.get("delete", item.pk)
    expect.check(response)
    assert shows(response, item) is expect.done
    assert fresh(item) is not None


@content_action
def delete_colleagues_draft(c, expect):
    _delete(c, expect, c.colleagues(DRAFT))


# History, revisions, recovery


@content_action
def history_own_draft(c, expect):
    item = c.own(DRAFT)
    two_revisions(item)
    response = c.get("history", item.pk)
    expect.check(response)
    assert shows(response, item) is expect.done


@content_action
def history_colleagues_draft(c, expect):
    item = c.colleagues(DRAFT)
    two_revisions(item)
    response = c.get("history", item.pk)
    expect.check(response)
    assert shows(response, item) is expect.done


@content_action
def compare_colleagues_draft(c, expect):
    item = c.colleagues(DRAFT)
    first = two_revisions(item)
    second = Version.objects.get_for_object(item).exclude(pk=first.pk).get()
    response = c.get("compare", item.pk, version_id1=first.pk, version_id2=second.pk)
    expect.check(response)
    assert (first.object_repr in response.content.decode()) is expect.done


@content_action
def revision_page_own_draft(c, expect):
    item = c.own(DRAFT)
    first = two_revisions(item)
    response = c.get("revision", item.pk, first.pk)
    expect.check(response)
    assert (first.object_repr in response.content.decode()) is expect.done
    assert fresh(item).title == item.title  # looking does not restore


@content_action
def restore_own_revision(c, expect):
    """POST the revision form: the item takes its first version's title back."""
    item = c.own(DRAFT)
    first = two_revisions(item)
    data = change_data(
        item,
        title=first.object_repr,
        # A restore replaces what is there: no loaded version is checked.
    )
    response = c.client.post(c.url("revision", item.pk, first.pk), data)
    expect.check(response)
    assert (fresh(item).title == first.object_repr) is expect.done
    assert recorded(item, WorkflowEvent.Action.RESTORED) is expect.done


def _deleted_own_draft(c):
    """An own draft saved in a revision, then deleted: (its version, form data)."""
    item = c.own(DRAFT)
    with reversion.create_revision():
        item.save()
    version = Version.objects.get_for_object(item).get()
    data = change_data(item)
    item.delete()
    return version, data


@content_action
def recover_list(c, expect):
    version, _ = _deleted_own_draft(c)
    response = c.get("recoverlist")
    expect.check(response)
    assert (version.object_repr in response.content.decode()) is expect.done


@content_action
def recover_own_deleted_draft(c, expect):
    version, data = _deleted_own_draft(c)
    response = c.client.post(c.url("recover", version.pk), data)
    expect.check(response)
    recovered = c.model.objects.filter(pk=version.object_id).first()
    assert (recovered is not None) is expect.done
    if recovered:
        assert recorded(recovered, WorkflowEvent.Action.RECOVERED)


# The public preview


@content_action
def preview_own_draft(c, expect):
    item = c.own(DRAFT)
    response = c.client.get(item.get_absolute_url())
    expect.check(response)
    assert shows(response, item) is expect.done


@content_action
def preview_colleagues_draft(c, expect):
    item = c.colleagues(DRAFT)
    response = c.client.get(item.get_absolute_url())
    expect.check(response)
    assert shows(response, item) is expect.done


@content_action
def view_on_site_colleagues_draft(c, expect):
    """The "View on site" redirect must not give a colleague's draft address away."""
    item = c.colleagues(DRAFT)
    response = c.client.get(view_on_site_url(item))
    expect.check(response)
    assert (item.slug in response.get("Location", "")) is expect.done


assert set(CONTENT_ACTIONS) == set(CONTENT_MATRIX), "matrix rows != actions"


def content_cells():
    for action, outcomes in CONTENT_MATRIX.items():
        for role, expect in zip(ROLES, outcomes, strict=True):
            bug = CONTENT_BUGS.get((action, role))
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            for model in CONTENT_FACTORIES:
                yield pytest.param(
                    role,
                    model,
                    action,
                    expect,
                    id=f"{action}-{ROLE_IDS[role]}-{model.__name__}",
                    marks=marks,
                )


@pytest.mark.parametrize(("role", "model", "action", "expect"), list(content_cells()))
def test_content_permission_matrix(client, role, model, action, expect):
    user = log_in(client, role)
    case = Case(client=client, user=user, model=model, colleague=staff(REPORTER))
    CONTENT_ACTIONS[action](case, expect)


@pytest.mark.parametrize(
    ("role", "offered"),
    [(REPORTER, False), (EDITOR, True), (SITE_ADMINISTRATOR, True)],
    ids=ROLE_IDS.values(),
)
def test_the_event_search_in_a_form_offers_colleagues_drafts_to_editors(
    client, role, offered
):
    """A news item links an event through the admin's autocomplete: anyone may
    pick a live event; only editors see a colleague's draft event there."""
    log_in(client, role)
    colleague = staff(REPORTER)
    draft = make_item(Event, DRAFT, colleague, "Colleague")
    live = make_item(Event, PUBLISHED, colleague, "Colleague")

    for event, expected in ((draft, offered), (live, True)):
        params = {
            "term": event.title,
            "app_label": "news",
            "model_name": "newsitem",
            "field_name": "event",
        }
        response = client.get(reverse("admin:autocomplete"), params)
        assert response.status_code == 200
        found = [result["id"] for result in response.json()["results"]]
        assert (str(event.pk) in found) is expected


def test_a_reporter_cannot_link_a_colleagues_draft_event_by_posting_its_id(client):
    """What the event search does not offer, a hand-made POST does not link."""
    log_in(client, REPORTER)
    colleague = staff(REPORTER)
    draft = make_item(Event, DRAFT, colleague, "Secret draft event")
    live = make_item(Event, PUBLISHED, colleague, "Public event")
    data = add_form_data(NewsItem) | {"status": DRAFT, "officials": []}
    data |= publication_time(None)
    data.pop("is_featured")

    refused = client.post(admin_url(NewsItem, "add"), data | {"event": draft.pk})
    assert refused.status_code == 200
    assert "event" in refused.context["adminform"].form.errors
    assert draft.title not in refused.content.decode()
    assert not NewsItem.objects.filter(event=draft).exists()

    accepted = client.post(admin_url(NewsItem, "add"), data | {"event": live.pk})
    assert accepted.status_code == 302, describe(accepted)
    assert NewsItem.objects.get(event=live).status == DRAFT


# --- 2. Sections and officials: reporters pick them, editors manage them -------

# fmt: off
REFERENCE_MATRIX = {
    # action                 Reporter    Editor  Site administrator
    "changelist":           (SHOWN,     SHOWN,  SHOWN),
    "pick_in_an_item":      (SHOWN,     SHOWN,  SHOWN),
    "change_page":          (READ_ONLY, SHOWN,  SHOWN),
    "add_page":             (FORBIDDEN, SHOWN,  SHOWN),
    "add":                  (FORBIDDEN, DONE,   DONE),
    "change":               (FORBIDDEN, DONE,   DONE),
    "reorder_in_the_list":  (FORBIDDEN, DONE,   DONE),
    "delete_page":          (FORBIDDEN, SHOWN,  SHOWN),
    "delete":               (FORBIDDEN, DONE,   DONE),
}
# fmt: on

REFERENCE_FACTORIES = {Section: make_section, Official: make_official}
REFERENCE_ACTIONS = {}


def reference_action(func):
    REFERENCE_ACTIONS[func.__name__.removeprefix("reference_")] = func
    return func


def _reference(model):
    name = f"Reference {token_hex(4)}"
    return REFERENCE_FACTORIES[model](name=name, slug=name.lower().replace(" ", "-"))


@reference_action
def reference_changelist(client, model, expect):
    obj = _reference(model)
    response = client.get(admin_url(model, "changelist"))
    expect.check(response)
    assert shows(response, obj) is expect.done


@reference_action
def reference_pick_in_an_item(client, model, expect):
    """Sections in the news item form's list; officials in the speaker search."""
    obj = _reference(model)
    if model is Section:
        response = client.get(admin_url(NewsItem, "add"))
        expect.check(response)
        assert shows(response, obj) is expect.done
    else:
        params = {
            "term": obj.name,
            "app_label": "speeches",
            "model_name": "speech",
            "field_name": "speaker",
        }
        response = client.get(reverse("admin:autocomplete"), params)
        expect.check(response)
        found = [r["id"] for r in response.json()["results"]]
        assert (found == [str(obj.pk)]) is expect.done


@reference_action
def reference_change_page(client, model, expect):
    obj = _reference(model)
    response = client.get(admin_url(model, "change", obj.pk))
    expect.check(response)
    assert shows(response, obj)
    assert ('name="_save"' in response.content.decode()) is expect.done


@reference_action
def reference_add_page(client, model, expect):
    response = client.get(admin_url(model, "add"))
    expect.check(response)


@reference_action
def reference_add(client, model, expect):
    data = add_form_data(model)
    response = client.post(admin_url(model, "add"), data)
    expect.check(response)
    assert model.objects.filter(slug=data["slug"]).exists() is expect.done


@reference_action
def reference_change(client, model, expect):
    obj = _reference(model)
    data = add_form_data(model) | {"name_en": "Renamed", "slug": obj.slug}
    response = client.post(admin_url(model, "change", obj.pk), data)
    expect.check(response)
    assert (fresh(obj).name == "Renamed") is expect.done


@reference_action
def reference_reorder_in_the_list(client, model, expect):
    """The list's editable `order` column."""
    obj = _reference(model)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": obj.pk,
        "form-0-order": "77",
        "_save": "Save",
    }
    response = client.post(admin_url(model, "changelist"), data)
    expect.check(response)
    assert (fresh(obj).order == 77) is expect.done


@reference_action
def reference_delete_page(client, model, expect):
    obj = _reference(model)
    response = client.get(admin_url(model, "delete", obj.pk))
    expect.check(response)
    assert fresh(obj) is not None


@reference_action
def reference_delete(client, model, expect):
    obj = _reference(model)
    response = client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    expect.check(response)
    assert (fresh(obj) is None) is expect.done


assert set(REFERENCE_ACTIONS) == set(REFERENCE_MATRIX), "matrix rows != actions"


def reference_cells():
    for action, outcomes in REFERENCE_MATRIX.items():
        for role, expect in zip(ROLES, outcomes, strict=True):
            for model in REFERENCE_FACTORIES:
                yield pytest.param(
                    role,
                    model,
                    action,
                    expect,
                    id=f"{action}-{ROLE_IDS[role]}-{model.__name__}",
                )


@pytest.mark.parametrize(("role", "model", "action", "expect"), list(reference_cells()))
def test_sections_and_officials_matrix(client, role, model, action, expect):
    log_in(client, role)
    REFERENCE_ACTIONS[action](client, model, expect)


# --- 3. Staff accounts (checklist 23 and 26) --------------------------------------


def user_url(view, *args):
    return admin_url(User, view, *args)


def role_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def role_events(user) -> list[str]:
    return list(
        WorkflowEvent.objects.filter(
            action=WorkflowEvent.Action.ROLE_CHANGED,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
        )
        .order_by("pk")
        .values_list("detail", flat=True)
    )


def account_form(user, **changes):
    """The site administrator's change form for `user`, as it stands."""
    groups = role_of(user)
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": next(iter(groups), ""),
    }
    if user.is_active:
        data["is_active"] = "on"
    return data | changes


def raw_privileges():
    """What only a superuser's form has: superuser status, groups, permissions."""
    return {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=SITE_ADMINISTRATOR).pk],
        "user_permissions": [Permission.objects.get(codename="delete_user").pk],
    }


def assert_no_raw_privileges(user):
    assert not user.is_superuser
    assert not user.user_permissions.exists()


def test_a_site_administrator_creates_an_account_with_a_role(client):
    admin = log_in(client, SITE_ADMINISTRATOR)
    data = {
        "username": "new.editor",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "New",
        "last_name": "Editor",
        "email": "new.editor@example.org",
        "role": EDITOR,
    }

    response = client.post(user_url("add"), data)

    assert response.status_code == 302, describe(response)
    user = User.objects.get(username="new.editor")
    assert user.is_staff and user.is_active and user.check_password(PASSWORD)
    assert role_of(user) == {EDITOR}
    assert_no_raw_privileges(user)
    assert role_events(user) == [f"no role → {EDITOR}"]
    assert WorkflowEvent.objects.get(object_id=str(user.pk)).actor == admin


def test_a_site_administrator_changes_a_role_and_deactivates_an_account(client):
    admin = log_in(client, SITE_ADMINISTRATOR)
    reporter = staff(REPORTER)
    reporters_browser = Client()
    reporters_browser.force_login(reporter)
    data = account_form(reporter, role=EDITOR)
    del data["is_active"]  # the box unchecked

    response = client.post(user_url("change", reporter.pk), data)

    assert response.status_code == 302, describe(response)
    reporter.refresh_from_db()
    assert role_of(reporter) == {EDITOR}
    assert not reporter.is_active
    assert role_events(reporter) == [f"{REPORTER} → {EDITOR}"]
    event = WorkflowEvent.objects.get(object_id=str(reporter.pk))
    assert event.actor == admin
    # And the record shows it to the site administrator.
    record = client.get(
        admin_url(WorkflowEvent, "changelist"), {"action": "role_changed"}
    )
    assert record.status_code == 200
    assert f"{REPORTER} → {EDITOR}" in record.content.decode()
    # A deactivated account's open session no longer reaches the back office.
    locked_out = reporters_browser.get(admin_url(NewsItem, "changelist"))
    assert locked_out.status_code == 302
    assert locked_out["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("target", "role"),
    [("colleague", EDITOR), ("colleague", ""), ("self", SITE_ADMINISTRATOR)],
    ids=["colleague-to-editor", "colleague-to-no-role", "self"],
)
def test_only_the_role_counts_in_a_site_administrators_post(client, target, role):
    """Superuser status, staff status, groups and permissions POSTed by hand to
    the change form are not on a site administrator's form: ignored."""
    admin = log_in(client, SITE_ADMINISTRATOR)
    user = admin if target == "self" else staff(REPORTER)
    data = account_form(user, role=role) | raw_privileges()

    response = client.post(user_url("change", user.pk), data)

    assert response.status_code == 302, describe(response)
    user.refresh_from_db()
    assert_no_raw_privileges(user)
    assert role_of(user) == ({role} if role else set())
    assert user.is_staff is bool(role)


def test_a_superuser_creates_an_account_with_a_role(admin_client):
    assert admin_client.get(user_url("add")).status_code == 200
    response = admin_client.post(
        user_url("add"),
        {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD,
         "usable_password": "true", "role": EDITOR},
    )  # fmt: skip
    assert response.status_code == 302, describe(response)
    user = User.objects.get(username="newcomer")
    assert user.is_staff and user.check_password(PASSWORD)
    assert role_of(user) == {EDITOR}


def test_raw_privileges_in_the_add_form_are_ignored(client):
    log_in(client, SITE_ADMINISTRATOR)
    data = {
        "username": "new.reporter",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": REPORTER,
        **raw_privileges(),
    }

    response = client.post(user_url("add"), data)

    assert response.status_code == 302, describe(response)
    user = User.objects.get(username="new.reporter")
    assert_no_raw_privileges(user)
    assert role_of(user) == {REPORTER}


@pytest.mark.parametrize(
    "role", [REPORTER, EDITOR, None], ids=["reporter", "editor", "no-role"]
)
@pytest.mark.parametrize(
    "page", ["changelist", "add", "change-colleague", "change-self"]
)
def test_only_site_administrators_open_staff_accounts(client, role, page):
    user = log_in(client, role)
    colleague = staff(REPORTER)
    url = {
        "changelist": user_url("changelist"),
        "add": user_url("add"),
        "change-colleague": user_url("change", colleague.pk),
        "change-self": user_url("change", user.pk),
    }[page]
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", [REPORTER, EDITOR], ids=["reporter", "editor"])
def test_editors_and_reporters_cannot_raise_their_own_privileges(client, role):
    """Checklist 26: POST `is_superuser=on`, the site administrator role and the
    group to their own account, and create an account: all 403, nothing changed."""
    user = log_in(client, role)
    data = account_form(user, role=SITE_ADMINISTRATOR) | raw_privileges()

    response = client.post(user_url("change", user.pk), data)
    added = client.post(
        user_url("add"),
        {"username": "accomplice", "password1": PASSWORD, "password2": PASSWORD,
         "role": SITE_ADMINISTRATOR},
    )  # fmt: skip

    assert (response.status_code, added.status_code) == (403, 403)
    user.refresh_from_db()
    assert_no_raw_privileges(user)
    assert role_of(user) == {role}
    assert not User.objects.filter(username="accomplice").exists()
    assert role_events(user) == []


def test_a_site_administrator_cannot_change_a_superuser(client):
    log_in(client, SITE_ADMINISTRATOR)
    boss = make_user(is_staff=True, is_superuser=True)
    data = account_form(boss, first_name="Renamed", role=REPORTER)
    del data["is_active"]

    response = client.post(user_url("change", boss.pk), data)
    password = client.post(
        user_url("password_change", boss.pk),
        {"password1": PASSWORD, "password2": PASSWORD},
    )

    # Superusers are outside a site administrator's list: "does not exist".
    assert response.status_code in (302, 403)
    assert password.status_code in (302, 403, 404)
    boss.refresh_from_db()
    assert boss.is_superuser and boss.is_active and boss.first_name == ""
    assert role_of(boss) == set()
    assert not boss.check_password(PASSWORD)


def test_a_site_administrator_cannot_open_a_superusers_account(client):
    log_in(client, SITE_ADMINISTRATOR)
    boss = make_user(is_staff=True, is_superuser=True)

    response = client.get(user_url("change", boss.pk))

    assert response.status_code in (302, 403), describe(response)


@pytest.mark.parametrize("target", ["reporter", "site-admin", "self"])
def test_a_site_administrator_deletes_no_account(client, target):
    """Accounts are deactivated, never deleted (their work keeps its author)."""
    admin = log_in(client, SITE_ADMINISTRATOR)
    user = {
        "reporter": lambda: staff(REPORTER),
        "site-admin": lambda: staff(SITE_ADMINISTRATOR),
        "self": lambda: admin,
    }[target]()

    page = client.get(user_url("delete", user.pk))
    post = client.post(user_url("delete", user.pk), {"post": "yes"})
    bulk = client.post(
        user_url("changelist"),
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )

    assert (page.status_code, post.status_code) == (403, 403)
    # The list offers no delete action (only the two-factor reset), so the POST
    # deletes nothing and goes back to the list.
    assert bulk.status_code in (200, 302)
    assert (
        'value="delete_selected"'
        not in client.get(user_url("changelist")).content.decode()
    )
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS.get)
def test_only_a_superuser_changes_the_role_groups(client, role):
    log_in(client, role)
    group = Group.objects.get(name=REPORTER)
    before = set(group.permissions.values_list("pk", flat=True))
    everything = list(Permission.objects.values_list("pk", flat=True))

    changed = client.post(
        admin_url(Group, "change", group.pk),
        {"name": REPORTER, "permissions": everything},
    )
    added = client.post(
        admin_url(Group, "add"), {"name": "Shadow admins", "permissions": everything}
    )
    deleted = client.post(admin_url(Group, "delete", group.pk), {"post": "yes"})

    assert (changed.status_code, added.status_code, deleted.status_code) == (
        403,
        403,
        403,
    )
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="Shadow admins").exists()


def test_a_superuser_may_change_a_role_group(admin_client):
    """The control for the test above: the same POST works for a superuser."""
    group = Group.objects.get(name=REPORTER)
    view_user = Permission.objects.get(codename="view_user")
    permissions = [*group.permissions.values_list("pk", flat=True), view_user.pk]

    response = admin_client.post(
        admin_url(Group, "change", group.pk),
        {"name": REPORTER, "permissions": permissions},
    )

    assert response.status_code == 302, describe(response)
    assert group.permissions.filter(pk=view_user.pk).exists()


# --- 4. Staff in no role; the workflow record -----------------------------------


@pytest.mark.parametrize(
    "model",
    [*FACTORIES, WorkflowEvent],
    ids=lambda m: m.__name__,
)
def test_staff_in_no_role_is_refused_every_content_list(client, model):
    log_in(client, None)
    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("model", CONTENT_FACTORIES, ids=lambda m: m.__name__)
def test_staff_in_no_role_cannot_preview_a_draft(client, model):
    log_in(client, None)
    item = make_item(model, DRAFT, staff(REPORTER), "Draft")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 404
    assert not shows(response, item)


@pytest.mark.parametrize("model", CONTENT_FACTORIES, ids=lambda m: m.__name__)
def test_staff_in_no_role_is_not_told_a_drafts_address(client, model):
    log_in(client, None)
    item = make_item(model, DRAFT, staff(REPORTER), "Draft")
    response = client.get(view_on_site_url(item))
    assert response.status_code in (403, 404), describe(response)
    assert item.slug not in response.get("Location", "")


@pytest.mark.parametrize(
    ("role", "status"),
    [(REPORTER, 403), (EDITOR, 200), (SITE_ADMINISTRATOR, 200)],
    ids=["reporter", "editor", "site-admin"],
)
def test_the_workflow_record_is_for_editors(client, role, status):
    log_in(client, role)
    assert client.get(admin_url(WorkflowEvent, "changelist")).status_code == status
