"""An editor uploads a photo through the admin; the public page offers its
renditions, and a phone-sized browser fetches no more than the 960 px copy."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from PIL import Image

from newsroom.accounts.roles import EDITOR, sync_roles
from newsroom.news.models import NewsItem
from tests.e2e.test_editorial_workflow import _staff_member, log_in
from tests.factories import make_section

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e


def photo_bytes():
    image = Image.effect_noise((3000, 2000), 50).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture
def photo_desk(transactional_db):
    sync_roles(Group, Permission)
    return _staff_member("pat.photo", EDITOR), make_section(name="Meetings")


def test_an_uploaded_photo_is_served_as_renditions(page, screenshot_dir, photo_desk):
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
    tab.locator("input[name=_publish]").first.click()
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
