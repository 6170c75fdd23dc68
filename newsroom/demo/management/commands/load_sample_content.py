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


class Command(BaseCommand):
    help = "Add N sample news items, speeches and events (labelled as samples)."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=60)
        parser.add_argument("--speeches", type=int, default=25)
        parser.add_argument("--events", type=int, default=25)

    @transaction.atomic
    def handle(self, *args, news, speeches, events, **options):
        if min(news, speeches, events) < 0 or max(news, speeches, events) > 1_000_000:
            raise CommandError("Counts must be between 0 and 1,000,000.")
        section, _ = Section.objects.get_or_create(
            slug=SAMPLE_SECTION["slug"], defaults=SAMPLE_SECTION
        )
        speaker, _ = Official.objects.get_or_create(
            slug=SAMPLE_SPEAKER["slug"], defaults=SAMPLE_SPEAKER
        )
        now = timezone.now()
        today = timezone.localdate()

        def common(model, noun, n):
            # Continue after the newest sample, so running again adds, never clashes.
            last = (
                model.objects.filter(slug__startswith=f"sample-{noun}-")
                .order_by("-id")
                .values_list("slug", flat=True)
                .first()
            )
            start = int(last.rsplit("-", 1)[1]) if last else 0
            for i in range(start + 1, start + n + 1):
                yield (
                    i,
                    {
                        "title": f"Sample {noun} {i}",
                        "slug": f"sample-{noun}-{i}",
                        "summary": f"Sample {noun} {i}. {LOREM}",
                        "body": f"<h2>Sample {noun} {i}</h2><p>{LOREM}</p><p>{LOREM}</p>",
                        "status": Status.PUBLISHED,
                        "published_at": now - datetime.timedelta(hours=i),
                    },
                )

        NewsItem.objects.bulk_create(
            (
                NewsItem(section=section, **fields)
                for _, fields in common(NewsItem, "item", news)
            ),
            batch_size=1000,
        )
        Speech.objects.bulk_create(
            (
                Speech(
                    speaker=speaker,
                    delivered_on=today - datetime.timedelta(days=i),
                    location="Sample city",
                    **fields,
                )
                for i, fields in common(Speech, "speech", speeches)
            ),
            batch_size=1000,
        )
        Event.objects.bulk_create(
            (
                Event(
                    starts_on=today + datetime.timedelta(days=i - events // 2),
                    kind=EventKind.MEETING,
                    location="Sample city",
                    **fields,
                )
                for i, fields in common(Event, "event", events)
            ),
            batch_size=1000,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {news} sample news items, {speeches} speeches, {events} events."
            )
        )
