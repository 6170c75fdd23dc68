"""Nothing is lost by a deletion: recovering a deleted event links it again
from the news and speeches that pointed to it; officials and sections have a
history and are recovered too, with their appointments and the items that
named them."""

import pytest
from django.test import Client
from reversion.models import Version

from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.models import WorkflowEvent
from tests.factories import (
    add_form_data,
    admin_form_data,
    admin_url,
    make_event,
    make_news,
    make_official,
    make_speech,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff("Editor", "editor")


@pytest.fixture
def client(editor):
    client = Client()
    client.force_login(editor)
    return client


def add(client, model, **fields):
    response = client.post(admin_url(model, "add"), add_form_data(model) | fields)
    assert response.status_code == 302, response.context["adminform"].errors
    return model.objects.get(slug=fields["slug"])


def save(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].errors


def delete(client, obj):
    response = client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def recover(client, model):
    version = Version.objects.get_deleted(model).get()
    url = admin_url(model, "recover", version.pk)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, admin_form_data(page))
    assert response.status_code == 302, response.context["adminform"].errors
    return model.objects.get(pk=version.object_id)


def test_recovering_a_deleted_event_links_it_again(client):
    event = add(client, Event, title="Joint exercise", slug="joint-exercise")
    # One item saved through the admin (it has revisions), one made by a
    # command (it has none): both lose the link when the event goes.
    news = add(client, NewsItem, title="Exercise begins", slug="exercise-begins",
               event=event.pk)  # fmt: skip
    speech = make_speech(event=event)
    delete(client, event)
    news.refresh_from_db()
    speech.refresh_from_db()
    assert news.event_id is None and speech.event_id is None

    recovered = recover(client, Event)
    assert recovered.title == "Joint exercise"
    news.refresh_from_db()
    speech.refresh_from_db()
    assert news.event_id == recovered.pk
    assert speech.event_id == recovered.pk
    assert WorkflowEvent.objects.filter(action="recovered").exists()


def test_a_link_changed_after_the_deletion_stays_as_it_was_changed(client):
    event = add(client, Event, title="Joint exercise", slug="joint-exercise")
    other = make_event(title="Another event")
    news = add(client, NewsItem, title="Exercise begins", slug="exercise-begins",
               event=event.pk)  # fmt: skip
    delete(client, event)
    news.refresh_from_db()
    save(client, news, event=other.pk)  # someone chose another event since

    recover(client, Event)
    news.refresh_from_db()
    assert news.event_id == other.pk


def test_an_event_deleted_from_the_list_is_recovered_with_its_links(client):
    event = add(client, Event, title="Joint exercise", slug="joint-exercise")
    news = make_news(event=event)
    response = client.post(
        admin_url(Event, "changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Event.objects.exists()

    recovered = recover(client, Event)
    news.refresh_from_db()
    assert news.event_id == recovered.pk


def test_an_official_has_a_history_and_is_recovered_with_what_named_them(client):
    official = add(client, Official, name_en="Sample Official", slug="sample-official")
    save(client, official, rank_en="Colonel-General")
    history = client.get(admin_url(Official, "history", official.pk))
    assert history.status_code == 200
    assert Version.objects.get_for_object(official).count() == 2
    news = make_news()
    news.officials.add(official)
    event = make_event()
    event.officials.add(official)
    appointments = list(official.appointments.values_list("post", flat=True))
    assert appointments  # the add form has one

    delete(client, official)
    assert not Appointment.objects.exists()
    assert not news.officials.exists()

    recovered = recover(client, Official)
    assert recovered.rank == "Colonel-General"
    assert list(recovered.appointments.values_list("post", flat=True)) == appointments
    assert list(news.officials.all()) == [recovered]
    assert list(event.officials.all()) == [recovered]


def test_a_section_has_a_history_and_is_recovered(client):
    section = add(client, Section, name_en="Press releases", slug="press-releases")
    save(client, section, description_en="What the press service releases.")
    assert client.get(admin_url(Section, "history", section.pk)).status_code == 200
    delete(client, section)

    assert client.get(admin_url(Section, "recoverlist")).status_code == 200
    recovered = recover(client, Section)
    assert recovered.description == "What the press service releases."


@pytest.mark.parametrize("model", [Official, Section])
def test_reporters_read_but_do_not_recover_officials_or_sections(model):
    reporter = staff("Reporter")
    client = Client()
    client.force_login(reporter)
    obj = (
        make_official()
        if model is Official
        else Section.objects.create(name="Press", slug="press")
    )
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "recoverlist")).status_code == 403
    assert b"recoverlink" not in client.get(admin_url(model, "changelist")).content
