"""Phones first: at 360 px a page opens on its results, nothing scrolls sideways,
names are not broken mid-word and the filter controls show their choices whole."""

import datetime
import re

import pytest
from django.utils import timezone

from newsroom.events.models import EventKind
from newsroom.news.models import Section
from tests.e2e.conftest import VIEWPORT_HEIGHT
from tests.factories import make_event, make_news, make_statement

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_content", "many_results")]

PHONE = {"width": 360, "height": 640}  # a common small phone, in CSS pixels
SURNAME = "Tasmagambetov"
SPEECH = "/speeches/secretary-general-address-pa-plenary-2023-12-19/"
OFFICIAL = "/officials/imangali-tasmagambetov/"

# Page -> its address, for the pages that list results.
LISTS = {
    "home": "/",
    "news": "/news/",
    "section": "/news/csto-news/",
    "speeches": "/speeches/",
    "statements": "/statements/",
    "events": "/events/",
    "search": "/search/?q=consultations",
}


@pytest.fixture
def many_results(demo_content):
    """More news and events than a phone's screen holds, upcoming events among
    them (the demo's are all in 2023 and 2024), and statements (the demo has
    none); dates counted from today."""
    section = Section.objects.get(slug="csto-news")
    for n in range(12):
        make_news(section=section, title=f"Sample item {n}: consultations held")
        make_statement(title=f"Sample statement {n} on the consultations")
    today = timezone.localdate()
    for n in range(8):
        make_event(
            title=f"Sample event {n}: consultations",
            starts_on=today + datetime.timedelta(days=3 + n),
            kind=EventKind.CONSULTATION,
        )


def phone(page):
    tab = page(PHONE["width"])
    tab.set_viewport_size(PHONE)
    return tab


def horizontal_overflow(tab):
    return tab.evaluate("document.scrollingElement.scrollWidth") - PHONE["width"]


def test_a_phone_opens_on_the_first_result_not_on_the_filters(page, check_every):
    tab = phone(page)

    def opens_on_its_results(name):
        tab.goto(LISTS[name])
        first_title = tab.locator("main .card .card-title").first
        box = first_title.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], (
            f"the first result's title ends at {box['y'] + box['height']:.0f}px, "
            f"below the first screen ({PHONE['height']}px)"
        )
        assert horizontal_overflow(tab) <= 0
        if name != "home":
            expect(tab.locator(".filter-fields")).to_be_hidden()
            expect(tab.locator("summary", has_text="Filter")).to_be_visible()

    check_every(LISTS, opens_on_its_results)


def test_the_filters_open_from_filter_and_stay_open_while_set(page):
    tab = phone(page)
    tab.goto("/news/")

    tab.locator("summary", has_text="Filter").click()
    tab.get_by_label("Year").fill("2024")
    tab.get_by_role("button", name="Apply filters").click()

    expect(tab).to_have_url(re.compile(r"/news/\?.*year=2024"))
    expect(tab.get_by_label("Year")).to_be_visible()
    expect(tab.get_by_label("Year")).to_have_value("2024")


def test_a_wrong_filter_opens_the_filters_with_its_message(page):
    tab = phone(page)
    tab.goto("/events/?year=20x4")

    expect(tab.get_by_role("alert")).to_contain_text(
        "Some filters could not be applied"
    )
    expect(tab.locator(".field.has-error")).to_be_visible()
    expect(tab.locator(".field.has-error")).to_contain_text("Enter a whole number.")
    assert horizontal_overflow(tab) <= 0


def test_a_wide_screen_shows_the_filters_without_a_toggle(page):
    tab = page(1280)
    tab.goto("/news/")

    expect(tab.locator("summary", has_text="Filter")).to_be_hidden()
    tab.get_by_label("Year").fill("2024")
    tab.get_by_role("button", name="Apply filters").click()

    expect(tab).to_have_url(re.compile(r"/news/\?.*year=2024"))


# Pages besides the lists that must not scroll sideways on a phone.
WIDE_CANDIDATES = [
    "/events/?when=past",  # the filters open
    "/news/?year=20x4",  # the filters open, with an error
    "/search/?q=consultations&type=news",
    OFFICIAL,
    SPEECH,
    "/officials/",
]


def test_nothing_scrolls_sideways_on_a_phone(page, check_every):
    tab = phone(page)

    def fits(url):
        tab.goto(url)
        overflow = horizontal_overflow(tab)
        assert overflow <= 0, f"{overflow}px of horizontal overflow"

    check_every(WIDE_CANDIDATES, fits)


# How many lines each occurrence of a word in <main> is laid out on.
LINES_OF_WORD = """word => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    let at = node.data.indexOf(word);
    for (; at !== -1; at = node.data.indexOf(word, at + 1)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const rects = [...range.getClientRects()];
      const tops = new Set(rects.map(rect => Math.round(rect.top)));
      if (tops.size) found.push(tops.size);
    }
  }
  return found;
}"""


# Pages that show the long surname.
SURNAME_PAGES = [OFFICIAL, "/officials/", SPEECH, "/", "/search/?q=Tasmagambetov"]


def test_a_long_surname_is_never_split_across_lines(page, check_every):
    tab = phone(page)

    def whole(url):
        tab.goto(url)
        lines = tab.evaluate(LINES_OF_WORD, SURNAME)
        assert lines, f"{SURNAME} is not shown on {url}"
        assert set(lines) == {1}, f"{SURNAME} is split across lines on {url}: {lines}"
        body = tab.evaluate(
            "(({wordBreak, overflowWrap}) => [wordBreak, overflowWrap])"
            "(getComputedStyle(document.querySelector('main h1') || document.body))"
        )
        assert body[0] != "break-all" and body[1] != "anywhere", body

    check_every(SURNAME_PAGES, whole)


# The select's width against the width it takes when sized to its longest choice.
SELECT_WIDTHS = """select => {
  const free = select.cloneNode(true);
  const unbound = {
    width: "auto", "min-width": "0", "max-width": "none", position: "absolute",
  };
  for (const [name, value] of Object.entries(unbound)) {
    free.style.setProperty(name, value, "important");
  }
  select.parentElement.appendChild(free);
  const needed = free.getBoundingClientRect().width;
  free.remove();
  return [select.getBoundingClientRect().width, needed];
}"""


# Phones (360, 375, 414), a small tablet, the first width that shows the
# fields without a toggle (48rem) and a desktop.
WHEN_WIDTHS = [360, 375, 414, 600, 768, 1280]


def test_the_when_filter_shows_its_longest_choice_whole(page, check_every):
    tab = page(WHEN_WIDTHS[0])

    def whole_at(width):
        tab.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        tab.goto("/events/")
        toggle = tab.locator("summary", has_text="Filter")
        if toggle.is_visible():
            toggle.click()

        when = tab.get_by_label("When")
        expect(when).to_be_visible()
        shown, needed = when.evaluate(SELECT_WIDTHS)
        assert shown >= needed, (
            f"the When select is {shown}px, its choices need {needed}px"
        )
        scroll_width = tab.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= width, f"{scroll_width}px of content in {width}px"

    check_every(WHEN_WIDTHS, whole_at)


def test_past_events_come_after_upcoming_under_their_heading(page):
    tab = phone(page)
    tab.goto("/events/")

    headings = tab.locator("main h2.group-heading")
    expect(headings).to_have_text(["Upcoming events", "Past events"])
    past = tab.locator(
        "section.event-group", has=tab.get_by_role("heading", name="Past events")
    )
    past.get_by_role("link").first.click()
    expect(tab.locator("h1")).to_be_visible()
    expect(tab.get_by_role("link", name="Add to calendar")).to_have_count(0)


SCREENSHOT_PAGES = {"home": "/", "news": "/news/", "events": "/events/"}


def test_screenshots_for_review(page, screenshot_dir, check_every):
    tab = page(PHONE["width"])

    def shot(case):
        width, name = case
        tab.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        response = tab.goto(SCREENSHOT_PAGES[name])
        tab.screenshot(
            path=screenshot_dir / f"phone-first-{name}-{width}.png", full_page=True
        )
        assert response.status == 200

    check_every(
        [
            (width, name)
            for width in (PHONE["width"], 1280)
            for name in SCREENSHOT_PAGES
        ],
        shot,
    )
