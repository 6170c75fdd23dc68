"""The desk in a real browser at 1280 px: a reporter submits, the editor finds
it on the desk and returns it with a note, the reporter finds the note on the
desk and beside the form. Screenshots of each role's desk land in
var/screenshots/."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from newsroom.accounts.roles import SITE_ADMINISTRATOR
from newsroom.desk.models import EditorialNote
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import make_event, make_news, make_section, make_speech

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e

TITLE = "Secretary General meets the defence ministers of the member states"
NOTE = (
    "The second paragraph repeats the first. Please add the Secretary "
    "General's quote from the press conference."
)


@pytest.fixture
def sasha(staff_member):
    return staff_member("sasha.admin", SITE_ADMINISTRATOR)


@pytest.fixture
def newsroom_day(transactional_db, rita, eddie):
    """Something in each queue, across kinds, with long titles as staff write them."""
    now = timezone.now()
    section = make_section(name="CSTO News", slug="csto-news")
    make_news(
        title="Joint staff exercise “Interaction-2024” ends in Belarus",
        section=section,
        created_by=eddie,
        published_at=now + datetime.timedelta(days=2),
    )
    make_speech(
        title="Address at the session of the Council of Foreign Ministers",
        created_by=eddie,
        published_at=now - datetime.timedelta(days=1),
    )
    make_event(
        title="Training course for press officers",
        created_by=rita,
        published_at=now - datetime.timedelta(hours=5),
    )
    make_news(
        title="Draft: preparations for the summit",
        status=Status.DRAFT,
        published_at=None,
        section=section,
        created_by=rita,
    )
    return make_news(
        title=TITLE,
        status=Status.DRAFT,
        published_at=None,
        section=section,
        created_by=rita,
    )


def queue(tab, name):
    return tab.locator(f"#desk-{name}")


def test_a_return_with_a_note_reaches_the_author_on_the_desk(
    page, log_in, screenshot_dir, rita, eddie, sasha, newsroom_day
):
    item = newsroom_day
    change_url = f"/admin/news/newsitem/{item.pk}/change/"

    # 1. The reporter submits her draft from its page.
    reporter = page(1280)
    log_in(reporter, rita)
    expect(queue(reporter, "drafts")).to_contain_text(TITLE)
    reporter.goto(change_url)
    reporter.get_by_role("button", name="Save and submit for review").first.click()
    expect(reporter.locator(".messagelist .success")).to_be_visible()

    # 2. The editor finds it on the desk, oldest submission first.
    editor = page(1280)
    log_in(editor, eddie)
    review = queue(editor, "review")
    expect(review.locator(".desk-count")).to_have_text("1")
    expect(review).to_contain_text("submitted by rita.reporter")
    expect(queue(editor, "scheduled")).to_contain_text("Interaction-2024")
    expect(queue(editor, "published")).to_contain_text("Training course")
    # Rita's other draft is hers: not on the editor's desk.
    expect(editor.locator("body")).not_to_contain_text("preparations for the summit")
    # Django's list of everything is still there, below.
    expect(editor.get_by_text("Everything in the back office")).to_be_visible()
    editor.screenshot(path=screenshot_dir / "desk-editor.png", full_page=True)

    review.get_by_role("link", name=TITLE).click()
    expect(editor).to_have_url(re.compile(re.escape(change_url) + "$"))
    notes = editor.locator("#editorial-notes")
    expect(notes).to_be_visible()

    # Returning without a note is refused on the form; nothing is saved.
    editor.get_by_role("button", name="Return to the author").first.click()
    expect(notes.locator(".errorlist")).to_contain_text("Say why you return it")
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    editor.screenshot(path=screenshot_dir / "desk-return-refused.png")

    notes.get_by_label("New note").fill(NOTE)
    editor.get_by_role("button", name="Return to the author").first.click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert EditorialNote.objects.about(item).get().text == NOTE
    # The author was told by mail, with the note.
    assert [m.to for m in mail.outbox if "Returned to you" in m.subject] == [
        ["rita.reporter@example.org"]
    ]

    # 3. The reporter finds it returned, with the note, on her desk...
    reporter.goto("/admin/")
    drafts = queue(reporter, "drafts")
    returned = drafts.locator(".desk-returned")
    expect(returned).to_contain_text(TITLE)
    expect(returned).to_contain_text("Returned by eddie.editor")
    expect(returned.locator(".desk-note")).to_contain_text("repeats the first")
    reporter.screenshot(path=screenshot_dir / "desk-reporter.png", full_page=True)

    # ... and beside the form.
    returned.get_by_role("link", name=TITLE).click()
    thread = reporter.locator("#editorial-notes .note")
    expect(thread).to_have_count(1)
    expect(thread).to_contain_text("eddie.editor")
    expect(thread).to_contain_text(NOTE)
    reporter.screenshot(path=screenshot_dir / "desk-reporter-note-beside-form.png")

    # Her own page of e-mails, from the user links.
    reporter.get_by_role("link", name="My notifications").click()
    reporter.get_by_label("My item is published or scheduled").uncheck()
    reporter.get_by_role("button", name="Save").click()
    expect(reporter.locator(".messagelist .success")).to_be_visible()
    expect(
        reporter.get_by_label("My item is published or scheduled")
    ).not_to_be_checked()
    reporter.screenshot(path=screenshot_dir / "desk-my-notifications.png")

    # The site administrator's desk: everything, like an editor's.
    admin = page(1280)
    log_in(admin, sasha)
    expect(queue(admin, "scheduled")).to_contain_text("Interaction-2024")
    admin.screenshot(
        path=screenshot_dir / "desk-site-administrator.png", full_page=True
    )
    assert NewsItem.objects.filter(status=Status.IN_REVIEW).count() == 0
