"""Russian and English in a real browser (issue 13): a reader switches language
on a news item and lands on its translation, and back; a Russian listing reads
whole on a 360 px phone, its switcher in reach."""

import re

import pytest

from newsroom.news.models import NewsItem

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_content")]

PHONE = {"width": 360, "height": 640}


def test_the_switcher_leads_from_a_news_item_to_its_translation_and_back(
    page, screenshot_dir
):
    english = NewsItem.objects.filter(language="en", translation_of__isnull=False)[0]
    russian = english.translation_of
    tab = page(1280)
    tab.goto(english.get_absolute_url())
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.locator("h1")).to_have_text(english.title)

    tab.locator(".language-switcher").get_by_role("link", name="Русский").click()

    expect(tab).to_have_url(re.compile(re.escape(russian.get_absolute_url()) + "$"))
    expect(tab.locator("html")).to_have_attribute("lang", "ru")
    expect(tab.locator("h1")).to_have_text(russian.title)
    tab.screenshot(path=screenshot_dir / "language-russian-item.png", full_page=True)

    tab.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(tab).to_have_url(re.compile(re.escape(english.get_absolute_url()) + "$"))
    expect(tab.locator("h1")).to_have_text(english.title)


def test_a_russian_listing_reads_whole_at_360_px(page, screenshot_dir):
    tab = page(PHONE["width"])
    tab.set_viewport_size(PHONE)
    tab.goto("/ru/news/")
    expect(tab.locator("html")).to_have_attribute("lang", "ru")
    russian_titles = list(
        NewsItem.objects.live().filter(language="ru").values_list("title", flat=True)
    )
    assert russian_titles
    for title in russian_titles:
        expect(tab.get_by_role("link", name=title).first).to_be_visible()
    # Nothing scrolls sideways; the switcher shows and leads to the English list.
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    switch = tab.locator(".language-switcher").get_by_role("link", name="English")
    expect(switch).to_be_visible()
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    tab.screenshot(
        path=screenshot_dir / "language-russian-news-360.png", full_page=True
    )
    switch.click()
    expect(tab).to_have_url(re.compile(r"/news/$"))
    expect(tab.locator("html")).to_have_attribute("lang", "en")
