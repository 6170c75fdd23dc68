"""An editor uploads a photo through the admin; the public page offers its
renditions, and a phone-sized browser fetches no more than the 960 px copy."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from newsroom.accounts.roles import EDITOR
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import camera_photo, make_section

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e


def photo_bytes():
    # Wider than the widest rendition (1600 px), so that all three are made.
    return camera_photo(size=(2000, 1333))


@pytest.fixture
def photo_desk(staff_member):
    return staff_member("pat.photo", EDITOR), make_section(name="Meetings")


def test_an_uploaded_photo_is_served_as_renditions(
    page, log_in, screenshot_dir, photo_desk, media_root
):
    editor, section = photo_desk
    tab = page(1280)
    log_in(tab, editor)
    tab.goto("/admin/news/newsitem/add/")
    tab.get_by_label("Title:").fill("Delegations meet in the capital")
    tab.get_by_label("Section:").select_option(label=section.name)
    tab.get_by_label("Summary:").fill("A photo from the meeting.")
    tab.locator("#id_lead_image").set_input_files(
        {"name": "DSC_0042.JPG", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    tab.get_by_label("Alt text:").fill("Delegates around a table")
    tab.locator(f"button[name=_move][value={Status.PUBLISHED}]").first.click()
    expect(tab.locator(".messagelist")).to_contain_text("was added successfully")

    item = NewsItem.objects.get()
    assert item.is_live
    assert {s["width"] for s in item.lead_image_renditions["sources"]} == {
        480,
        960,
        1600,
    }

    phone = page(375)
    phone.goto(item.get_absolute_url())
    image = phone.locator(".lead-image img")
    expect(image).to_be_visible()
    expect(image).to_have_attribute("alt", "Delegates around a table")
    phone.screenshot(path=screenshot_dir / "photo-375.png", full_page=True)
    # The browser's own choice among the candidates.
    chosen = image.evaluate("img => img.currentSrc")
    width = int(re.search(r"-(\d+)w\.(?:webp|jpg)$", chosen).group(1))
    assert width <= 960, chosen
    # Served by the site (the item is live) and decoded by the browser.
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    stored = urlsplit(chosen).path.removeprefix(settings.MEDIA_URL)
    assert (media_root / stored).is_file(), chosen
