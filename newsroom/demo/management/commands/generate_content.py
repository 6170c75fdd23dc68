"""Generate a synthetic archive: plainly labelled sample news items, speeches,
events, statements, sections and officials ("Sample item 17"), for pagination,
search and benchmarks. Text is assembled from common English words with a realistic
spread (a few very frequent words, many rare ones), so full-text search works
on it as on real articles; nothing in it claims to be real news. The samples
are English; each sample statement comes with its Russian original
("Демонстрационное заявление 3", of common Russian words), the English being
its unofficial translation, as an official statement's English is.

    python manage.py generate_content --news 100000 --speeches 5000 --events 5000 \
        --statements 1000
    python manage.py generate_content --news 100000 --fill   # up to 100,000 in all
"""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from newsroom.caching.signals import content_changed
from newsroom.demo import russian
from newsroom.events.models import Event, EventKind
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.publishing.languages import slug_text
from newsroom.publishing.models import Status
from newsroom.publishing.translations import snapshot_of
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement

MAX_COUNT = 1_000_000
BATCH = 2_000
# Frequent words first: word n is drawn with weight 1/n (Zipf's law).
VOCABULARY = """
the of and to in on for with at by from as that this was were is be will has have
security cooperation member states meeting council session organization
delegation secretary general joint staff training exercise forces defence
ministers parliamentary assembly agreement protocol programme development
regional international collective crisis response operation border peacekeeping
consultations working group information analysis threat terrorism drugs
migration technology partners centre conference report decision plan year
officials experts participants discussed agreed approved signed held noted
stressed welcomed presented prepared adopted continued strengthened improved
coordination implementation preparation evaluation assistance support
mechanisms measures priorities activities results questions proposals tasks
capabilities equipment logistics medical communications command control
intelligence formations contingents units headquarters academy courses
specialists instructors graduates certificates seminar workshop visit
anniversary ceremony memorial tradition heritage history archive library
biosafety epidemiology laboratory vaccine monitoring satellite cyber networks
legislation harmonisation ratification charter statute amendment annex
budget finance procurement audit commission inspection verification
""".split()
RARE_WORDS = """
zephyr quillwork obsidian marzipan tamarind juniper halcyon verdigris
lodestar cartouche pennant filigree bastion rampart citadel parapet
""".split()
SECTIONS = [
    ("sample-section-a", "Sample section A"),
    ("sample-section-b", "Sample section B"),
]
OFFICIALS = 12


class TextGenerator:
    def __init__(self, seed: int, vocabulary=VOCABULARY, rare_words=RARE_WORDS):
        self.random = random.Random(seed)
        self.vocabulary, self.rare_words = vocabulary, rare_words
        self.weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]

    def words(self, count: int) -> list[str]:
        words = self.random.choices(self.vocabulary, weights=self.weights, k=count)
        if self.random.random() < 0.02:  # now and then a rare word
            words[self.random.randrange(count)] = self.random.choice(self.rare_words)
        return words

    def sentence(self) -> str:
        words = self.words(self.random.randint(8, 20))
        text = " ".join(words)
        # Only the first letter: "ОДКБ" mid-sentence stays as it is written.
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(3, 6)))

    def body(self) -> str:
        paragraphs = [self.paragraph() for _ in range(self.random.randint(3, 6))]
        return "".join(f"<p>{p}</p>" for p in paragraphs)

    def title(self, label: str) -> str:
        return f"{label}: {' '.join(self.words(self.random.randint(4, 9)))}"


def _next_number(model, prefix: str) -> int:
    """Continue after the newest sample, so running again adds and never clashes."""
    last = (
        model.objects.filter(slug__startswith=prefix)
        .order_by("-id")
        .values_list("slug", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) + 1 if last else 1


class Command(BaseCommand):
    help = "Add synthetic, plainly labelled sample content (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=60)
        parser.add_argument("--speeches", type=int, default=25)
        parser.add_argument("--events", type=int, default=25)
        parser.add_argument("--statements", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--fill",
            action="store_true",
            help="Treat the counts as totals: add only what the database lacks.",
        )

    def handle(self, *args, news, speeches, events, statements, seed, fill, **options):
        counts = (news, speeches, events, statements)
        if not all(0 <= count <= MAX_COUNT for count in counts):
            raise CommandError(f"Counts must be between 0 and {MAX_COUNT:,}.")
        if fill:
            news = max(0, news - NewsItem.objects.count())
            speeches = max(0, speeches - Speech.objects.count())
            events = max(0, events - Event.objects.count())
            # The English ones: each has its Russian original beside it.
            statements = max(
                0, statements - Statement.objects.filter(language="en").count()
            )
        self.text = TextGenerator(seed)
        # Its own stream: the English samples are the same with or without it.
        self.russian = TextGenerator(seed, russian.VOCABULARY, rare_words=["ОДКБ"])
        self.now = timezone.now()
        self.today = timezone.localdate()
        # Sample sections and officials only for the items that need them.
        with transaction.atomic():
            sections = [
                Section.objects.get_or_create(slug=slug, defaults={"name": name})[0]
                for slug, name in (SECTIONS if news else [])
            ]
            officials = [
                Official.objects.get_or_create(
                    slug=f"sample-official-{n}",
                    defaults={
                        "name": f"Sample Official {n}",
                        "position": "Sample position (not a real person)",
                        "order": 900 + n,
                        "is_active": False,
                    },
                )[0]
                for n in range(1, OFFICIALS + 1 if speeches else 1)
            ]
        self._create(
            NewsItem, "item", news, lambda n, r: {"section": r.choice(sections)}
        )
        self._create(
            Speech,
            "speech",
            speeches,
            lambda n, r: {
                "speaker": r.choice(officials),
                "delivered_on": self.today - datetime.timedelta(days=n % 3650),
                "location": "Sample city",
            },
        )
        self._create(
            Event,
            "event",
            events,
            lambda n, r: {
                "starts_on": self.today + datetime.timedelta(days=n - events // 2),
                "kind": r.choice(EventKind.values),
                "location": "Sample city",
            },
        )
        self._create(
            Statement,
            "statement",
            statements,
            lambda n, r: {
                "organ": r.choice(list(russian.SAMPLE_ORGANS)),
                "issued_on": self.today - datetime.timedelta(days=n % 3650),
            },
            original=self._russian_statement,
        )
        # bulk_create sends no signals: cached pages are left behind here.
        content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {news} sample news items, {speeches} speeches, {events} "
                f"events, {statements} statements."
            )
        )

    def _create(self, model, noun, count, extra, original=None):
        """`count` English samples; with `original`, each the translation of
        the original it makes (created first, in the same batch)."""
        first = _next_number(model, f"sample-{noun}-")
        label = f"Sample {noun}"
        for start in range(first, first + count, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, first + count)):
                rows.append(
                    model(
                        title=self.text.title(f"{label} {n}"),
                        slug=f"sample-{noun}-{n}",
                        summary=f"{label} {n}. {self.text.sentence()}",
                        body=self.text.body(),
                        status=Status.PUBLISHED,
                        language="en",
                        # One every 20 minutes, newest first.
                        published_at=self.now - datetime.timedelta(minutes=20 * n),
                        **extra(n, self.text.random),
                    )
                )
            with transaction.atomic():
                if original is not None:
                    originals = model.objects.bulk_create(
                        [original(n, row) for n, row in enumerate(rows, start)]
                    )
                    for row, source in zip(rows, originals, strict=True):
                        row.translation_of = source
                        row.unofficial_translation = True
                        # bulk_create sanitised the body in place: as stored.
                        row.source_snapshot = snapshot_of(source)
                model.objects.bulk_create(rows)
            if count > BATCH:
                self.stdout.write(
                    f"  {model._meta.verbose_name_plural}: {n - first + 1}"
                )

    def _russian_statement(self, n: int, english: Statement) -> Statement:
        """The Russian original of sample statement `n`: same body, date and
        time, its own words."""
        label = f"{russian.SAMPLE_STATEMENT} {n}"
        return Statement(
            title=self.russian.title(label),
            # Not under "sample-statement-": _next_number reads those.
            slug=slug_text(label),
            summary=f"{label}. {self.russian.sentence()}",
            body=self.russian.body(),
            status=english.status,
            language="ru",
            published_at=english.published_at,
            organ=russian.SAMPLE_ORGANS[english.organ],
            issued_on=english.issued_on,
        )
