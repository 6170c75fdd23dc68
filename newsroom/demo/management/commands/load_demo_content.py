"""Fill an empty database with the content of the seed page (shared/seed/).

Every object is looked up by its slug and created only when missing, so running
the command again adds nothing twice and never overwrites what staff changed.
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
from newsroom.demo.placeholders import illustration, portrait_placeholder
from newsroom.demo.text import text_to_html
from newsroom.events.models import Event, EventKind
from newsroom.identity.marks import neutral_mark
from newsroom.identity.models import SiteIdentity
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.models import Status
from newsroom.speeches.models import Speech

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
MOSCOW = ZoneInfo("Europe/Moscow")


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
        "order": 10,
    },
    {
        "slug": "andrei-serdyukov",
        "name": "Andrei Serdyukov",
        "position": "Chief of the CSTO Joint Staff",
        "rank": "Colonel-General",
        "organ": "Joint Staff",
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


def illustrated(label: str) -> dict:
    """Lead-image fields with a drawn illustration, plainly labelled as such."""
    return {
        "lead_image": lambda: illustration(label),
        "lead_image_alt": "Illustration (not a photograph)",
        "lead_image_caption": "Illustration",
        "lead_image_credit": "Newsroom demo content",
    }


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
        self._identity()
        sections = {s["slug"]: self._get_or_create(Section, s) for s in SECTIONS}
        officials = {o["slug"]: self._official(o) for o in OFFICIALS}
        events = {e["slug"]: self._event(e, officials) for e in EVENTS}
        for item in NEWS:
            self._get_or_create(
                NewsItem,
                {
                    **item,
                    **illustrated(item["published_at"].strftime("%d.%m.%Y")),
                    "section": sections[item["section"]],
                    "event": events[item["event"]],
                    "status": Status.PUBLISHED,
                },
            )
        self._speech(officials, events)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: {self.created} objects created.")
        )
        if not no_accounts:
            self._accounts()

    def _identity(self):
        """The seed's organisation, with a neutral emblem drawn from its short
        name (never the organisation's real emblem); kept if it exists."""
        if SiteIdentity.objects.exists():
            return
        buffer = io.BytesIO()
        neutral_mark(IDENTITY["short_name"]).save(buffer, "PNG")
        SiteIdentity.objects.create(
            **IDENTITY, emblem=ContentFile(buffer.getvalue(), name="emblem.png")
        )
        self.created += 1

    def _get_or_create(self, model, fields, m2m=None):
        """Create the object unless one with this slug exists (then leave it be)."""
        values = dict(fields)
        slug = values.pop("slug")
        obj = model.objects.filter(slug=slug).first()
        if obj is not None:
            return obj
        # Pictures are drawn only for objects about to be created.
        values = {k: v() if callable(v) else v for k, v in values.items()}
        obj = model.objects.create(slug=slug, **values)
        for name, related in (m2m or {}).items():
            getattr(obj, name).set(related)
        self.created += 1
        return obj

    def _official(self, data):
        values = {k: v for k, v in data.items() if k != "appointments"}
        initials = "".join(part[0] for part in data["name"].split())
        values["portrait"] = lambda: portrait_placeholder(initials)
        values["portrait_alt"] = "Portrait placeholder (not a photograph)"
        existed = Official.objects.filter(slug=data["slug"]).exists()
        official = self._get_or_create(Official, values)
        if not existed:
            for appointment in data.get("appointments", []):
                Appointment.objects.create(official=official, **appointment)
        return official

    def _event(self, data, officials):
        values = {k: v for k, v in data.items() if k != "officials"}
        values.update(illustrated(data["starts_on"].strftime("%d.%m.%Y")))
        values["status"] = Status.PUBLISHED
        people = [officials[slug] for slug in data.get("officials", [])]
        return self._get_or_create(Event, values, m2m={"officials": people})

    def _speech(self, officials, events):
        values = {k: v for k, v in SPEECH.items() if k != "text_file"}
        text = (CONTENT_DIR / SPEECH["text_file"]).read_text(encoding="utf-8")
        values.update(
            body=text_to_html(text),
            speaker=officials[SPEECH["speaker"]],
            event=events[SPEECH["event"]],
            status=Status.PUBLISHED,
        )
        return self._get_or_create(Speech, values)

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
