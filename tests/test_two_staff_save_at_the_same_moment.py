"""Two saves at the same moment (checklist 39, 45): on the embedded SQLite and
on PostgreSQL, both succeed or one gets the form's message, never a 500
("database is locked", an IntegrityError).

Each case sends two POSTs from two threads, each with its own connection, to a
database both really share (a file, for SQLite: see config/settings/test.py);
both requests are held between their form's checks and their write until the
other one arrives there too, or until a short wait shows the other is queued
behind it. That is the moment a double-clicked Save, or two staff members,
meet."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from newsroom.news.admin import NewsItemAdmin
from newsroom.news.models import NewsItem
from tests.factories import add_form_data, admin_url, change_data, make_news, staff

pytestmark = pytest.mark.django_db(transaction=True)

# Long enough for both threads to reach the meeting point (so the two saves
# really overlap), short beside SQLite's busy timeout (so a save queued behind
# the held one waits for it rather than fails).
MEETING_WAIT = 1.5
# Waiting is done with time.sleep(): a timed wait on a lock (Barrier, Event,
# join with a timeout) never ends under faketime, which `make test-clock` uses.
TICK = 0.01


def sqlite_only():
    return pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's own settings"
    )


class Meeting:
    """Two requests wait here for each other, at most MEETING_WAIT seconds: the
    one that does not come is queued behind the other's transaction."""

    def __init__(self):
        self.arrived = 0
        self.lock = threading.Lock()

    def wait(self):
        with self.lock:
            self.arrived += 1
        for _ in range(int(MEETING_WAIT / TICK)):
            if self.arrived >= 2:
                return
            time.sleep(TICK)


@pytest.fixture
def meet_before_writing(monkeypatch):
    """Holds each admin save after the form's checks until the other arrives."""
    meeting = Meeting()
    save_model = NewsItemAdmin.save_model

    def held(self, request, obj, form, change):
        meeting.wait()
        return save_model(self, request, obj, form, change)

    monkeypatch.setattr(NewsItemAdmin, "save_model", held)


def at_the_same_moment(*requests):
    """Run each `(client, url, data)` POST in its own thread; the responses."""
    responses = [None] * len(requests)
    errors = []

    def post(n, client, url, data):
        try:
            responses[n] = client.post(url, data)
        except Exception as exc:  # a 500 re-raised by the test client
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(n, *request), daemon=True)
        for n, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for _ in range(int(60 / TICK)):
        if not any(thread.is_alive() for thread in threads):
            break
        time.sleep(TICK)
    assert not any(thread.is_alive() for thread in threads), "a save never ended"
    assert not errors, errors
    return responses


def browser(user):
    client = Client()
    client.force_login(user)
    return client


@sqlite_only()
def test_sqlite_waits_for_a_writer_instead_of_failing():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10 * MEETING_WAIT
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000 * MEETING_WAIT


def test_two_editors_saving_different_items_both_succeed(meet_before_writing):
    anna, boris = staff("Editor", "anna"), staff("Editor", "boris")
    first, second = make_news(title="First item"), make_news(title="Second item")
    responses = at_the_same_moment(
        (browser(anna), admin_url(NewsItem, "change", first.pk),
         change_data(first, title="First, by Anna")),
        (browser(boris), admin_url(NewsItem, "change", second.pk),
         change_data(second, title="Second, by Boris")),
    )  # fmt: skip
    assert [r.status_code for r in responses] == [302, 302]
    assert NewsItem.objects.get(pk=first.pk).title == "First, by Anna"
    assert NewsItem.objects.get(pk=second.pk).title == "Second, by Boris"


def test_two_editors_saving_the_same_item_one_gets_the_conflict_message(
    meet_before_writing,
):
    anna, boris = staff("Editor", "anna"), staff("Editor", "boris")
    item = make_news(title="Original title")
    opened = change_data(item)  # both opened the form before either saved
    url = admin_url(NewsItem, "change", item.pk)
    responses = at_the_same_moment(
        (browser(anna), url, opened | {"title": "Title by Anna"}),
        (browser(boris), url, opened | {"title": "Title by Boris"}),
    )
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "saved this item at" in refused.content.decode()
    saved = next(r for r in responses if r.status_code == 302)
    winner = "Anna" if saved is responses[0] else "Boris"
    assert NewsItem.objects.get(pk=item.pk).title == f"Title by {winner}"


def test_a_double_clicked_save_creates_one_item_and_the_second_gets_the_slug_message(
    meet_before_writing,
):
    editor = staff("Editor", "editor")
    data = add_form_data(NewsItem) | {"title": "Summit opens", "slug": "summit-opens"}
    client = browser(editor)
    url = admin_url(NewsItem, "add")
    responses = at_the_same_moment((client, url, data), (client, url, data))
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert refused.context["adminform"].form.errors["slug"] == [
        "News item with this Slug already exists."
    ]
    assert NewsItem.objects.filter(slug="summit-opens").count() == 1


def test_two_reporters_choosing_the_same_new_slug_both_save(meet_before_writing):
    """Neither may see the other's draft: the second gets a free address of its
    own, with no message that tells the other draft exists (see also
    tests/publishing/test_slug_messages_reveal_no_hidden_item.py)."""
    anna, boris = staff("Reporter", "anna"), staff("Reporter", "boris")
    data = add_form_data(NewsItem) | {
        "title": "Summit opens",
        "slug": "summit-opens",
        "status": "draft",
    }
    url = admin_url(NewsItem, "add")
    responses = at_the_same_moment(
        (browser(anna), url, data), (browser(boris), url, data)
    )
    assert [r.status_code for r in responses] == [302, 302]
    slugs = sorted(NewsItem.objects.values_list("slug", flat=True))
    assert slugs == ["summit-opens", "summit-opens-2"]
