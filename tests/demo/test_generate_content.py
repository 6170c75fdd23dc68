"""`generate_content`: plainly labelled sample items, added to or filled up to a
total, with the statements' Russian originals (`make demo` runs it after the
demo; each test here starts from an empty database)."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import escape

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.translations import snapshot_of
from newsroom.speeches.models import Speech
from newsroom.statements.models import Statement

pytestmark = pytest.mark.django_db
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def test_generated_content_is_labelled_and_can_be_added_twice():
    for _ in range(2):
        call_command(
            "generate_content", news=3, speeches=2, events=2, stdout=io.StringIO()
        )
    titles = list(NewsItem.objects.order_by("id").values_list("title", flat=True))
    assert [t.split(":")[0] for t in titles] == [
        f"Sample item {n}" for n in range(1, 7)
    ]
    assert Speech.objects.live().count() == 4
    assert Event.objects.filter(title__startswith="Sample event").count() == 4
    assert all(
        o.position == "Sample position (not a real person)"
        for o in Official.objects.filter(slug__startswith="sample-")
    )
    body = NewsItem.objects.first().body
    assert body.startswith("<p>") and body.count("<p>") >= 3


def test_generate_content_refuses_absurd_counts():
    with pytest.raises(CommandError):
        call_command("generate_content", news=-1, stdout=io.StringIO())


def test_generate_content_can_fill_up_to_a_total():
    call_command("generate_content", news=2, speeches=0, events=0, stdout=io.StringIO())
    call_command(
        "generate_content", "--fill", news=5, speeches=1, events=0, stdout=io.StringIO()
    )
    assert NewsItem.objects.count() == 5
    assert Speech.objects.count() == 1


@pytest.mark.usefixtures("frozen_now")
def test_sample_statements_come_with_their_russian_originals(client):
    """`make demo`'s three statements, run twice: three pairs."""
    for _ in range(2):
        call_command(
            "generate_content",
            "--fill",
            news=0,
            speeches=0,
            events=0,
            statements=3,
            stdout=io.StringIO(),
        )

    english = Statement.objects.filter(language="en")
    assert english.count() == 3
    assert Statement.objects.filter(language="ru").count() == 3
    for item in english:
        original = item.translation_of
        number = item.slug.removeprefix("sample-statement-")
        assert original.language == "ru"
        assert original.title.startswith(f"Демонстрационное заявление {number}: ")
        assert CYRILLIC.search(original.body)
        assert original.slug == f"demonstratsionnoye-zayavleniye-{number}"
        assert original.organ in {"Условный совет", "Условный комитет"}
        assert (original.issued_on, original.published_at) == (
            item.issued_on,
            item.published_at,
        )
        assert item.unofficial_translation
        assert item.source_snapshot == snapshot_of(original)
        response = client.get(original.get_absolute_url())
        assert response.status_code == 200
        assert escape(original.title) in response.content.decode()
