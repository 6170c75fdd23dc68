"""Small factories for tests: real rows with sensible defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsroom.events.models import Event, EventKind
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech

_sequence = itertools.count(1)


def _n():
    return next(_sequence)


def make_user(username=None, **fields):
    username = username or f"user{_n()}"
    password = fields.pop("password", "correct horse battery staple")
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=password, **fields
    )


def make_section(**fields):
    n = _n()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_official(**fields):
    n = _n()
    fields.setdefault("name", f"Sample Official {n}")
    fields.setdefault("slug", f"sample-official-{n}")
    fields.setdefault("position", "Sample position")
    return Official.objects.create(**fields)


def _publishing_defaults(fields, noun):
    n = _n()
    fields.setdefault("title", f"Sample {noun} {n}")
    fields.setdefault("slug", f"sample-{noun}-{n}")
    fields.setdefault("summary", f"Summary of sample {noun} {n}.")
    fields.setdefault("body", f"<p>Body of sample {noun} {n}.</p>")
    fields.setdefault("status", Status.PUBLISHED)
    if fields["status"] == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return fields


def make_news(**fields):
    fields = _publishing_defaults(fields, "news")
    if "section" not in fields:
        fields["section"] = make_section()
    return NewsItem.objects.create(**fields)


def make_event(**fields):
    fields = _publishing_defaults(fields, "event")
    fields.setdefault("starts_on", datetime.date(2024, 4, 1))
    fields.setdefault("kind", EventKind.MEETING)
    return Event.objects.create(**fields)


def make_speech(**fields):
    fields = _publishing_defaults(fields, "speech")
    if "speaker" not in fields:
        fields["speaker"] = make_official()
    fields.setdefault("delivered_on", datetime.date(2023, 12, 19))
    return Speech.objects.create(**fields)
