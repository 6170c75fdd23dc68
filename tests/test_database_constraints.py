"""Rules the data keeps hold in the database, not only in forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech
from tests.factories import (
    make_event,
    make_news,
    make_official,
    make_section,
    make_speech,
    make_statement,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [make_news, make_speech, make_event, make_statement, make_official, make_section],
)
def test_slugs_are_unique_within_their_kind(factory):
    factory(slug="same-slug")
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(slug="same-slug")


def test_the_same_slug_may_serve_two_kinds():
    make_news(slug="shared")
    make_speech(slug="shared")
    make_event(slug="shared")
    assert NewsItem.objects.filter(slug="shared").count() == 1
    assert Speech.objects.filter(slug="shared").count() == 1


def test_an_event_cannot_end_before_it_starts_in_the_database():
    event = make_event(starts_on=datetime.date(2024, 4, 23))
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_on=datetime.date(2024, 4, 1))


def test_an_event_ending_before_it_starts_is_a_field_error():
    event = make_event(starts_on=datetime.date(2024, 4, 23))
    event.ends_on = datetime.date(2024, 4, 1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {
        "ends_on": ["An event cannot end before it starts."]
    }


def test_one_day_and_multi_day_events_are_valid():
    one_day = make_event(starts_on=datetime.date(2024, 4, 24))
    one_day.full_clean()
    ranged = make_event(
        starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2024, 4, 23)
    )
    ranged.full_clean()
    assert ranged.last_day == datetime.date(2024, 4, 23)
    assert one_day.last_day == datetime.date(2024, 4, 24)


def test_an_appointment_cannot_end_before_it_starts():
    official = make_official()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            official=official,
            post="Post",
            started_on=datetime.date(2024, 1, 2),
            ended_on=datetime.date(2024, 1, 1),
        )


def test_deleting_an_official_who_gave_speeches_is_refused():
    speech = make_speech()
    with pytest.raises(ProtectedError):
        speech.speaker.delete()
    assert Official.objects.filter(pk=speech.speaker.pk).exists()
    assert Speech.objects.filter(pk=speech.pk).exists()


def test_deleting_an_official_mentioned_in_news_keeps_the_news():
    official = make_official()
    item = make_news()
    item.officials.add(official)
    official.delete()
    assert list(NewsItem.objects.get(pk=item.pk).officials.all()) == []


def test_deleting_a_section_that_holds_news_is_refused():
    item = make_news()
    with pytest.raises(ProtectedError):
        item.section.delete()
    assert Section.objects.filter(pk=item.section.pk).exists()


def test_deleting_an_event_keeps_its_news_and_speeches():
    event = make_event()
    item = make_news(event=event)
    speech = make_speech(event=event)
    event.delete()
    item.refresh_from_db()
    speech.refresh_from_db()
    assert item.event is None and speech.event is None


def test_a_published_item_always_has_a_publication_time_in_the_database():
    item = make_news(status=Status.DRAFT, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.filter(pk=item.pk).update(status=Status.PUBLISHED)


def test_an_empty_title_is_refused_by_the_database():
    item = make_news()
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.filter(pk=item.pk).update(title="")
