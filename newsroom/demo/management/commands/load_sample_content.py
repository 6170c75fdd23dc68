"""Synthetic, plainly labelled sample content ("Sample item 17", lorem ipsum) to
fill listings and pagination, or to load a benchmark database."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from newsroom.events.models import Event, EventKind
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis "
    "nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat."
)
SAMPLE_SECTION = {"slug": "sample-section", "name": "Sample section", "order": 900}
SAMPLE_SPEAKER = {
    "slug": "sample-speaker",
    "name": "Sample Speaker",
    "position": "Sample position (not a real person)",
    "order": 900,
    "is_active": False,
}
MAX_COUNT = 1_000_000


def sample_fields(model, noun, count):
    """Yield (n, shared fields) for `count` new samples, numbered after the last one."""
    last = (
        model.objects.filter(slug__startswith=f"sample-{noun}-")
        .order_by("-id")
        .values_list("slug", flat=True)
        .first()
    )
    start = int(last.rsplit("-", 1)[1]) if last else 0
    now = timezone.now()
    for n in range(start + 1, start + count + 1):
        yield (
            n,
            {
                "title": f"Sample {noun} {n}",
                "slug": f"sample-{noun}-{n}",
                "summary": f"Sample {noun} {n}. {LOREM}",
                "body": f"<h2>Sample {noun} {n}</h2><p>{LOREM}</p><p>{LOREM}</p>",
                "status": Status.PUBLISHED,
                "published_at": now - datetime.timedelta(hours=n),
            },
        )


class Command(BaseCommand):
    help = "Add sample news items, speeches and events (labelled as samples)."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=60)
        parser.add_argument("--speeches", type=int, default=25)
        parser.add_argument("--events", type=int, default=25)

    @transaction.atomic
    def handle(self, *args, news, speeches, events, **options):
        if not all(0 <= count <= MAX_COUNT for count in (news, speeches, events)):
            raise CommandError(f"Counts must be between 0 and {MAX_COUNT:,}.")
        section, _ = Section.objects.get_or_create(
            slug=SAMPLE_SECTION["slug"], defaults=SAMPLE_SECTION
        )
        speaker, _ = Official.objects.get_or_create(
            slug=SAMPLE_SPEAKER["slug"], defaults=SAMPLE_SPEAKER
        )
        today = timezone.localdate()
        NewsItem.objects.bulk_create(
            (
                NewsItem(section=section, **fields)
                for _, fields in sample_fields(NewsItem, "item", news)
            ),
            batch_size=1000,
        )
        Speech.objects.bulk_create(
            (
                Speech(
                    speaker=speaker,
                    delivered_on=today - datetime.timedelta(days=n),
                    location="Sample city",
                    **fields,
                )
                for n, fields in sample_fields(Speech, "speech", speeches)
            ),
            batch_size=1000,
        )
        # Half of the sample events lie ahead, half in the past.
        Event.objects.bulk_create(
            (
                Event(
                    starts_on=today + datetime.timedelta(days=n - events // 2),
                    kind=EventKind.MEETING,
                    location="Sample city",
                    **fields,
                )
                for n, fields in sample_fields(Event, "event", events)
            ),
            batch_size=1000,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {news} sample news items, {speeches} speeches, {events} events."
            )
        )
