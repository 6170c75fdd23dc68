"""Times in the back office: shown and typed as dd.mm.yyyy HH:MM in the
organisation's time zone, named ("Moscow time", from settings); one text input
read strictly; dates as dd.mm.yyyy; no browser-offset warning."""

import datetime
import re

import pytest
from django.test import override_settings

from newsroom.accounts.roles import EDITOR
from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.models import Status, WorkflowEvent
from newsroom.speeches.models import Speech
from tests.factories import (
    add_form_data,
    admin_url,
    change_data,
    editorial_factories,
    make_event,
    make_official,
    staff,
)

pytestmark = pytest.mark.django_db

NOON = "24.04.2024 12:00"  # FIXED_NOW (09:00 UTC) in Moscow


@pytest.fixture
def editor(client):
    user = staff(EDITOR)
    client.force_login(user)
    return user


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
def test_the_form_shows_the_time_in_moscow_time_in_one_input(
    client, editor, frozen_now, model
):
    item = editorial_factories()[model](published_at=frozen_now)

    html = page(client.get(admin_url(model, "change", item.pk)))

    assert re.search(rf'name="published_at" value="{NOON}"', html)
    assert '<span class="time-zone">Moscow time</span>' in html
    # Not Django's split inputs, calendar or browser-offset warning.
    assert "published_at_0" not in html
    assert "DateTimeShortcuts.js" not in html
    assert "timezonewarning" not in html


@pytest.mark.parametrize("model", list(editorial_factories()), ids=lambda m: m.__name__)
def test_lists_show_the_time_in_one_format_with_the_zone_named(
    client, editor, frozen_now, model
):
    editorial_factories()[model](published_at=frozen_now)

    html = page(client.get(admin_url(model, "changelist")))

    assert "All times are Moscow time." in html
    if model is not Event:  # events list their dates instead
        assert NOON in html
        assert "Published (Moscow time)" in html
    assert not re.search(r"\b(a\.m\.|p\.m\.|noon)\b", html)


def test_events_and_speeches_show_their_dates_as_dd_mm_yyyy(client, editor):
    make_event(starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2024, 4, 23))

    html = page(client.get(admin_url(Event, "changelist")))

    assert "01.04.2024" in html and "23.04.2024" in html
    assert "April 1, 2024" not in html


def test_the_record_and_the_read_only_times_use_the_same_format(
    client, editor, frozen_now
):
    item = editorial_factories()[NewsItem](status=Status.IN_REVIEW, published_at=None)
    WorkflowEvent.objects.create(
        at=frozen_now, actor_name="editor", action="published", object_repr="x"
    )

    record = page(client.get(admin_url(WorkflowEvent, "changelist")))
    form = page(client.get(admin_url(NewsItem, "change", item.pk)))

    assert NOON in record and "When (Moscow time)" in record
    # "Record": created and updated times, read-only, in the same format.
    shown = re.findall(r'<div class="readonly">([^<]*)</div>', form)
    assert any(re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", s) for s in shown)


def test_the_history_page_shows_times_in_the_same_format(client, editor):
    client.post(admin_url(NewsItem, "add"), add_form_data(NewsItem))
    item = NewsItem.objects.get()

    html = page(client.get(admin_url(NewsItem, "history", item.pk)))

    assert re.search(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", html)
    assert not re.search(r"\b(a\.m\.|p\.m\.)", html)


def test_a_typed_time_is_read_in_moscow_time(client, editor, frozen_now):
    response = client.post(
        admin_url(NewsItem, "add"),
        add_form_data(NewsItem) | {"published_at": "24.04.2024 09:30"},
    )

    assert response.status_code == 302
    stored = NewsItem.objects.get().published_at
    assert stored == datetime.datetime(2024, 4, 24, 6, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "typed",
    [
        "2024-04-24 12:00",  # ISO: not the format
        "24.04.2024",  # no time
        "24/04/2024 12:00",
        "24.4.2024 12:00",  # one-digit month
        "24.04.24 12:00",
        "24.04.2024 12:00:00",  # seconds
        "24.04.2024 12.00",
        "31.02.2024 12:00",  # no such day
        "24.04.2024 24:00",
        "tomorrow",
        "24.04.2024\x0012:00",
    ],
)
def test_a_time_in_another_format_is_a_field_error(client, editor, typed):
    response = client.post(
        admin_url(NewsItem, "add"), add_form_data(NewsItem) | {"published_at": typed}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["published_at"]
    assert any("dd.mm.yyyy HH:MM" in error for error in errors), errors
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize(
    "typed", ["2023-12-19", "19.12.23", "19/12/2023", "32.12.2023"]
)
def test_a_date_in_another_format_is_a_field_error(client, editor, typed):
    response = client.post(
        admin_url(Speech, "add"), add_form_data(Speech) | {"delivered_on": typed}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["delivered_on"]
    assert "Enter the date as dd.mm.yyyy" in errors[0]
    assert not Speech.objects.exists()


def test_appointment_dates_are_typed_and_shown_as_dd_mm_yyyy(client, editor):
    response = client.post(admin_url(Official, "add"), add_form_data(Official))
    assert response.status_code == 302
    official = Official.objects.get()
    assert official.appointments.get().started_on == datetime.date(2023, 11, 23)

    html = page(client.get(admin_url(Official, "change", official.pk)))
    assert 'value="23.11.2023"' in html


def test_an_unchanged_time_is_saved_as_stored_to_the_second(client, editor):
    item = editorial_factories()[NewsItem](
        published_at=datetime.datetime(2024, 4, 24, 9, 0, 41, 5, tzinfo=datetime.UTC)
    )

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, summary="A new lead."),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.summary == "A new lead."
    assert item.published_at.second == 41 and item.published_at.microsecond == 5


def test_the_zone_is_named_from_the_setting(client, editor, frozen_now):
    item = make_official()  # any admin page: the header names the zone
    with override_settings(TIME_ZONE_LABEL="MSK"):
        news = editorial_factories()[NewsItem](published_at=frozen_now)
        form = page(client.get(admin_url(NewsItem, "change", news.pk)))
        other = page(client.get(admin_url(Official, "change", item.pk)))
    assert '<span class="time-zone">MSK</span>' in form
    assert "All times are MSK." in other
