"""The back office through HTTP: every ModelAdmin loads, saves and refuses bad
input; its list search, autocomplete and "View on site" take any input."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Publishable
from newsroom.publishing.registry import content_kinds
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement
from tests.factories import (
    FACTORIES,
    add_form_data,
    admin_url,
    make_event,
    make_news,
    make_official,
    make_speech,
    make_user,
)

pytestmark = pytest.mark.django_db

RICH_TEXT_MODELS = [NewsItem, Speech, Event, Statement, Official]


def test_every_registered_kind_has_a_builder_and_an_admin():
    """So every test that walks FACTORIES covers a kind added to the registry."""
    for kind in content_kinds:
        assert kind.model in FACTORIES, kind.name
        assert admin.site.is_registered(kind.model), kind.name


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["changelist", "add", "change", "delete", "history"])
def test_every_admin_page_loads_for_a_superuser(admin_client, model, view):
    obj = FACTORIES[model]()
    args = () if view in ("changelist", "add") else (obj.pk,)
    response = admin_client.get(admin_url(model, view, *args))
    assert response.status_code == 200


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_admin_search_and_filters_work(admin_client, model):
    obj = FACTORIES[model]()
    url = admin_url(model, "changelist")
    response = admin_client.get(url, {"q": str(obj)})
    assert response.status_code == 200
    # The search box echoes the query: look at the rows, not the page's text.
    assert [row.pk for row in response.context["cl"].result_list] == [obj.pk]
    if issubclass(model, Publishable):
        for params in ({"status__exact": "published"}, {"year": "2024"}, {"year": "x"}):
            assert admin_client.get(url, params).status_code == 200


@pytest.mark.parametrize("model", RICH_TEXT_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["add", "change"])
def test_rich_text_is_edited_with_ckeditor(admin_client, model, view):
    obj = FACTORIES[model]()
    args = () if view == "add" else (obj.pk,)
    content = admin_client.get(admin_url(model, view, *args)).content.decode()
    assert 'data-type="ckeditortype"' in content
    assert "ckeditor/ckeditor.js" in content


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_a_post_creates_the_item(admin_client, model):
    before = model.objects.count()
    response = admin_client.post(admin_url(model, "add"), add_form_data(model))
    assert response.status_code == 302, response.context["adminform"].errors
    assert model.objects.count() == before + 1


def test_a_posted_news_item_is_sanitised_and_signed_by_its_author(client):
    author = make_user("reporter", is_staff=True, is_superuser=True)
    client.force_login(author)
    data = add_form_data(NewsItem)
    data["created_by"] = make_user("forger").pk  # not a form field: ignored

    client.post(admin_url(NewsItem, "add"), data)

    item = NewsItem.objects.get(slug="consultations-held")
    assert item.created_by == author and item.updated_by == author
    assert "<script" not in item.body
    assert item.body.startswith("<h2>Heading</h2>")
    assert item.is_featured and item.officials.count() == 1
    assert item.is_live


def test_a_change_by_someone_else_updates_only_updated_by(client):
    author = make_user("author", is_staff=True, is_superuser=True)
    editor = make_user("editor", is_staff=True, is_superuser=True)
    client.force_login(author)
    client.post(admin_url(Speech, "add"), add_form_data(Speech))
    speech = Speech.objects.get(slug="consultations-held")

    client.force_login(editor)
    data = add_form_data(Speech) | {
        "title": "Edited title",
        "speaker": speech.speaker_id,
        "loaded_version": speech.edit_version,
    }
    response = client.post(admin_url(Speech, "change", speech.pk), data)

    assert response.status_code == 302
    speech.refresh_from_db()
    assert speech.title == "Edited title"
    assert speech.created_by == author
    assert speech.updated_by == editor


def test_an_official_biography_is_sanitised_and_appointments_saved(admin_client):
    admin_client.post(admin_url(Official, "add"), add_form_data(Official))
    official = Official.objects.get(slug="sample-official")
    assert official.biography == '<p>Bio</p><img src="x">'
    assert official.appointments.get().post == "Sample post"


BAD_INPUT = [
    (NewsItem, {"title": ""}, "title"),
    (NewsItem, {"summary": ""}, "summary"),
    (NewsItem, {"section": ""}, "section"),
    (NewsItem, {"title": "x" * 10_000}, "title"),
    (NewsItem, {"slug": "not a slug!"}, "slug"),
    (NewsItem, {"summary": "bad \x00 byte"}, "summary"),
    (NewsItem, {"published_at": "45.13.2024 12:00"}, "published_at"),
    (NewsItem, {"status": "live"}, "status"),
    (NewsItem, {"section": "999999"}, "section"),
    (Speech, {"speaker": ""}, "speaker"),
    (Speech, {"delivered_on": "yesterday"}, "delivered_on"),
    (Event, {"ends_on": "01.03.2024"}, "ends_on"),
    (Event, {"kind": "party"}, "kind"),
    (Statement, {"organ": ""}, "organ"),
    (Statement, {"issued_on": "yesterday"}, "issued_on"),
    (Official, {"name_en": "", "slug": "x"}, "name_en"),
    (Section, {"name_en": "x" * 10_000}, "name_en"),
]


@pytest.mark.parametrize(("model", "changes", "field"), BAD_INPUT)
def test_bad_input_is_a_form_error_on_the_field(admin_client, model, changes, field):
    before = model.objects.count()
    data = add_form_data(model) | changes

    response = admin_client.post(admin_url(model, "add"), data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert model.objects.count() == before


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_a_duplicate_slug_is_a_form_error(admin_client, model):
    FACTORIES[model](slug="taken")
    data = add_form_data(model) | {"slug": "taken"}

    response = admin_client.post(admin_url(model, "add"), data)

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors["slug"])


def test_an_appointment_ending_before_it_starts_is_an_inline_error(admin_client):
    data = add_form_data(Official) | {"appointments-0-ended_on": "01.01.2020"}
    response = admin_client.post(admin_url(Official, "add"), data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert errors[0] == {"ended_on": ["An appointment cannot end before it starts."]}
    assert not Official.objects.exists()


def test_deleting_an_official_who_gave_speeches_explains_why_not(admin_client):
    speech = make_speech()
    url = admin_url(Official, "delete", speech.speaker.pk)

    page = admin_client.get(url)
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in (
        page.content.decode()
    )
    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code in (200, 403)
    assert Official.objects.filter(pk=speech.speaker.pk).exists()
    assert Speech.objects.filter(pk=speech.pk).exists()


def test_admin_list_shows_scheduled_items_and_view_on_site(admin_client):
    item = make_news(
        published_at=datetime.datetime(2099, 1, 1, 12, tzinfo=datetime.UTC),
        title="Future item",
    )
    changelist = admin_client.get(admin_url(NewsItem, "changelist")).content.decode()
    assert "Scheduled for 01.01.2099" in changelist

    change = admin_client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert "View on site" in change


def test_admin_autocomplete_finds_officials_and_events(admin_client):
    official = make_official(name="Andrei Serdyukov")
    event = make_event(title="IX Training Courses")
    url = reverse("admin:autocomplete")
    for target, term in ((official, "Serdyukov"), (event, "Training")):
        response = admin_client.get(
            url,
            {
                "term": term,
                "app_label": "news",
                "model_name": "newsitem",
                "field_name": "officials" if target is official else "event",
            },
        )
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [str(target.pk)]


def test_the_admin_requires_a_login(client):
    response = client.get(admin_url(NewsItem, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_view_on_site_with_a_bad_id_is_404(admin_client):
    content_type = ContentType.objects.get_for_model(NewsItem)
    assert admin_client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404


def test_admin_search_and_autocomplete_survive_a_nul(admin_client):
    """PostgreSQL refuses a NUL in a query: autocomplete searches it as a space."""
    make_news(title="Findable item")
    event = make_event(title="Findable event")
    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "news", "model_name": "newsitem", "field_name": "event",
         "term": "Find\x00able"},
    )  # fmt: skip
    assert autocomplete.status_code == 200
    assert [r["id"] for r in autocomplete.json()["results"]] == [str(event.pk)]
    # Django's list search form refuses the NUL and shows the list unfiltered.
    for model in (NewsItem, Section):
        listing = admin_client.get(
            admin_url(model, "changelist"), {"q": "Find\x00able"}
        )
        assert listing.status_code == 200
        assert "Null characters are not allowed." in listing.content.decode()
