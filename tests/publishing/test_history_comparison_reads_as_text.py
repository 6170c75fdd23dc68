"""History and its comparison read as text: one line per real edit with its
time in the site's time zone; words removed and added, not HTML source; field
names in plain words; everything escaped; history for those who may see it."""

import datetime
import re
import zoneinfo

import pytest
import reversion
from reversion.models import Version

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from tests.factories import (
    FACTORIES,
    admin_form_data,
    admin_url,
    editorial_factories,
    make_news,
    publication_time,
    staff,
)

pytestmark = pytest.mark.django_db

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def edit(client, item, **changes):
    """Open the change form of `item`, change `changes`, save."""
    page = client.get(admin_url(type(item), "change", item.pk))
    data = admin_form_data(page, **changes)
    response = client.post(admin_url(type(item), "change", item.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def compare(client, item):
    """The comparison of the item's two latest revisions."""
    newest, older = Version.objects.get_for_object(item)[:2]
    return client.get(
        admin_url(type(item), "compare", item.pk),
        {"version_id1": older.pk, "version_id2": newest.pk},
    )


def main_text(response):
    """The page's content area (not the menus around it)."""
    html = response.content.decode()
    return html[
        html.index('<div id="content-main"') : html.index("<!-- END Content -->")
    ]


def body_field(model):
    return "biography_en" if model is Official else "body"


def text_field(model):
    return "name_en" if model in (Official, Section) else "title"


BODY_BEFORE = (
    "<h2>What was agreed</h2><p>The council agreed on joint&nbsp;patrols.</p>"
    "<ol><li>Patrols on the border</li><li>A training centre</li></ol>"
)
BODY_AFTER = (
    "<h2>What was agreed</h2><p>The council agreed on joint&nbsp;exercises.</p>"
    "<ol><li>Patrols on the border</li><li>A training centre</li></ol>"
)


@pytest.fixture
def editor(client):
    user = staff(EDITOR)
    client.force_login(user)
    return user


# --- The comparison ----------------------------------------------------------------


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_the_comparison_shows_words_removed_and_added(client, editor, model):
    item = FACTORIES[model]()
    changes = {text_field(model): "Council of Ministers"}
    if model is not Section:
        changes[body_field(model)] = BODY_BEFORE
    edit(client, item, **changes)
    changes = {text_field(model): "Council of Foreign Ministers"}
    if model is not Section:
        changes[body_field(model)] = BODY_AFTER
    edit(client, item, **changes)

    response = compare(client, item)

    assert response.status_code == 200
    shown = main_text(response)
    assert "Council of <ins>Foreign</ins> Ministers" in shown
    if model is not Section:
        assert "joint <del>patrols</del> <ins>exercises</ins>." in shown
        # Text as a reader sees it, not HTML source.
        for source in ("&amp;nbsp;", "&lt;ol&gt;", "&lt;p&gt;", "&lt;h2&gt;"):
            assert source not in shown
    # Field names as the model says them, capitalised; no note about what
    # reversion does not follow.
    label = str(model._meta.get_field(text_field(model)).verbose_name).capitalize()
    assert f"<h2>{label}</h2>" in shown
    assert "reversion control" not in shown
    assert "_" not in re.sub(
        r"<[^>]*>", "", shown.split("<h2>", 1)[1].split("</h2>")[0]
    )


def test_unchanged_paragraphs_far_from_a_change_are_folded(client, editor):
    paragraphs = [f"<p>Paragraph number {n} of the statement.</p>" for n in range(8)]
    item = make_news(body="".join(paragraphs))
    changed = paragraphs.copy()
    changed[6] = "<p>Paragraph number 6 of the amended statement.</p>"
    edit(client, item, title="Kept")  # the first revision: the body as it was
    edit(client, item, body="".join(changed))

    shown = main_text(compare(client, item))

    assert "<ins>amended</ins>" in shown
    assert "Paragraph number 5 of" in shown  # the paragraph before, for context
    assert "Paragraph number 1 of" not in shown
    assert '<p class="unchanged">…</p>' in shown


def test_a_body_that_reads_the_same_is_not_listed(client, editor):
    item = make_news(body="<p>Joint patrols</p>")
    edit(client, item, title="First")
    item.refresh_from_db()
    # CKEditor's shape of the same text, saved with a title change.
    edit(client, item, title="Second", body="<p>Joint patrols</p>\r\n")

    shown = main_text(compare(client, item))

    assert "<h2>Title</h2>" in shown
    assert "<h2>Body</h2>" not in shown


def test_a_formatting_change_says_so(client, editor):
    item = make_news(body="<p>Joint patrols</p>")
    edit(client, item, title="First")
    edit(client, item, body="<p>Joint <strong>patrols</strong></p>")

    shown = main_text(compare(client, item))

    assert "<h2>Body</h2>" in shown
    assert "The words are the same" in shown


def test_times_are_shown_in_the_sites_time_zone(client, editor):
    item = make_news()
    edit(client, item, title="First")
    at = datetime.datetime(2024, 4, 24, 15, 30, tzinfo=MOSCOW)
    edit(client, item, **publication_time(at))

    shown = main_text(compare(client, item))

    assert "<h2>Publication time</h2>" in shown
    assert "<ins>24.04.2024 15:30</ins>" in shown
    newest = Version.objects.get_for_object(item).first().revision.date_created
    assert newest.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M") in shown
    assert "Moscow time" in shown


HOSTILE_TITLE = "<img src=x onerror=alert(4242)>"
HOSTILE_TEXT = '&lt;script&gt;alert(1)&lt;/script&gt; and " onmouseover="alert(2)'


def test_a_hostile_revision_is_shown_escaped(client, editor):
    item = make_news(body="<p>Harmless</p>")
    edit(client, item, title="Harmless")
    edit(
        client,
        item,
        title=HOSTILE_TITLE,
        body=f'<p>{HOSTILE_TEXT}</p><p><img src="/x.png" alt="&lt;script&gt;"></p>',
    )
    # A revision written outside the sanitiser (an old one, a raw import).
    NewsItem.objects.filter(pk=item.pk).update(
        body="<p>Raw</p><script>alert(3)</script><svg onload=alert(5)>"
    )
    item.refresh_from_db()
    with reversion.create_revision():
        reversion.add_to_revision(item)

    for older, newer in (
        (1, 0),  # the raw revision
        (2, 1),  # the hostile one through the form
    ):
        versions = Version.objects.get_for_object(item)
        response = client.get(
            admin_url(NewsItem, "compare", item.pk),
            {"version_id1": versions[older].pk, "version_id2": versions[newer].pk},
        )
        shown = main_text(response)
        assert "<script" not in shown
        assert "<img src=x" not in shown
        assert "onerror=alert" not in shown.replace("&lt;img src=x onerror=alert", "")
        assert "<svg" not in shown
        assert 'onmouseover="alert' not in shown
    assert "&lt;img src=x onerror=alert(4242)&gt;" in main_text(
        client.get(
            admin_url(NewsItem, "compare", item.pk),
            {"version_id1": versions[2].pk, "version_id2": versions[1].pk},
        )
    )


# --- The history list ---------------------------------------------------------------


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_history_lists_each_real_edit_once(client, editor, model):
    item = FACTORIES[model]()
    page = client.get(admin_url(model, "change", item.pk))
    unchanged = admin_form_data(page)
    client.post(admin_url(model, "change", item.pk), unchanged)  # nothing
    edit(client, item, **{text_field(model): "A new name"})
    item.refresh_from_db()
    page = client.get(admin_url(model, "change", item.pk))
    client.post(admin_url(model, "change", item.pk), admin_form_data(page))  # nothing

    response = client.get(admin_url(model, "history", item.pk))

    shown = main_text(response)
    rows = re.findall(r'<td class="change-message">([^<]*)</td>', shown)
    label = model._meta.get_field(text_field(model)).verbose_name
    assert rows == [f"Changed {label}."]
    saved = Version.objects.get_for_object(item).get().revision.date_created
    assert saved.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M") in shown
    assert "When (Moscow time)" in shown


def test_times_in_the_history_are_dd_mm_yyyy_hh_mm(client, editor):
    item = make_news()
    edit(client, item, title="One")
    edit(client, item, title="Two")

    shown = main_text(client.get(admin_url(NewsItem, "history", item.pk)))

    times = re.findall(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", shown)
    assert len(times) == 2
    assert not re.search(r"\b(a\.m\.|p\.m\.|midnight|noon)", shown)


# --- Who sees history -------------------------------------------------------------


@pytest.mark.parametrize("role", [EDITOR, SITE_ADMINISTRATOR])
def test_editors_see_history_and_are_offered_a_restore(client, role):
    item = make_news()
    client.force_login(staff(EDITOR))
    edit(client, item, title="One")
    edit(client, item, title="Two")
    client.force_login(staff(role))

    history = client.get(admin_url(NewsItem, "history", item.pk))
    comparison = compare(client, item)

    assert history.status_code == comparison.status_code == 200
    assert "Restore the earlier version" in main_text(comparison)
    assert "/history/" in main_text(history)  # each date opens its version


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
def test_a_reporter_sees_the_history_of_their_own_item_without_restore(client, model):
    reporter = staff(REPORTER)
    item = FACTORIES[model](created_by=reporter, status=Status.DRAFT)
    client.force_login(reporter)
    edit(client, item, title="One")
    edit(client, item, title="Two")

    history = client.get(admin_url(model, "history", item.pk))
    comparison = compare(client, item)

    assert history.status_code == comparison.status_code == 200
    assert "<del>One</del> <ins>Two</ins>" in main_text(comparison)
    assert "Restore" not in main_text(comparison)
    assert f"/history/{Version.objects.get_for_object(item).first().pk}/" not in (
        main_text(history)
    )


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
def test_a_reporter_sees_no_history_of_a_colleagues_item(client, model):
    item = FACTORIES[model](status=Status.DRAFT)
    client.force_login(staff(EDITOR))
    edit(client, item, title="One")
    edit(client, item, title="Two secret words")
    # The reporter's own browser: not the editor's, with its "changed" message.
    client.cookies.clear()
    client.force_login(staff(REPORTER))

    history = client.get(admin_url(model, "history", item.pk))
    comparison = compare(client, item)

    assert history.status_code in (403, 404)
    assert comparison.status_code in (403, 404)
    assert b"secret words" not in history.content + comparison.content


def test_the_history_page_costs_the_same_however_long_the_history(
    client, editor, django_assert_max_num_queries
):
    item = make_news()
    for n in range(12):
        edit(client, item, title=f"Title number {n}")
    client.get(admin_url(NewsItem, "history", item.pk))  # after a change: look-ups
    with django_assert_max_num_queries(9):
        response = client.get(admin_url(NewsItem, "history", item.pk))
    assert response.content.decode().count('class="change-message"') == 12
