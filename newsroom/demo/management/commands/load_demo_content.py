"""Fill an empty database with the content of the seed page (shared/seed/), in
Russian and English.

The organisation writes in Russian: each item's Russian text (newsroom/demo/
russian.py) is the original, the authentic text, and the seed page's English
is its translation, linked to it and up to date with it. Sections, officials
and the identity carry both languages in their own columns (name_en, name_ru).

Every object is looked up and created only when missing, so running the
command again adds nothing twice and never overwrites what staff changed. A
database loaded before the demo had Russian (English items alone) gets the
Russian originals added and its English linked to them as translations; empty
Russian columns of sections, officials and the identity are filled.
"""

import datetime
import io
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.demo import russian
from newsroom.demo.placeholders import illustration, portrait_placeholder
from newsroom.demo.text import text_to_html
from newsroom.events.models import Event, EventKind
from newsroom.identity.marks import neutral_mark
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.models import Status
from newsroom.publishing.translations import snapshot_of
from newsroom.speeches.models import Speech

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
MOSCOW = ZoneInfo("Europe/Moscow")
# The languages of the pair: the seed page is the English site, and its
# English translates the Russian.
ORIGINAL, TRANSLATION = "ru", "en"
# The columns django-modeltranslation gives each of these models per language
# (newsroom/*/translation.py).
IDENTITY_TEXT = ("name", "short_name", "service_name", "address")
SECTION_TEXT = ("name", "description")
OFFICIAL_TEXT = (
    "name", "position", "rank", "organ", "country", "biography", "portrait_alt",
)  # fmt: skip


def moscow(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=MOSCOW)


# The seed page's organisation. Contacts are placeholders (example.org is
# reserved for examples): staff put the real ones in "Site identity".
IDENTITY = {
    "name": "Collective Security Treaty Organization",
    "short_name": "CSTO",
    "service_name": "Press service",
    "address": "Moscow (demo: the real address goes here)",
    "email": "press@example.org",
}
SECTIONS = [
    {"slug": "csto-news", "name": "CSTO News", "order": 10,
     "description": "News of the Organization and its bodies."},
    {"slug": "secretary-general", "name": "Secretary General", "order": 20,
     "description": "Activities and statements of the Secretary General."},
    {"slug": "parliamentary-assembly", "name": "Parliamentary Assembly", "order": 30,
     "description": "News of the CSTO Parliamentary Assembly."},
]  # fmt: skip

OFFICIALS = [
    {
        "slug": "imangali-tasmagambetov",
        "name": "Imangali Tasmagambetov",
        "position": "Secretary General",
        "organ": "CSTO Secretariat",
        "country": "Kazakhstan",
        "order": 10,
    },
    {
        "slug": "andrei-serdyukov",
        "name": "Andrei Serdyukov",
        "position": "Chief of the CSTO Joint Staff",
        "rank": "Colonel-General",
        "organ": "Joint Staff",
        "country": "Russia",
        "order": 20,
        "biography": "<p>By decision of the Collective Security Council at its "
        "session in Minsk on 23 November 2023, Colonel-General Andrei Serdyukov "
        "was appointed Chief of the CSTO Joint Staff.</p>",
        "appointments": [
            {"post": "Chief of the CSTO Joint Staff",
             "started_on": datetime.date(2023, 11, 23)},
        ],
    },
]  # fmt: skip

EVENTS = [
    {
        "slug": "collective-security-council-session-minsk-2023",
        "title": "Session of the CSTO Collective Security Council in Minsk",
        "summary": "Session of the Organization's Collective Security Council held "
        "in Minsk on 23 November 2023.",
        "starts_on": datetime.date(2023, 11, 23),
        "location": "Minsk",
        "kind": EventKind.SESSION,
        "published_at": moscow(2023, 11, 23, 9),
    },
    {
        "slug": "joint-meeting-council-16th-plenary-session-pa-2023",
        "title": "Joint meeting of the Council and the 16th plenary session of the "
        "CSTO Parliamentary Assembly",
        "summary": "Joint meeting of the Council and the 16th plenary session of the "
        "Parliamentary Assembly of the Collective Security Treaty Organization, "
        "Moscow, 19 December 2023.",
        "starts_on": datetime.date(2023, 12, 19),
        "location": "Moscow",
        "kind": EventKind.SESSION,
        "published_at": moscow(2023, 12, 19, 9),
        "officials": ["imangali-tasmagambetov"],
    },
    {
        "slug": "ix-training-courses-2024",
        "title": "IX Training Courses of the CSTO member states",
        "summary": "Regular IX Training Courses of the CSTO member states for senior "
        "staff and leading specialists, hosted by the Military Academy of the "
        "General Staff of the Armed Forces of the Russian Federation.",
        "starts_on": datetime.date(2024, 4, 1),
        "ends_on": datetime.date(2024, 4, 23),
        "location": "Military Academy of the General Staff of the Armed Forces of "
        "the Russian Federation",
        "kind": EventKind.TRAINING_COURSE,
        "published_at": moscow(2024, 4, 1, 9),
    },
    {
        "slug": "consultations-arms-control-2024-04-24",
        "title": "Consultations on topical issues of arms control, disarmament and "
        "non-proliferation",
        "summary": "Consultations of the CSTO member states at the CSTO Secretariat "
        "under the chairmanship of the Republic of Kazakhstan.",
        "starts_on": datetime.date(2024, 4, 24),
        "location": "CSTO Secretariat, Moscow",
        "kind": EventKind.CONSULTATION,
        "published_at": moscow(2024, 4, 24, 9),
    },
]

CONSULTATIONS_TEXT = (
    "On 24 April 2024, in Moscow, at the CSTO Secretariat consultations of the CSTO "
    "member states under the chairmanship of the Republic of Kazakhstan on the "
    'theme: "On topical issues of arms control, disarmament and non-proliferation" '
    "took place."
)
TRAINING_COURSES_TEXT = (
    "From 1 to 23 April 2024, the Military Academy of the General Staff of the Armed "
    "Forces of the Russian Federation hosted the regular IX Training Courses of the "
    "CSTO member states for senior staff and leading specialists of defense "
    "departments, law enforcement agencies, security council apparatuses, security "
    "agencies and special services, as well as bodies authorized to prevent and "
    "eliminate emergency situations."
)

NEWS = [
    {
        "slug": "consultations-on-arms-control-disarmament-and-non-proliferation",
        "title": "Consultations on topical issues of arms control, disarmament and "
        "non-proliferation at the CSTO Secretariat",
        "section": "csto-news",
        "summary": CONSULTATIONS_TEXT,
        "body": text_to_html(CONSULTATIONS_TEXT),
        "published_at": moscow(2024, 4, 24, 12),
        "event": "consultations-arms-control-2024-04-24",
    },
    {
        "slug": "ix-training-courses-of-the-csto-member-states",
        "title": "IX Training Courses of the CSTO member states held at the Military "
        "Academy of the General Staff",
        "section": "csto-news",
        "summary": TRAINING_COURSES_TEXT,
        "body": text_to_html(TRAINING_COURSES_TEXT),
        "published_at": moscow(2024, 4, 24, 11),
        "event": "ix-training-courses-2024",
    },
]

SPEECH = {
    "slug": "secretary-general-address-pa-plenary-2023-12-19",
    "title": "The CSTO Secretary General Imangali Tasmagambetov addressed the joint "
    "meeting of the Council and the 16th plenary session of the CSTO Parliamentary "
    "Assembly",
    "summary": "Address of the CSTO Secretary General to the joint meeting of the "
    "Council and the 16th plenary session of the CSTO Parliamentary Assembly, "
    "Moscow, 19 December 2023.",
    "speaker": "imangali-tasmagambetov",
    "delivered_on": datetime.date(2023, 12, 19),
    "location": "Moscow",
    "occasion": "Joint meeting of the Council and the 16th plenary session of the "
    "CSTO Parliamentary Assembly",
    "published_at": moscow(2023, 12, 19, 15),
    "event": "joint-meeting-council-16th-plenary-session-pa-2023",
    "text_file": "speech-2023-12-19.txt",
}

# username, role (None: superuser)
DEMO_ACCOUNTS = [
    ("reporter", REPORTER),
    ("editor", EDITOR),
    ("siteadmin", SITE_ADMINISTRATOR),
    ("admin", None),
]


ILLUSTRATION = {
    "lead_image_alt": "Illustration (not a photograph)",
    "lead_image_caption": "Illustration",
    "lead_image_credit": "Newsroom demo content",
}


def illustrated(label: str, language: str = TRANSLATION) -> dict:
    """Lead-image fields with a drawn illustration, plainly labelled as such,
    in the item's language."""
    words = russian.ILLUSTRATION if language == "ru" else ILLUSTRATION
    return {"lead_image": lambda: illustration(label), **words}


def in_each_language(values: dict, russian_text: dict, fields: tuple) -> dict:
    """`values` with its translated fields in their language columns: the
    English as name_en, the Russian as name_ru (the active language, whatever
    it is, decides nothing)."""
    out = {k: v for k, v in values.items() if k not in fields}
    for field in fields:
        if field in values:
            out[f"{field}_en"] = values[field]
        if field in russian_text:
            out[f"{field}_ru"] = russian_text[field]
    return out


class Command(BaseCommand):
    help = "Load the demo content of the seed page; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Do not create the demo accounts.",
        )

    @transaction.atomic
    def handle(self, *args, no_accounts=False, **options):
        self.created = 0
        self.completed = 0
        self._identity()
        sections = {s["slug"]: self._section(s) for s in SECTIONS}
        officials = {o["slug"]: self._official(o) for o in OFFICIALS}
        # slug of the English event -> (Russian original, English translation)
        events = {e["slug"]: self._event(e, officials) for e in EVENTS}
        for item in NEWS:
            self._news_item(item, sections, events)
        self._speech(officials, events)
        message = f"Demo content: {self.created} objects created."
        if self.completed:
            message += f" {self.completed} completed with their Russian text."
        self.stdout.write(self.style.SUCCESS(message))
        if not no_accounts:
            self._accounts()

    def _identity(self):
        """The seed's organisation, with a neutral emblem drawn from its short
        name (never the organisation's real emblem); kept if it exists, its
        empty Russian names filled."""
        identity = SiteIdentity.objects.first()
        if identity is not None:
            self._fill_russian(identity, russian.IDENTITY, IDENTITY_TEXT)
            return
        buffer = io.BytesIO()
        neutral_mark(IDENTITY["short_name"]).save(buffer, "PNG")
        SiteIdentity.objects.create(
            **in_each_language(IDENTITY, russian.IDENTITY, IDENTITY_TEXT),
            emblem=ContentFile(buffer.getvalue(), name="emblem.png"),
        )
        self.created += 1

    def _fill_russian(self, obj, russian_text: dict, fields: tuple):
        """Russian columns an older load left empty get the demo's Russian;
        a Russian text staff wrote stays as it is."""
        changed = [
            f"{field}_ru"
            for field in fields
            if field in russian_text and not getattr(obj, f"{field}_ru", None)
        ]
        if not changed:
            return
        for column in changed:
            setattr(obj, column, russian_text[column.removesuffix("_ru")])
        obj.save()
        self.completed += 1

    def _get_or_create(self, model, fields, m2m=None):
        """Create the object unless one with this slug exists (then leave it be)."""
        values = dict(fields)
        slug = values.pop("slug")
        obj = model.objects.filter(slug=slug).first()
        if obj is not None:
            return obj
        return self._create(model, {"slug": slug, **values}, m2m)

    def _create(self, model, values, m2m=None):
        # Pictures are drawn only for objects about to be created.
        values = {k: v() if callable(v) else v for k, v in values.items()}
        obj = model.objects.create(**values)
        for name, related in (m2m or {}).items():
            getattr(obj, name).set(related)
        self.created += 1
        return obj

    def _pair(self, model, english, russian_text, *, unofficial=False, m2m=None):
        """The Russian original and its English translation, each created when
        missing: (original, translation).

        The original is found through the English item's link, or else by its
        title (an English item staff unlinked or deleted); it gets a slug
        transliterated from its title. An English item without an original
        (loaded before the demo had Russian) becomes the original's translation,
        up to date with it.
        """
        translation = model.objects.filter(slug=english["slug"]).first()
        original = translation.translation_of if translation else None
        if original is None:
            original = model.objects.filter(
                language=ORIGINAL, title=russian_text["title"], translation_of=None
            ).first()
        if original is None:
            original = self._create(
                model, {**russian_text, "language": ORIGINAL}, m2m=m2m
            )
            # The text as stored (the body sanitised): what "up to date" compares.
            original.refresh_from_db()
        link = {
            "translation_of": original,
            "unofficial_translation": unofficial,
            "source_snapshot": snapshot_of(original),
        }
        if translation is None:
            translation = self._create(
                model, {**english, "language": TRANSLATION, **link}, m2m=m2m
            )
        elif translation.translation_of_id is None and translation.language == (
            TRANSLATION
        ):
            for name, value in link.items():
                setattr(translation, name, value)
            translation.save()
            self.completed += 1
        return original, translation

    def _section(self, data):
        russian_text = russian.SECTIONS[data["slug"]]
        section = Section.objects.filter(slug=data["slug"]).first()
        if section is not None:
            self._fill_russian(section, russian_text, SECTION_TEXT)
            return section
        return self._create(Section, in_each_language(data, russian_text, SECTION_TEXT))

    def _official(self, data):
        russian_text = {**russian.OFFICIALS[data["slug"]]}
        russian_text["portrait_alt"] = russian.PORTRAIT_ALT
        official = Official.objects.filter(slug=data["slug"]).first()
        if official is not None:
            self._fill_russian(official, russian_text, OFFICIAL_TEXT)
            return official
        values = {k: v for k, v in data.items() if k != "appointments"}
        values["portrait_alt"] = "Portrait placeholder (not a photograph)"
        initials = "".join(part[0] for part in data["name"].split())
        values["portrait"] = lambda: portrait_placeholder(initials)
        official = self._create(
            Official, in_each_language(values, russian_text, OFFICIAL_TEXT)
        )
        for appointment in data.get("appointments", []):
            Appointment.objects.create(official=official, **appointment)
        return official

    def _event(self, data, officials):
        values = {k: v for k, v in data.items() if k != "officials"}
        values["status"] = Status.PUBLISHED
        label = data["starts_on"].strftime("%d.%m.%Y")
        shared = {k: v for k, v in values.items() if k not in ("slug", "title")}
        russian_text = {
            **shared,
            **illustrated(label, ORIGINAL),
            **russian.EVENTS[data["slug"]],
        }
        people = [officials[slug] for slug in data.get("officials", [])]
        return self._pair(
            Event,
            {**values, **illustrated(label)},
            russian_text,
            m2m={"officials": people},
        )

    def _news_item(self, item, sections, events):
        label = item["published_at"].strftime("%d.%m.%Y")
        original_event, event = events[item["event"]]
        shared = {
            "section": sections[item["section"]],
            "published_at": item["published_at"],
            "status": Status.PUBLISHED,
        }
        return self._pair(
            NewsItem,
            {**item, **illustrated(label), **shared, "event": event},
            {
                **russian.NEWS[item["slug"]],
                **illustrated(label, ORIGINAL),
                **shared,
                "event": original_event,
            },
        )

    def _speech(self, officials, events):
        values = {k: v for k, v in SPEECH.items() if k != "text_file"}
        russian_text = dict(russian.SPEECHES[SPEECH["slug"]])
        russian_body = self._text(russian_text.pop("text_file"))
        original_event, event = events[SPEECH["event"]]
        shared = {
            "speaker": officials[SPEECH["speaker"]],
            "delivered_on": SPEECH["delivered_on"],
            "published_at": SPEECH["published_at"],
            "status": Status.PUBLISHED,
        }
        return self._pair(
            Speech,
            {
                **values,
                **shared,
                "body": self._text(SPEECH["text_file"]),
                "event": event,
            },
            {
                **russian_text,
                **shared,
                "body": russian_body,
                "event": original_event,
            },
            # A speech's authentic text is the one delivered.
            unofficial=True,
        )

    def _text(self, name: str) -> str:
        return text_to_html((CONTENT_DIR / name).read_text(encoding="utf-8"))

    def _accounts(self):
        """One account per role and a superuser, with passwords printed once.

        Only with DEBUG on: a production database never gets known accounts.
        """
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts created.")
            return
        User = get_user_model()
        created = []
        for username, role in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            if role is None:
                User.objects.create_superuser(
                    username, email=f"{username}@example.org", password=password
                )
            else:
                user = User.objects.create_user(
                    username,
                    email=f"{username}@example.org",
                    password=password,
                    is_staff=True,
                )
                user.groups.add(Group.objects.get(name=role))
            created.append((username, role or "Superuser", password))
        if not created:
            self.stdout.write(
                "Demo accounts exist already. Reset a password with: "
                "python manage.py changepassword <username>"
            )
            return
        lines = [
            f"  {name:10} {role:20} {password}" for name, role, password in created
        ]
        self.stdout.write(
            self.style.WARNING(
                "Demo accounts (log in at /admin/; the passwords are shown only "
                "this once):\n" + "\n".join(lines)
            )
        )
