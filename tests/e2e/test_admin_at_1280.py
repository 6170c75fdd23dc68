"""The back office at 1280 px, in Chromium: the news list fits (titles wrap to
a few lines, no column cut off, thumbnails of lead photos), times read
dd.mm.yyyy HH:MM in Moscow time, and an editor schedules with the Schedule
button (a past time refused, a future one kept)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status, WorkflowEvent
from tests.factories import admin_time, image_bytes, make_news, make_section

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e

# Titles as long as the organisation's own (the seed page's are 90-140 characters).
LONG_TITLES = [
    "On the sidelines of the session of the CSTO Parliamentary Assembly in "
    "St Petersburg, the Secretary General met the heads of delegations",
    "The CSTO Secretary General took part in the international conference "
    "on Eurasian security held in Minsk",
    "Consultations of the working group on Afghanistan at the Committee of "
    "Secretaries of Security Councils",
    "Joint staff exercise of the Collective Rapid Reaction Forces "
    "“Interaction-2024” began in the Republic of Belarus",
]


@pytest.fixture
def editor(staff_member):
    return staff_member("eddie.editor", EDITOR)


@pytest.fixture
def news_with_photos(transactional_db):
    section = make_section(name="Parliamentary Assembly", slug="pa")
    photo = image_bytes("JPEG", size=(1200, 800))
    items = []
    for n in range(12):
        items.append(
            make_news(
                title=f"{LONG_TITLES[n % len(LONG_TITLES)]} ({n})",
                section=section,
                lead_image=SimpleUploadedFile(f"photo{n}.jpg", photo),
                lead_image_alt="Delegations at the table",
            )
        )
    return items


def test_the_news_list_fits_1280_px(
    page, log_in, editor, news_with_photos, screenshot_dir
):
    tab = page(1280)
    log_in(tab, editor)
    tab.goto("/admin/news/newsitem/")
    expect(tab.locator("#result_list")).to_be_visible()
    tab.screenshot(path=screenshot_dir / "admin-1280-news-list.png", full_page=True)

    # No column is cut: the table is no wider than the box that holds it.
    overflow = tab.evaluate(
        """() => {
          const box = document.querySelector('#changelist .results');
          return box.scrollWidth - box.clientWidth;
        }"""
    )
    assert overflow <= 1, f"the list scrolls sideways by {overflow} px"
    for header in tab.locator("#result_list thead th").all():
        if not header.is_visible():
            continue
        box = header.bounding_box()
        assert box["x"] + box["width"] <= 1280, header.inner_text()

    # Titles wrap to at most three lines.
    line_counts = tab.evaluate(
        """() => [...document.querySelectorAll('#result_list .field-title')]
            .map(cell => {
              const link = cell.querySelector('a') || cell;
              const style = getComputedStyle(link);
              const line = parseFloat(style.lineHeight)
                || parseFloat(style.fontSize) * 1.2;
              return Math.round(link.getBoundingClientRect().height / line);
            })"""
    )
    assert line_counts and max(line_counts) <= 3, line_counts

    # "Updated by" shows whole.
    updated_by = tab.locator("#result_list td.field-updated_by").first
    assert updated_by.evaluate("cell => cell.scrollWidth <= cell.clientWidth")

    # Each row has a thumbnail, from a rendition (never the original).
    thumbs = tab.locator("#result_list img.admin-thumb")
    expect(thumbs).to_have_count(len(news_with_photos))
    for source in thumbs.evaluate_all("images => images.map(i => i.currentSrc)"):
        assert "-480w." in source, source
    # Times in one format, the zone named.
    expect(tab.locator("#result_list thead")).to_contain_text("Moscow time")
    expect(tab.locator("#user-tools")).to_contain_text("All times are Moscow time")


def test_an_editor_schedules_with_the_schedule_button(
    page, log_in, editor, staff_member, screenshot_dir
):
    reporter = staff_member("rita.reporter", REPORTER)
    item = make_news(
        title="Council agrees on border cooperation",
        status=Status.IN_REVIEW,
        published_at=None,
        created_by=reporter,
    )
    tab = page(1280)
    log_in(tab, editor)
    tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    # No browser-offset warning, no calendar shortcuts: one text input.
    expect(tab.locator(".timezonewarning")).to_have_count(0)
    expect(tab.locator("#id_published_at")).to_have_attribute(
        "placeholder", "dd.mm.yyyy hh:mm"
    )

    row = tab.locator(".workflow-row").first
    row.get_by_role("button", name="Schedule…").click()
    panel = row.locator(".schedule-panel")
    expect(panel).to_be_visible()
    tab.screenshot(path=screenshot_dir / "admin-1280-schedule-panel.png")

    # A time that has passed: refused, nothing saved.
    past = admin_time(timezone.now() - datetime.timedelta(hours=2))
    panel.locator(".schedule-time").fill(past)
    panel.get_by_role("button", name="Schedule", exact=True).click()
    # The panel comes back open, with the time typed and why it was refused.
    panel = tab.locator(".workflow-row").first.locator(".schedule-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".schedule-error")).to_contain_text("has passed")
    expect(panel.locator(".schedule-time")).to_have_value(past)
    tab.screenshot(path=screenshot_dir / "admin-1280-schedule-refused.png")
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW

    # A time to come: scheduled, and the page says so.
    later = timezone.now() + datetime.timedelta(days=2)
    panel.locator(".schedule-time").fill(admin_time(later))
    panel.get_by_role("button", name="Schedule", exact=True).click()
    expect(tab.locator(".messagelist")).to_contain_text(
        f"Scheduled: it goes live at {admin_time(later)} (Moscow time)"
    )
    tab.screenshot(path=screenshot_dir / "admin-1280-scheduled.png")
    item.refresh_from_db()
    assert item.is_scheduled
    assert WorkflowEvent.objects.get(action="scheduled").actor == editor
    expect(tab.locator("#result_list")).to_contain_text(
        f"Scheduled for {admin_time(later)}"
    )


def test_a_reporter_is_told_a_colleagues_item_is_not_theirs(
    page, log_in, staff_member, screenshot_dir
):
    reporter = staff_member("rita.reporter", REPORTER)
    colleague = staff_member("rob.reporter", REPORTER)
    item = make_news(
        title="A colleague's confidential draft",
        status=Status.DRAFT,
        published_at=None,
        created_by=colleague,
    )
    tab = page(1280)
    log_in(tab, reporter)
    response = tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    assert response.status == 403
    expect(tab.locator("#content-main")).to_contain_text("belongs to a colleague")
    expect(tab.locator("body")).not_to_contain_text("confidential")
    tab.screenshot(path=screenshot_dir / "admin-1280-not-yours.png")
    assert NewsItem.objects.filter(pk=item.pk).exists()


def test_the_form_shows_the_photo_and_the_time_in_moscow_time(
    page, log_in, editor, news_with_photos, screenshot_dir
):
    item = news_with_photos[0]
    tab = page(1280)
    log_in(tab, editor)
    tab.goto(f"/admin/news/newsitem/{item.pk}/change/")
    preview = tab.locator(".field-lead_image img.admin-preview")
    expect(preview).to_be_visible()
    assert "-480w." in preview.evaluate("image => image.currentSrc")
    assert preview.evaluate("image => image.naturalWidth") > 0
    expect(tab.locator(".field-lead_image")).not_to_contain_text(item.lead_image.name)
    time_row = tab.locator(".field-published_at")
    expect(time_row.locator("input")).to_have_value(admin_time(item.published_at))
    expect(time_row).to_contain_text("Moscow time")
    tab.locator(".field-lead_image").scroll_into_view_if_needed()
    tab.screenshot(path=screenshot_dir / "admin-1280-form-photo.png")
    time_row.scroll_into_view_if_needed()
    tab.screenshot(path=screenshot_dir / "admin-1280-form-time.png")
