"""Nothing typed or chosen is lost, in a real browser at 1280 px: a reporter's
text is autosaved, a photo chosen survives a form error, an autosave is offered
back, the text of a Save after the session ended comes back after logging in,
and two browsers on one item see each other (shortened intervals)."""

import re
import time

import pytest
from django.contrib.sessions.models import Session

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Autosave, Status
from tests.e2e.conftest import STAFF_PASSWORD
from tests.factories import camera_photo, make_news, make_section

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e

WIDTH = 1280


@pytest.fixture(autouse=True)
def short_intervals(settings):
    settings.NEWSROOM_AUTOSAVE_SECONDS = 1
    settings.NEWSROOM_PRESENCE_HEARTBEAT_SECONDS = 1


@pytest.fixture
def reporter(staff_member):
    return staff_member("rita.reporter", REPORTER)


@pytest.fixture
def section(transactional_db):
    return make_section(name="Border Cooperation", slug="border-cooperation")


def type_in_body(tab, text):
    frame = tab.frame_locator("#cke_id_body .cke_wysiwyg_frame").locator("body")
    expect(frame).to_have_attribute("contenteditable", "true")
    frame.click()
    tab.keyboard.type(text)


def save(tab):
    tab.locator("input[name=_save]").first.click()


def wait_for_autosave(user, text, seconds=15):
    """The user's autosave once it holds `text` in the body (polled: the
    browser autosaves on its own clock)."""
    deadline = time.monotonic() + seconds
    while True:
        autosave = Autosave.objects.filter(user=user).first()
        if autosave and text in autosave.data.get("body", [""])[0]:
            return autosave
        assert time.monotonic() < deadline, f"no autosave with {text!r}"
        time.sleep(0.2)  # polling the browser's next autosave


def test_a_reporter_writes_autosaves_keeps_a_photo_across_an_error_and_saves(
    page, log_in, screenshot_dir, reporter, section, media_root
):
    tab = page(WIDTH)
    log_in(tab, reporter)
    tab.goto("/admin/news/newsitem/add/")
    tab.get_by_label("Title:").fill("Border talks resume")
    tab.get_by_label("Section:").select_option(label=section.name)
    type_in_body(tab, "Delegations met in the morning.")

    status = tab.locator(".autosave-status")
    autosaved = re.compile(r"Autosaved at \d\d\.\d\d\.\d{4} \d\d:\d\d")
    expect(status).to_contain_text(autosaved)
    # The first autosave may have caught the body half-typed: the next ones
    # (every second here) hold all of it.
    autosave = wait_for_autosave(reporter, "Delegations met in the morning.")
    assert autosave.data["title"] == ["Border talks resume"]

    # A photo chosen, and the summary forgotten: a form error.
    tab.locator("#id_lead_image").set_input_files(
        {"name": "DSC_0042.JPG", "mimeType": "image/jpeg", "buffer": camera_photo()}
    )
    tab.get_by_label("Alt text:").fill("Delegates around a table")
    save(tab)
    expect(tab.locator(".errornote")).to_be_visible()
    pending = tab.locator(".pending-upload")
    expect(pending).to_contain_text("will be attached on save")
    expect(pending.locator("img")).to_be_visible()
    assert pending.locator("img").evaluate("img => img.naturalWidth") > 0
    pending.scroll_into_view_if_needed()
    tab.screenshot(path=screenshot_dir / "nothing-lost-photo-kept-1280.png")

    tab.get_by_label("Summary:").fill("Talks on the border resume.")
    save(tab)
    expect(tab.locator(".messagelist")).to_contain_text("was added successfully")
    item = NewsItem.objects.get()
    assert item.lead_image.name.startswith("images/")
    assert item.lead_image_alt == "Delegates around a table"
    assert item.status == Status.DRAFT
    assert not Autosave.objects.exists()  # saved: the autosave is gone
    assert not list((media_root / "pending").glob("*"))


def test_an_autosave_is_offered_back_and_restored(
    page, log_in, screenshot_dir, reporter, transactional_db
):
    item = make_news(title="Saved title", status=Status.DRAFT, created_by=reporter)
    tab = page(WIDTH)
    log_in(tab, reporter)
    tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    tab.get_by_label("Title:").fill("Typed, then the tab was closed")
    expect(tab.locator(".autosave-status")).to_contain_text("Autosaved at")

    tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    offer = tab.locator(".autosave-offer")
    expect(offer).to_contain_text("is newer than the saved version")
    tab.screenshot(path=screenshot_dir / "nothing-lost-autosave-offer-1280.png")
    expect(tab.get_by_label("Title:")).to_have_value("Saved title")
    offer.get_by_role("button", name="Restore").click()
    expect(tab.get_by_label("Title:")).to_have_value("Typed, then the tab was closed")
    save(tab)
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    item.refresh_from_db()
    assert item.title == "Typed, then the tab was closed"


def test_a_save_after_the_session_ended_keeps_the_text(
    page, log_in, screenshot_dir, reporter, transactional_db
):
    item = make_news(title="Saved title", status=Status.DRAFT, created_by=reporter)
    tab = page(WIDTH)
    log_in(tab, reporter)
    tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    typed = "Written while the session ran out"
    tab.get_by_label("Title:").fill(typed)
    Session.objects.all().delete()  # expired on the server
    save(tab)

    expect(tab).to_have_url(re.compile(r"/admin/login/\?next="))
    expect(tab.locator(".messagelist")).to_contain_text("Your session had ended")
    tab.screenshot(path=screenshot_dir / "nothing-lost-session-ended-1280.png")
    item.refresh_from_db()
    assert item.title == "Saved title"

    tab.get_by_label("Username").fill(reporter.username)
    tab.get_by_label("Password").fill(STAFF_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).to_have_url(re.compile(rf"/admin/news/newsitem/{item.pk}/change/$"))
    expect(tab.get_by_label("Title:")).to_have_value(typed)
    expect(tab.locator(".kept-text-notice")).to_contain_text("is back in the form")
    tab.screenshot(path=screenshot_dir / "nothing-lost-text-back-1280.png")
    save(tab)
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    item.refresh_from_db()
    assert item.title == typed


def test_two_browsers_on_one_item_see_each_other(
    page, log_in, screenshot_dir, staff_member, transactional_db
):
    first = staff_member("editor1", EDITOR)
    second = staff_member("editor2", EDITOR)
    item = make_news(title="Summit in Minsk", status=Status.DRAFT)
    url = f"/admin/news/newsitem/{item.pk}/change/"

    tab1, tab2 = page(WIDTH), page(WIDTH)
    log_in(tab1, first)
    tab1.goto(url)
    log_in(tab2, second)
    tab2.goto(url)

    since = re.compile(r"has been editing this since \d\d\.\d\d\.\d{4} \d\d:\d\d")
    expect(tab2.locator(".presence-notice")).to_contain_text("editor1 ")
    expect(tab2.locator(".presence-notice")).to_contain_text(since)
    expect(tab1.locator(".presence-notice")).to_contain_text("editor2 ")
    expect(tab1.locator(".presence-notice")).to_contain_text(since)
    tab1.screenshot(path=screenshot_dir / "nothing-lost-presence-1280.png")

    tab2.close()  # the heartbeats stop; presence goes after the timeout
