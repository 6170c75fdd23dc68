"""The public pages in a real browser, on a phone and on a desktop width."""

import datetime
import re

import pytest
from django.utils import timezone

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_content")]

WIDTHS = [375, 1280]
NEWS_SLUG = "consultations-on-arms-control-disarmament-and-non-proliferation"

# Page name (used in test ids and screenshot names) -> its URL in the demo content.
PAGES = {
    "home": lambda: "/",
    "news-index": lambda: "/news/",
    "news-item": lambda: NewsItem.objects.get(slug=NEWS_SLUG).get_absolute_url(),
    "speech": lambda: Speech.objects.get(
        slug="secretary-general-address-pa-plenary-2023-12-19"
    ).get_absolute_url(),
    "event": lambda: Event.objects.get(
        slug="ix-training-courses-2024"
    ).get_absolute_url(),
    "official": lambda: Official.objects.get(
        slug="andrei-serdyukov"
    ).get_absolute_url(),
    "events-index": lambda: "/events/",
    # The seed page has no statements: the empty list must be a sound page too.
    "statements-index": lambda: "/statements/",
    "search": lambda: "/search/?q=Afghanistan+border",
}


def test_every_public_page_is_sound_at_each_width(page, screenshot_dir, check_every):
    tabs = {width: page(width) for width in WIDTHS}

    def sound(case):
        width, name = case
        tab = tabs[width]
        response = tab.goto(PAGES[name]())
        # Screenshot first: a failing page is the one worth looking at.
        tab.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)

        assert response.status == 200
        scroll_width, inner_width = tab.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"horizontal overflow: {scroll_width}px of content in {inner_width}px"
        )
        assert tab.locator("main").is_visible()
        assert tab.locator("nav[aria-label=Main]").is_visible()
        assert tab.locator("h1").count() == 1
        images_without_alt = tab.locator("img:not([alt])").evaluate_all(
            "images => images.map(image => image.outerHTML)"
        )
        assert images_without_alt == []

    check_every([(width, name) for width in WIDTHS for name in PAGES], sound)


def test_back_to_the_section_leads_to_the_section_page(page):
    tab = page(1280)
    tab.goto(PAGES["news-item"]())

    tab.get_by_role("link", name="Back to the section").click()

    expect(tab).to_have_url(re.compile(r"/news/csto-news/$"))
    expect(tab.locator("h1")).to_have_text("CSTO News")


def test_first_tab_focuses_a_visible_skip_link(page):
    tab = page(1280)
    tab.goto("/")

    tab.keyboard.press("Tab")

    skip_link = tab.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    # An off-screen link counts as "visible" to Playwright; it must be on screen.
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).to_be_visible()


def test_a_visitor_searches_from_the_header(page):
    tab = page(1280)
    tab.goto("/")

    tab.get_by_role("searchbox", name="Search the site").fill("peacekeeping forces")
    tab.get_by_role("searchbox", name="Search the site").press("Enter")

    expect(tab).to_have_url(re.compile(r"/search/\?q=peacekeeping\+forces$"))
    result = tab.locator(".results li").first
    expect(result).to_contain_text("Secretary General")
    expect(result.locator("mark").first).to_be_visible()


def test_a_bad_filter_value_is_shown_next_to_its_field(page):
    tab = page(375)
    tab.goto("/news/?year=20x4")

    expect(tab.get_by_role("alert")).to_contain_text(
        "Some filters could not be applied"
    )
    expect(tab.locator(".field.has-error")).to_contain_text("Enter a whole number.")


def test_a_statement_is_reached_from_the_navigation_and_the_home_page(page):
    statement = Statement.objects.create(
        title="Statement of the Council of Foreign Ministers on the situation",
        slug="statement-council-of-foreign-ministers",
        summary="The Council calls for restraint.",
        body="<p>The Council of Foreign Ministers calls for restraint.</p>",
        organ="Council of Foreign Ministers",
        issued_on=datetime.date(2024, 4, 24),
        place="Moscow",
        status=Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    tab = page(375)
    tab.goto("/")

    home_block = tab.locator("section", has=tab.locator("#latest-statements"))
    expect(home_block.get_by_role("link", name=statement.title)).to_be_visible()
    expect(home_block).to_contain_text("24.04.2024 · Council of Foreign Ministers")

    nav_link = tab.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Statements"
    )
    nav_link.click()
    expect(tab).to_have_url(re.compile(r"/statements/$"))
    expect(tab.locator("h1")).to_have_text("Statements")
    expect(nav_link).to_have_attribute("aria-current", "page")

    tab.locator("main").get_by_role("link", name=statement.title).click()
    expect(tab).to_have_url(re.compile(re.escape(statement.get_absolute_url()) + "$"))
    expect(tab.locator("h1")).to_have_text(statement.title)
