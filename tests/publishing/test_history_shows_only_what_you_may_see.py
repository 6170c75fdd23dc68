"""History → Compare names no related item its viewer may not see (checklist 41):
django-reversion-compare prints every forward and reverse link of the item, and
a reporter comparing two versions of their own item must not learn the titles
of an editor's scheduled news or a colleague's draft linked to it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech
from tests.factories import (
    add_form_data,
    admin_form_data,
    admin_url,
    make_event,
    publication_time,
    staff,
)

pytestmark = pytest.mark.django_db

HIDDEN_NEWS = "Embargoed summit outcome"
HIDDEN_SPEECH = "Draft remarks of a colleague"
LIVE_NEWS = "Published meeting report"


def browser(user):
    """A logged-in browser of its own: no message of one person's shows to another."""
    client = Client()
    client.force_login(user)
    return client


def add_as(user, model, **fields):
    """`user` adds an item of `model` through the admin (so it has a revision)."""
    response = browser(user).post(
        admin_url(model, "add"), add_form_data(model) | fields
    )
    assert response.status_code == 302, response.context["adminform"].errors
    return model.objects.get(slug=fields["slug"])


def save_as(user, obj, **changes):
    """`user` saves `obj`'s change form as it stands, with `changes`."""
    client = browser(user)
    url = admin_url(type(obj), "change", obj.pk)
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].errors


def compare_latest_two(user, obj):
    newest, previous = Version.objects.get_for_object(obj)[:2]
    return browser(user).get(
        admin_url(type(obj), "compare", obj.pk),
        {"version_id1": previous.pk, "version_id2": newest.pk},
    )


@pytest.fixture
def reporter():
    return staff("Reporter", "reporter")


@pytest.fixture
def colleague():
    return staff("Reporter", "colleague")


@pytest.fixture
def editor():
    return staff("Editor", "editor")


@pytest.fixture
def event_with_links(reporter, colleague, editor):
    """A reporter's event, published by an editor; then three items linked to
    it by others; then the editor's next save of the event: that version's
    reverse links list the three."""
    event = add_as(
        reporter,
        Event,
        title="Regional meeting",
        slug="regional-meeting",
        status="draft",
    )
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    save_as(editor, event, status=Status.PUBLISHED, **publication_time(an_hour_ago))
    add_as(
        editor,
        NewsItem,
        title=HIDDEN_NEWS,
        slug="embargoed-summit-outcome",
        event=event.pk,
        **publication_time(timezone.now() + datetime.timedelta(days=1)),
    )
    add_as(
        editor,
        NewsItem,
        title=LIVE_NEWS,
        slug="published-meeting-report",
        event=event.pk,
        **publication_time(an_hour_ago),
    )
    add_as(
        colleague,
        Speech,
        title=HIDDEN_SPEECH,
        slug="draft-remarks-of-a-colleague",
        status=Status.DRAFT,
        event=event.pk,
    )
    save_as(editor, event, title="Regional meeting, second day")
    return event


def test_a_reporter_comparing_their_event_sees_no_hidden_item_linked_to_it(
    reporter, event_with_links
):
    response = compare_latest_two(reporter, event_with_links)
    assert response.status_code == 200
    body = response.content.decode()
    assert "meeting<ins>, second day</ins>" in body  # the comparison itself is there
    assert HIDDEN_NEWS not in body
    assert HIDDEN_SPEECH not in body
    assert LIVE_NEWS in body  # a public item may be named


def test_an_editor_comparing_the_same_event_sees_every_linked_item(
    editor, event_with_links
):
    body = compare_latest_two(editor, event_with_links).content.decode()
    assert HIDDEN_NEWS in body
    assert HIDDEN_SPEECH in body
    assert LIVE_NEWS in body


def test_a_reporter_comparing_their_item_does_not_see_the_event_an_editor_linked(
    reporter, editor
):
    item = add_as(
        reporter,
        NewsItem,
        title="Story of a reporter",
        slug="story-of-a-reporter",
        status=Status.DRAFT,
        event="",
    )
    secret = make_event(
        title="Secret summit",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    save_as(editor, item, event=secret.pk)

    response = compare_latest_two(reporter, item)
    assert response.status_code == 200
    assert "Secret summit" not in response.content.decode()


def test_a_reporter_comparing_an_official_sees_no_hidden_speech_of_theirs(
    reporter, colleague, editor
):
    """Officials have a history too (reporters may read it): the comparison
    lists their speeches, a colleague's draft among them."""
    official = add_as(
        editor, Official, name_en="Sample Official", slug="sample-official"
    )
    add_as(
        colleague,
        Speech,
        title=HIDDEN_SPEECH,
        slug="draft-remarks-of-a-colleague",
        status=Status.DRAFT,
        speaker=official.pk,
    )
    save_as(editor, official, rank_en="Colonel-General")

    response = compare_latest_two(reporter, official)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Colonel-General</ins>" in body
    assert HIDDEN_SPEECH not in body


def test_a_public_item_is_named_by_its_public_title_not_a_draft_one(
    reporter, editor, event_with_links
):
    """The comparison names related rows by the title stored in a revision; a
    reporter sees a colleague's item only as published, so not by a title it had
    while it was a draft."""
    item = add_as(
        editor,
        NewsItem,
        title="Minister resigns, draft",
        slug="minister-resigns",
        status=Status.DRAFT,
        event=event_with_links.pk,
    )
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    save_as(
        editor,
        item,
        title="Minister steps down",
        status=Status.PUBLISHED,
        **publication_time(an_hour_ago),
    )
    save_as(editor, event_with_links, location="Minsk")

    body = compare_latest_two(reporter, event_with_links).content.decode()
    assert "Minister resigns, draft" not in body
    assert "Minister steps down" in body
