"""History records only what someone changed.

A form posted as it was opened (CKEditor's re-serialisation of the body
included) writes nothing: no revision, no log line, no record, and the save
counter stays so a colleague's open form is still fresh. A real change is
logged once, with its fields' plain names.
"""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.admin.history import NOTHING_CHANGED
from newsroom.publishing.models import Publishable, Status, WorkflowEvent
from tests.factories import (
    FACTORIES,
    admin_form_data,
    admin_url,
    editorial_factories,
    make_news,
    make_official,
    make_section,
    staff,
)

pytestmark = pytest.mark.django_db


def open_form(client, item):
    """The change form of `item`, as its page gives it."""
    response = client.get(admin_url(type(item), "change", item.pk))
    assert response.status_code == 200
    return admin_form_data(response)


def typed_date(client, official, field, day):
    """`day` as the appointments' date input takes it (its own format)."""
    page = client.get(admin_url(Official, "change", official.pk))
    formset = page.context["inline_admin_formsets"][0].formset
    return formset.forms[0][field].field.widget.format_value(day)


def save(client, item, data):
    return client.post(admin_url(type(item), "change", item.pk), data, follow=True)


def stored(item):
    """The row as the database has it (every column)."""
    return type(item)._default_manager.filter(pk=item.pk).values().get()


def nothing_written(item, before):
    return (
        stored(item) == before
        and not LogEntry.objects.exists()
        and not Version.objects.exists()
        and not WorkflowEvent.objects.exists()
    )


def body_field(model):
    return "biography_en" if model is Official else "body"


def label(model, field):
    """How the admin names a field ("name [en]" for a column of one language)."""
    return str(model._meta.get_field(field).verbose_name)


def text_field(model):
    return "name_en" if model in (Official, Section) else "title"


# --- An unchanged form writes nothing -----------------------------------------------


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", [EDITOR, SITE_ADMINISTRATOR])
def test_an_unchanged_form_writes_nothing(client, model, role):
    item = FACTORIES[model]()
    client.force_login(staff(role))
    data = open_form(client, item)
    before = stored(item)

    response = save(client, item, data)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [NOTHING_CHANGED]
    assert nothing_written(item, before)


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
def test_a_reporters_unchanged_draft_writes_nothing(client, model):
    reporter = staff(REPORTER)
    item = FACTORIES[model](created_by=reporter, status=Status.DRAFT)
    client.force_login(reporter)
    data = open_form(client, item)
    before = stored(item)

    save(client, item, data)

    assert nothing_written(item, before)


def test_an_unchanged_save_leaves_a_colleagues_open_form_fresh(client):
    item = make_news()
    colleague_form = open_form(client_as(client, staff(EDITOR)), item)
    save(client_as(client, staff(EDITOR)), item, open_form(client, item))

    client_as(client, staff(EDITOR))
    response = save(client, item, colleague_form | {"title": "The colleague's title"})

    assert response.redirect_chain  # saved, not refused as stale
    assert NewsItem.objects.get().title == "The colleague's title"


def client_as(client, user):
    client.force_login(user)
    return client


# --- CKEditor's re-serialisation of the body is no change -------------------------

# (as stored, as CKEditor 4 posts it back without an edit)
REWRITTEN_BY_THE_EDITOR = {
    "nbsp-entity": ("<p>Joint\u00a0patrols</p>", "<p>Joint&nbsp;patrols</p>"),
    "nbsp-character": ("<p>Joint&nbsp;patrols</p>", "<p>Joint\u00a0patrols</p>"),
    "trailing-newline": ("<p>Agreed.</p>", "<p>Agreed.</p>\n"),
    "crlf-between-blocks": (
        "<h2>Agreed</h2><p>Two points.</p>",
        "<h2>Agreed</h2>\r\n\r\n<p>Two points.</p>\r\n",
    ),
    "self-closing-br": ("<p>Moscow<br>Minsk</p>", "<p>Moscow<br />\r\nMinsk</p>"),
    "attribute-order": (
        '<p><a href="https://example.org/a" title="Text">text</a></p>',
        '<p><a title="Text" href="https://example.org/a">text</a></p>',
    ),
    "image-attributes": (
        '<p><img src="/media/a.png" alt="Flag" width="10" height="20"></p>',
        '<p><img alt="Flag" height="20" src="/media/a.png" width="10" /></p>',
    ),
    "bare-text-wrapped": ("Agreed on patrols.", "<p>Agreed on patrols.</p>\n"),
    "indented-list": (
        "<ul><li>Patrols</li><li>Training</li></ul>",
        "<ul>\r\n\t<li>Patrols</li>\r\n\t<li>Training</li>\r\n</ul>\r\n",
    ),
    "empty-paragraph-filled": ("<p>One</p><p></p>", "<p>One</p>\r\n\r\n<p>&nbsp;</p>"),
    "table": (
        "<table><tbody><tr><td>A</td><td>B</td></tr></tbody></table>",
        "<table>\r\n\t<tbody>\r\n\t\t<tr>\r\n\t\t\t<td>A</td>\r\n\t\t\t<td>B</td>"
        "\r\n\t\t</tr>\r\n\t</tbody>\r\n</table>\r\n",
    ),
}


@pytest.mark.parametrize("model", [NewsItem, Official], ids=lambda m: m.__name__)
@pytest.mark.parametrize("case", list(REWRITTEN_BY_THE_EDITOR))
def test_the_body_as_the_editor_rewrites_it_is_no_change(client, model, case):
    as_stored, as_posted = REWRITTEN_BY_THE_EDITOR[case]
    item = FACTORIES[model](**{body_field(model): as_stored})
    client.force_login(staff(EDITOR))
    data = open_form(client, item)
    before = stored(item)

    save(client, item, data | {body_field(model): as_posted})

    assert nothing_written(item, before)


def test_a_real_change_keeps_the_body_as_stored_when_it_reads_the_same(client):
    item = make_news(body="<p>Joint\u00a0patrols</p><ul><li>Training</li></ul>")
    body_before = stored(item)["body"]
    client.force_login(staff(EDITOR))
    data = open_form(client, item)

    save(
        client,
        item,
        data | {"title": "New title", "body": "<p>Joint&nbsp;patrols</p>\r\n\r\n"
                "<ul>\r\n\t<li>Training</li>\r\n</ul>\r\n"},
    )  # fmt: skip

    assert stored(item)["body"] == body_before
    assert LogEntry.objects.get().get_change_message() == "Changed title."
    assert Version.objects.count() == 1


def test_line_endings_of_a_plain_text_are_no_change(client):
    item = make_news(summary="First line.\nSecond line.")
    client.force_login(staff(EDITOR))
    data = open_form(client, item)
    before = stored(item)

    save(client, item, data | {"summary": "First line.\r\nSecond line.\r\n"})

    assert nothing_written(item, before)


def test_a_publication_time_the_form_showed_is_no_change(client):
    # Microseconds (and seconds) the form does not show stay as stored.
    exact = timezone.now().replace(microsecond=123456) - datetime.timedelta(hours=2)
    item = make_news(published_at=exact)
    client.force_login(staff(EDITOR))
    data = open_form(client, item)

    save(client, item, data | {"title": "Only the title"})

    assert NewsItem.objects.get().published_at == exact
    assert LogEntry.objects.get().get_change_message() == "Changed title."


# --- A real change is logged once, in plain words -----------------------------------


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_a_real_change_logs_exactly_its_fields(client, model):
    item = FACTORIES[model]()
    client.force_login(staff(EDITOR))
    data = open_form(client, item)
    before = stored(item)
    changes = {text_field(model): "A new name"}
    expected = f"Changed {label(model, text_field(model))}."
    if model is not Section:
        changes[body_field(model)] = "<p>A new text.</p>"
        text, body = label(model, text_field(model)), label(model, body_field(model))
        expected = f"Changed {text} and {body}."

    save(client, item, data | changes)

    assert LogEntry.objects.get().get_change_message() == expected
    version = Version.objects.get_for_object(item).get()
    assert version.revision.get_comment() == expected
    if issubclass(model, Publishable):
        assert stored(item)["edit_version"] == before["edit_version"] + 1


def test_formatting_alone_is_a_change(client):
    item = make_news(body="<p>Joint patrols</p>")
    client.force_login(staff(EDITOR))
    data = open_form(client, item)

    save(client, item, data | {"body": "<p>Joint <strong>patrols</strong></p>"})

    assert LogEntry.objects.get().get_change_message() == "Changed body."
    assert "<strong>patrols</strong>" in NewsItem.objects.get().body


def test_field_names_are_the_models_own_words(client):
    item = make_news()
    client.force_login(staff(EDITOR))
    data = open_form(client, item)

    save(
        client,
        item,
        data | {"lead_image_caption": "At the summit", "is_featured": "on"},
    )

    # Not "lead_image_caption", not "Is featured".
    assert (
        LogEntry.objects.get().get_change_message() == "Changed caption and featured."
    )


def test_a_workflow_move_alone_is_a_change(client):
    reporter = staff(REPORTER)
    item = make_news(created_by=reporter, status=Status.DRAFT)
    client.force_login(reporter)
    data = open_form(client, item)

    client.post(
        admin_url(NewsItem, "change", item.pk), data | {"_move": Status.IN_REVIEW}
    )

    assert NewsItem.objects.get().status == Status.IN_REVIEW
    assert WorkflowEvent.objects.get().action == WorkflowEvent.Action.SUBMITTED
    assert Version.objects.count() == 1


# --- Officials' appointments and sections --------------------------------------------


@pytest.fixture
def official_with_a_post():
    official = make_official(biography="<p>Born in Minsk.</p>")
    Appointment.objects.create(
        official=official, post="Deputy", started_on=datetime.date(2020, 1, 1)
    )
    return official


def test_an_official_with_unchanged_appointments_writes_nothing(
    client, official_with_a_post
):
    client.force_login(staff(EDITOR))
    data = open_form(client, official_with_a_post)
    appointments_before = list(Appointment.objects.values())
    before = stored(official_with_a_post)

    save(client, official_with_a_post, data)

    assert nothing_written(official_with_a_post, before)
    assert list(Appointment.objects.values()) == appointments_before


def test_a_new_appointment_alone_is_saved_and_logged(client, official_with_a_post):
    client.force_login(staff(EDITOR))
    data = open_form(client, official_with_a_post)
    extra = int(data["appointments-INITIAL_FORMS"])  # the empty row after the rows

    save(
        client,
        official_with_a_post,
        data
        | {
            f"appointments-{extra}-post": "Secretary General",
            f"appointments-{extra}-started_on": typed_date(
                client, official_with_a_post, "started_on", datetime.date(2023, 11, 23)
            ),
        },
    )

    assert Appointment.objects.filter(post="Secretary General").exists()
    assert (
        LogEntry.objects.get().get_change_message()
        == "Added appointment “Secretary General”."
    )
    # The official's revision holds the new appointment (it is followed).
    version = Version.objects.get_for_object(official_with_a_post).get()
    assert version.revision.version_set.filter(object_repr="Secretary General").exists()


def test_a_changed_appointment_is_logged_in_plain_words(client, official_with_a_post):
    client.force_login(staff(EDITOR))
    data = open_form(client, official_with_a_post)

    ended = typed_date(
        client, official_with_a_post, "ended_on", datetime.date(2023, 11, 22)
    )
    save(client, official_with_a_post, data | {"appointments-0-ended_on": ended})

    assert (
        LogEntry.objects.get().get_change_message()
        == "Changed to for appointment “Deputy”."
    )


def test_a_sections_description_with_browser_line_endings_is_no_change(client):
    section = make_section(description="CSTO news.\nAll of it.")
    client.force_login(staff(EDITOR))
    data = open_form(client, section)
    before = stored(section)

    save(client, section, data | {"description_en": "CSTO news.\r\nAll of it."})

    assert nothing_written(section, before)
