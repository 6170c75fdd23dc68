"""Editorial notes beside an item's form, and "Return to the author", which
needs one. Bad input is refused with a message, and nothing is saved half-way."""

import pytest
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.desk.models import NOTE_MAX_LENGTH, EditorialNote
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import (
    admin_url,
    change_data,
    editorial_factories,
    make_news,
    make_note,
    staff,
)

pytestmark = pytest.mark.django_db

KINDS = editorial_factories()
RETURN = {"_move": Status.DRAFT}
NOTE = "The second paragraph repeats the first; add the minister's quote."


@pytest.fixture
def rita(db):
    return staff(REPORTER, "rita.reporter")


@pytest.fixture
def eddie(db):
    return staff(EDITOR, "eddie.editor")


def in_review_by(author, build=make_news, **fields):
    return build(
        status=Status.IN_REVIEW, published_at=None, created_by=author, **fields
    )


def fresh(item):
    return type(item).objects.get(pk=item.pk)


def notes_of(item):
    return list(EditorialNote.objects.about(item).values_list("text", flat=True))


@pytest.mark.parametrize("model", KINDS, ids=lambda m: m.__name__)
def test_every_kind_returns_to_the_author_with_a_note(client, rita, eddie, model):
    item = in_review_by(rita, KINDS[model])
    client.force_login(eddie)
    page = client.get(admin_url(model, "change", item.pk))
    assert "Return to the author" in page.content.decode()
    assert 'id="editorial-notes"' in page.content.decode()

    response = client.post(
        admin_url(model, "change", item.pk),
        change_data(item, editorial_note=NOTE, **RETURN),
    )

    assert response.status_code == 302
    item = fresh(item)
    assert item.status == Status.DRAFT
    note = EditorialNote.objects.about(item).get()
    assert (note.text, note.author, note.author_name) == (NOTE, eddie, "eddie.editor")
    assert WorkflowEvent.objects.filter(
        action=WorkflowEvent.Action.RETURNED, object_id=str(item.pk)
    ).exists()


@pytest.mark.parametrize(
    "how", [RETURN, {"status": Status.DRAFT}], ids=["button", "status-field"]
)
@pytest.mark.parametrize("note", ["", "   \n "], ids=["empty", "blank"])
def test_returning_without_a_note_is_refused_and_nothing_is_saved(
    client, rita, eddie, how, note
):
    item = in_review_by(rita, title="Original title")
    client.force_login(eddie)
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, title="Edited title", editorial_note=note, **how),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Say why you return it" in errors["editorial_note"][0]
    assert "Say why you return it" in response.content.decode()
    item = fresh(item)
    assert (item.status, item.title) == (Status.IN_REVIEW, "Original title")
    assert notes_of(item) == []
    assert not WorkflowEvent.objects.exists()


def test_the_author_withdrawing_their_own_submission_also_says_why(client, rita):
    item = in_review_by(rita)
    client.force_login(rita)
    url = admin_url(NewsItem, "change", item.pk)
    refused = client.post(url, change_data(item, **RETURN))
    assert refused.status_code == 200
    assert fresh(item).status == Status.IN_REVIEW

    withdrawal = change_data(item, editorial_note="Adding a quote.", **RETURN)
    done = client.post(url, withdrawal)
    assert done.status_code == 302
    assert fresh(item).status == Status.DRAFT


def test_a_note_over_2000_characters_is_refused_and_nothing_is_saved(
    client, rita, eddie
):
    item = in_review_by(rita, title="Original title")
    client.force_login(eddie)
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(
            item, title="Edited", editorial_note="x" * (NOTE_MAX_LENGTH + 1), **RETURN
        ),
    )

    assert response.status_code == 200
    assert "at most 2000 characters (this one has 2001)" in response.content.decode()
    item = fresh(item)
    assert (item.status, item.title) == (Status.IN_REVIEW, "Original title")
    assert notes_of(item) == []


def test_a_note_of_exactly_2000_characters_is_kept(client, rita, eddie):
    item = in_review_by(rita)
    client.force_login(eddie)
    text = "y" * NOTE_MAX_LENGTH
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, editorial_note=text, _continue="1"),
    )
    assert response.status_code == 302
    assert notes_of(item) == [text]


def test_a_note_goes_with_an_ordinary_save_and_the_thread_is_shown(client, rita, eddie):
    item = in_review_by(rita)
    make_note(item, eddie, "First: check the date.")
    client.force_login(rita)
    url = admin_url(NewsItem, "change", item.pk)
    note = "Date checked <b>twice</b>."
    response = client.post(url, change_data(item, editorial_note=note, _continue="1"))
    assert response.status_code == 302

    page = client.get(url).content.decode()
    thread = page.split('id="editorial-notes"')[1]
    assert thread.index("First: check the date.") < thread.index("Date checked")
    assert "Date checked &lt;b&gt;twice&lt;/b&gt;." in thread  # text, never markup
    assert "rita.reporter" in thread and "eddie.editor" in thread
    assert 'form="newsitem_form"' in thread


@pytest.mark.parametrize("role", [REPORTER, EDITOR, SITE_ADMINISTRATOR])
def test_a_note_on_an_item_its_user_may_not_change_is_refused(client, role):
    """A colleague's item (a reporter may not see it) and one's own published
    item (a reporter may see but not change it): no note, no change."""
    user = staff(role)
    colleague = staff(REPORTER)
    theirs = make_news(status=Status.DRAFT, published_at=None, created_by=colleague)
    own_published = make_news(created_by=user)
    client.force_login(user)
    may_change_everything = role != REPORTER
    for item in (theirs, own_published):
        response = client.post(
            admin_url(NewsItem, "change", item.pk),
            change_data(item, editorial_note="Sneaky note", _continue="1"),
        )
        if may_change_everything:
            assert response.status_code == 302
        else:
            assert response.status_code in (302, 403)
            assert notes_of(item) == []
            assert fresh(item).edit_version == item.edit_version
    if not may_change_everything:
        # The published item's page shows the thread but offers no box.
        page = client.get(admin_url(NewsItem, "change", own_published.pk))
        assert 'id="editorial-notes"' in page.content.decode()
        assert 'name="editorial_note"' not in page.content.decode()


def test_a_reporter_sees_the_thread_of_their_own_item_but_not_of_others(client):
    rita, ralf, eddie = staff(REPORTER), staff(REPORTER), staff(EDITOR)
    own = in_review_by(rita)
    theirs = in_review_by(ralf)
    make_note(own, eddie, "For Rita's eyes.")
    make_note(theirs, eddie, "For Ralf's eyes only.")
    client.force_login(rita)
    own_page = client.get(admin_url(NewsItem, "change", own.pk))
    assert "For Rita" in own_page.content.decode()
    refused = client.get(admin_url(NewsItem, "change", theirs.pk))
    assert "Ralf&#x27;s eyes" not in refused.content.decode()
    assert "Ralf's eyes" not in refused.content.decode()


def test_bulk_return_is_refused_for_items_in_review(client, rita, eddie):
    """The list's "return to draft" action cannot carry a note: an item in review
    goes back to its author from its own page."""
    item = in_review_by(rita)
    client.force_login(eddie)
    response = client.post(
        admin_url(NewsItem, "changelist"),
        {"action": "unpublish", "_selected_action": [item.pk]},
        follow=True,
    )
    assert "Return an item to its author from its own page" in response.content.decode()
    assert fresh(item).status == Status.IN_REVIEW
    assert not WorkflowEvent.objects.exists()


def test_notes_are_never_public(client, rita, eddie):
    item = make_news(title="Live item", created_by=rita)
    make_note(item, eddie, "Zanzibarquux internal remark")
    pages = [
        item.get_absolute_url(),
        "/news/",
        "/",
        "/feeds/news/",
        "/feeds/news/atom/",
        "/sitemap.xml",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else (response.content)
        )
        assert b"Zanzibarquux" not in body, path
    results = client.get(reverse("site:search"), {"q": "Zanzibarquux"})
    assert results.status_code == 200
    assert "Zanzibarquux internal" not in results.content.decode()
    assert "Live item" not in results.content.decode()
