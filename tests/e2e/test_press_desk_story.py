"""Issue 11's story, end to end in Chromium at 1280 px, in real browser contexts:
a reporter writes a news item, it is autosaved, a form error keeps the chosen
photo, she submits; the editor finds it on the desk and returns it with a note;
she finds the note, fixes the text and resubmits; the editor schedules it a few
minutes ahead and it goes live at its time (the clock the app sees is moved,
not waited for); History shows one readable change per real edit; the mail
sent is asserted at each step. Screenshots land in var/screenshots/story-*.png.
"""

import datetime
import re
import time

import pytest
from django.core import mail
from django.utils import timezone

from newsroom.accounts.roles import EDITOR
from newsroom.desk.models import EditorialNote
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Autosave, Status
from tests.factories import admin_time, camera_photo, make_section

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e

WIDTH = 1280
TITLE = "Border talks resume in Minsk"
FIRST_TEXT = "Delegations met in the morning."
FIX = " They agreed on joint patrols"
NOTE = "Say what was agreed, please: the lead promises an agreement."


class MovingClock:
    """timezone.now() for the app and the test, real time plus an offset the
    test can move forward. The live server is a thread of this process, so the
    patched function is the one its views call."""

    def __init__(self, real_now):
        self.real_now = real_now
        self.offset = datetime.timedelta(0)

    def __call__(self):
        return self.real_now() + self.offset


@pytest.fixture
def clock(monkeypatch):
    clock = MovingClock(timezone.now)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture(autouse=True)
def short_autosave(settings):
    settings.NEWSROOM_AUTOSAVE_SECONDS = 1


@pytest.fixture
def erik(staff_member):
    """A second editor: told of submissions, never of what eddie does."""
    return staff_member("erik.editor", EDITOR)


@pytest.fixture
def section(transactional_db):
    return make_section(name="Border Cooperation", slug="border-cooperation")


def body_editor(tab):
    frame = tab.frame_locator("#cke_id_body .cke_wysiwyg_frame").locator("body")
    expect(frame).to_have_attribute("contenteditable", "true")
    return frame


def wait_for_autosave(tab, user, text, timeout=15):
    """The user's autosave once it holds `text` in the body (autosaves run
    every second here; on a loaded machine a few may pass)."""
    deadline = time.monotonic() + timeout
    while True:
        autosave = Autosave.objects.filter(user=user).first()
        if autosave is not None and text in autosave.data["body"][0]:
            return autosave
        assert time.monotonic() < deadline, autosave and autosave.data["body"]
        tab.wait_for_timeout(250)


def submit_for_review(tab):
    tab.get_by_role("button", name="Save and submit for review").first.click()


def mail_sent():
    """(what, to) of each message so far, one message per person:
    ("Awaiting review", "eddie.editor@example.org")."""
    sent = []
    for message in mail.outbox:
        subject = message.subject.split("] ", 1)[1]
        what, title = subject.split(": ", 1)
        assert title == TITLE, message.subject
        (to,) = message.to
        sent.append((what, to))
    return sent


def queue(tab, name):
    return tab.locator(f"#desk-{name}")


def history_rows(tab, item):
    tab.goto(f"/admin/news/newsitem/{item.pk}/history/")
    return tab.locator("#change-history td.change-message").all_inner_texts()


def test_a_news_item_from_the_reporter_through_the_desk_to_its_scheduled_time(
    page, log_in, screenshot_dir, clock, rita, eddie, erik, section, media_root
):
    submitted = [("Awaiting review", eddie.email), ("Awaiting review", erik.email)]

    # 1. The reporter writes; the draft is autosaved without being saved.
    reporter = page(WIDTH)
    log_in(reporter, rita)
    reporter.goto("/admin/news/newsitem/add/")
    reporter.get_by_label("Title:").fill(TITLE)
    reporter.get_by_label("Section:").select_option(label=section.name)
    body_editor(reporter).click()
    reporter.keyboard.type(FIRST_TEXT)
    expect(reporter.locator(".autosave-status")).to_contain_text(
        re.compile(r"Autosaved at \d\d\.\d\d\.\d{4} \d\d:\d\d")
    )
    # The first autosave may have caught the typing half-way; the next has it all.
    autosave = wait_for_autosave(reporter, rita, FIRST_TEXT)
    assert autosave.data["title"] == [TITLE]
    assert not NewsItem.objects.exists()

    # A photo chosen and the summary forgotten: the form error keeps the photo.
    reporter.locator("#id_lead_image").set_input_files(
        {"name": "DSC_0042.JPG", "mimeType": "image/jpeg", "buffer": camera_photo()}
    )
    reporter.get_by_label("Alt text:").fill("Delegates around a table")
    submit_for_review(reporter)
    expect(reporter.locator(".errornote")).to_be_visible()
    pending = reporter.locator(".pending-upload")
    expect(pending).to_contain_text("will be attached on save")
    expect(pending.locator("img")).to_be_visible()
    assert pending.locator("img").evaluate("img => img.naturalWidth") > 0
    assert not NewsItem.objects.exists()
    assert mail.outbox == []
    pending.scroll_into_view_if_needed()
    reporter.screenshot(path=screenshot_dir / "story-1-photo-kept.png")

    reporter.get_by_label("Summary:").fill("Talks on the border resume.")
    submit_for_review(reporter)
    expect(reporter.locator(".messagelist .success")).to_contain_text(TITLE)
    item = NewsItem.objects.get()
    assert item.status == Status.IN_REVIEW
    assert item.created_by == rita
    assert item.lead_image.name.startswith("images/")
    assert item.lead_image_alt == "Delegates around a table"
    assert not Autosave.objects.exists()
    assert not list((media_root / "pending").glob("*"))
    # The editors are told; the reporter is not told of her own submission.
    assert sorted(mail_sent()) == submitted

    # 2. The editor finds it on the desk and returns it with a note.
    editor = page(WIDTH)
    log_in(editor, eddie)
    review = queue(editor, "review")
    expect(review.locator(".desk-count")).to_have_text("1")
    expect(review).to_contain_text(TITLE)
    expect(review).to_contain_text("submitted by rita.reporter")
    editor.screenshot(path=screenshot_dir / "story-2-editor-desk.png", full_page=True)
    review.get_by_role("link", name=TITLE).click()
    change_url = f"/admin/news/newsitem/{item.pk}/change/"
    expect(editor).to_have_url(re.compile(re.escape(change_url) + "$"))
    notes = editor.locator("#editorial-notes")
    notes.get_by_label("New note").fill(NOTE)
    editor.get_by_role("button", name="Return to the author").first.click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert EditorialNote.objects.about(item).get().text == NOTE
    assert mail_sent()[2:] == [("Returned to you", rita.email)]
    assert "Say what was agreed" in mail.outbox[-1].body

    # 3. The reporter finds the note on her desk and beside the form, fixes the
    # text and resubmits.
    reporter.goto("/admin/")
    returned = queue(reporter, "drafts").locator(".desk-returned")
    expect(returned).to_contain_text(TITLE)
    expect(returned).to_contain_text("Returned by eddie.editor")
    expect(returned.locator(".desk-note")).to_contain_text("Say what was agreed")
    reporter.screenshot(
        path=screenshot_dir / "story-3-reporter-desk.png", full_page=True
    )
    returned.get_by_role("link", name=TITLE).click()
    thread = reporter.locator("#editorial-notes .note")
    expect(thread).to_have_count(1)
    expect(thread).to_contain_text("eddie.editor")
    expect(thread).to_contain_text(NOTE)
    paragraph = body_editor(reporter).locator("p", has_text="Delegations met").first
    paragraph.click()
    reporter.keyboard.press("End")
    reporter.keyboard.press("Backspace")  # the full stop goes: "morning. They ..."
    reporter.keyboard.type("." + FIX + ".")
    reporter.screenshot(path=screenshot_dir / "story-4-reporter-fixes.png")
    submit_for_review(reporter)
    expect(reporter.locator(".messagelist .success")).to_contain_text(TITLE)
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert "They agreed on joint patrols." in item.body
    assert sorted(mail_sent()[3:]) == submitted

    # 4. The editor opens it, saves without an edit (nothing is written), then
    # schedules it five minutes ahead, in Moscow time.
    editor.goto(change_url)
    body_editor(editor)  # CKEditor has loaded and re-serialised the body
    rows_before = history_rows(editor, item)
    editor.goto(change_url)
    body_editor(editor)
    editor.locator('input[name="_save"]').first.click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "Nothing was changed, so nothing was saved."
    )
    assert history_rows(editor, item) == rows_before

    editor.goto(change_url)
    go_live = (clock() + datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    go_live += datetime.timedelta(minutes=1)  # typed to the minute: round up
    row = editor.locator(".workflow-row").first
    row.get_by_role("button", name="Schedule…").click()
    panel = row.locator(".schedule-panel")
    expect(panel).to_be_visible()
    panel.locator(".schedule-time").fill(admin_time(go_live))
    editor.screenshot(path=screenshot_dir / "story-5-editor-schedules.png")
    panel.get_by_role("button", name="Schedule", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text(
        f"Scheduled: it goes live at {admin_time(go_live)} (Moscow time)"
    )
    item.refresh_from_db()
    assert item.is_scheduled
    assert item.published_at == go_live
    assert mail_sent()[5:] == [("Scheduled", rita.email)]

    # Before its time a visitor finds it nowhere (and the listing gets cached).
    visitor = page(WIDTH)
    visitor.goto("/news/")
    expect(visitor.locator("main")).not_to_contain_text(TITLE)
    assert visitor.goto(item.get_absolute_url()).status == 404

    # Its time comes (the clock moves; nobody touches the item): the listing
    # and its page show it at once, whatever was cached before.
    clock.offset += go_live - clock() + datetime.timedelta(seconds=1)
    visitor.goto("/news/")
    headline = visitor.locator("main").get_by_role("link", name=TITLE).first
    expect(headline).to_be_visible()
    headline.click()
    expect(visitor).to_have_url(re.compile(re.escape(item.get_absolute_url()) + "$"))
    expect(visitor.locator("main")).to_contain_text("They agreed on joint patrols.")
    visitor.screenshot(path=screenshot_dir / "story-6-visitor-reads.png")

    # 5. History: one readable change per real edit.
    rows = history_rows(editor, item)
    editor.screenshot(path=screenshot_dir / "story-7-history.png", full_page=True)
    assert rows == [
        "Changed status and publication time.",  # eddie schedules
        "Changed body and status.",  # rita's fix, resubmitted
        "Changed status and new note.",  # eddie returns it
        "Added.",  # rita submits (the autosave and the form error wrote nothing)
    ]

    # Rita's fix against the version eddie returned: her words, as read.
    versions = editor.locator("#change-history tbody tr")
    versions.nth(2).locator("input[name=version_id1]").check()
    versions.nth(1).locator("input[name=version_id2]").check()
    editor.get_by_role("button", name="Compare").click()
    expect(editor.locator("h1")).to_have_text(f"Changes to “{TITLE}”")
    body_change = editor.locator(".field-change").filter(
        has=editor.locator("h2", has_text=re.compile("^Body$"))
    )
    expect(body_change.locator("ins")).to_have_text(
        [re.compile(r"^\s*They agreed on joint patrols\.?\s*$")]
    )
    expect(body_change.locator("del")).to_have_count(0)
    content = editor.locator("#content-main").inner_text()
    for source in ("&nbsp;", "<p>", "reversion control"):
        assert source not in content
    editor.screenshot(path=screenshot_dir / "story-8-comparison.png", full_page=True)
