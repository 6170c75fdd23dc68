"""History in a real browser: CKEditor re-serialises the body it loads, and a
Save without an edit must still add nothing to History; a one-word edit shows
as one readable change in the comparison."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from newsroom.accounts.roles import EDITOR
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import WorkflowEvent
from newsroom.publishing.registry import content_kinds
from tests.factories import make_news

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e

# Markup the server allows beyond CKEditor's toolbar, shaped as the server
# stores it (no line breaks, its own attribute order, U+00A0 as &nbsp;).
RICH_BODY = (
    "<h2>What was agreed</h2>"
    "<p>The council agreed on joint&nbsp;patrols and a <strong>training</strong> "
    '<a href="https://example.org/communique" title="Communiqué">centre</a>.</p>'
    '<ol start="2"><li>Patrols on the southern border</li><li>A shared centre</li></ol>'
    "<p>Moscow<br>Minsk</p>"
    "<blockquote><p>We stand together.</p></blockquote>"
    "<table><caption>Budget</caption><tbody><tr><td>2024</td><td>1.2</td></tr>"
    "</tbody></table>"
    '<p><code>CSTO</code> and <abbr title="Collective Security">CS</abbr></p>'
    '<p><img src="/static/admin/img/icon-yes.svg" alt="Agreed" width="16" '
    'height="16"></p>'
    "<p></p>"
)


@pytest.fixture
def editor(staff_member):
    return staff_member("eddie.editor", EDITOR)


def editable(tab, field="body"):
    frame = tab.frame_locator(f"#cke_id_{field} .cke_wysiwyg_frame").locator("body")
    expect(frame).to_have_attribute("contenteditable", "true")
    return frame


def save_unchanged(tab, url, field="body"):
    tab.goto(url)
    editable(tab, field)  # CKEditor has loaded and re-serialised the text
    tab.locator('input[name="_save"]').first.click()
    expect(tab.locator(".messagelist")).to_contain_text(
        "Nothing was changed, so nothing was saved."
    )


def history_rows(tab, item):
    opts = item._meta
    tab.goto(f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/history/")
    return tab.locator("#change-history td.change-message").all_inner_texts()


def test_save_without_an_edit_adds_nothing_and_a_word_is_one_change(
    page, log_in, editor, screenshot_dir
):
    item = make_news(title="Council agrees on patrols", body=RICH_BODY)
    stored = NewsItem.objects.get().body
    tab = page(1280)
    log_in(tab, editor)
    url = f"/admin/news/newsitem/{item.pk}/change/"

    # A first real edit, so that there is a version to compare with.
    tab.goto(url)
    editable(tab)
    tab.locator("#id_title").fill("Council agrees on joint patrols")
    tab.locator('input[name="_save"]').first.click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    assert history_rows(tab, item) == ["Changed title."]
    # CKEditor's shape of the body was not stored over the server's.
    assert NewsItem.objects.get().body == stored

    # Save without an edit: CKEditor re-serialised the body; nothing is written.
    save_unchanged(tab, url)
    assert history_rows(tab, item) == ["Changed title."]
    assert Version.objects.get_for_object(item).count() == 1
    assert LogEntry.objects.count() == 1
    assert not WorkflowEvent.objects.exists()
    assert NewsItem.objects.get().body == stored

    # One word added in the editor: one readable change.
    tab.goto(url)
    paragraph = editable(tab).locator("p", has_text="The council agreed").first
    paragraph.get_by_text("joint").click()
    tab.keyboard.press("End")
    tab.keyboard.type(" Today")
    tab.locator('input[name="_save"]').first.click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    assert history_rows(tab, item) == ["Changed body.", "Changed title."]
    tab.screenshot(path=screenshot_dir / "history-list.png")

    tab.get_by_role("button", name="Compare").click()
    expect(tab.locator("h1")).to_have_text(
        "Changes to “Council agrees on joint patrols”"
    )
    changes = tab.locator(".field-change")
    expect(changes).to_have_count(1)
    expect(changes.locator("h2")).to_have_text("Body")
    expect(changes.locator("ins")).to_have_text(["Today"])
    expect(changes.locator("del")).to_have_count(0)
    content = tab.locator("#content-main").inner_text()
    for source in ("&nbsp;", "<ol", "<p>", "reversion control"):
        assert source not in content
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", content)
    tab.screenshot(path=screenshot_dir / "history-comparison.png", full_page=True)


def test_an_officials_biography_survives_a_save_without_an_edit(page, log_in, editor):
    official = Official.objects.create(
        name="Imangali Tasmagambetov",
        slug="imangali-tasmagambetov",
        position="Secretary General",
        biography=RICH_BODY,
    )
    tab = page(1280)
    log_in(tab, editor)

    # A column per language (biography_en, biography_ru): the default's editor.
    url = f"/admin/officials/official/{official.pk}/change/"
    save_unchanged(tab, url, "biography_en")

    assert not Version.objects.exists()
    assert not LogEntry.objects.exists()
    assert Official.objects.get().biography == official.biography


def test_the_demo_content_survives_a_save_without_an_edit(
    page, log_in, editor, demo_content
):
    """Real bodies of every kind, as the demo loads them."""
    tab = page(1280)
    log_in(tab, editor)
    opened = 0
    kinds = [kind.model for kind in content_kinds.editorial()]
    for item in [
        *(item for model in kinds for item in model.objects.exclude(body="")),
        *Official.objects.exclude(biography=""),
    ]:
        opts = item._meta
        field = "biography_en" if isinstance(item, Official) else "body"
        save_unchanged(
            tab, f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/", field
        )
        opened += 1

    assert opened
    assert not Version.objects.exists()
    assert not LogEntry.objects.exists()
