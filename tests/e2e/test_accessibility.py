"""axe-core, the engine browsers' accessibility tools use, over the public
pages in both languages at a phone's and a desktop's width, and over the back
office an editor works in: no violation of WCAG 2.2 A/AA or of axe's best
practices. axe.min.js comes with PyPI's axe-playwright-python; it runs in the
page, in Debian's Chromium, as a browser extension would."""

from pathlib import Path

import pytest

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.speeches.models import Speech

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_content")]

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The editor's own frame is CKEditor 4's, not ours; its toolbar stays checked.
EXCLUDED = [".cke_wysiwyg_frame"]


def axe_script() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-playwright-python missing: pip install -e '.[test]'")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def violations(tab, script: str) -> list[str]:
    """axe's violations on the tab's page, one line each."""
    tab.evaluate(script)
    result = tab.evaluate(
        "([rules, excluded]) => axe.run({exclude: excluded.map((s) => [s])},"
        " {runOnly: {type: 'tag', values: rules}, resultTypes: ['violations']})",
        [RULES, EXCLUDED],
    )
    return [
        f"{found['id']} ({found['impact']}): {found['help']}; "
        + ", ".join(str(node["target"]) for node in found["nodes"][:3])
        for found in result["violations"]
    ]


def public_pages() -> list[str]:
    news = NewsItem.objects.live()
    english = news.filter(language="en").first().get_absolute_url()
    russian = news.filter(language="ru").first().get_absolute_url()
    # Each template once (listings share one, items share a layout).
    return [
        "/",
        "/news/",
        english,
        Speech.objects.live().filter(language="en").first().get_absolute_url(),
        Event.objects.live().filter(language="en").first().get_absolute_url(),
        Official.objects.first().get_absolute_url(),
        "/search/?q=Afghanistan+border",
        "/news/?year=1900",  # a filter that finds nothing
        "/no-such-page/",
        "/ru/",
        russian,
        "/ru/search/?q=учения",
    ]


def test_public_pages_pass_axe_core_in_both_languages_and_widths(page):
    """Every page at a phone's width, where targets are smallest and the
    navigation folds; the home page and an item in each language on a desktop's
    too (axe takes a second a page: the suite has a time budget)."""
    script = axe_script()
    found = []
    addresses = public_pages()
    desktop = [addresses[0], addresses[2], addresses[-2]]  # home, both items
    for width, pages in ((375, addresses), (1280, desktop)):
        tab = page(width)
        for address in pages:
            tab.goto(address)
            found += [f"{width} px {address}: {v}" for v in violations(tab, script)]
    assert not found, "\n".join(found)


def test_the_back_office_passes_axe_core(page, log_in, eddie):
    script = axe_script()
    item = NewsItem.objects.filter(language="en").first()
    official = Official.objects.first()
    tab = page(1280)
    tab.goto("/admin/login/")
    found = [f"/admin/login/: {v}" for v in violations(tab, script)]
    log_in(tab, eddie)
    for address in [
        "/admin/desk/",
        "/admin/news/newsitem/",
        f"/admin/news/newsitem/{item.pk}/change/",
        f"/admin/officials/official/{official.pk}/change/",
        "/admin/translations/",
    ]:
        tab.goto(address)
        tab.wait_for_load_state("load")
        found += [f"{address}: {v}" for v in violations(tab, script)]
    assert not found, "\n".join(found)
