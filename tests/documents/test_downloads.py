"""/documents/<id>/<name>: a download when the item may be seen, else 404."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.documents.models import Attachment
from newsroom.publishing.models import Status
from tests.factories import (
    VALID_DOCUMENTS,
    editorial_factories,
    make_news,
    pdf_bytes,
    staff,
)

pytestmark = pytest.mark.django_db

FACTORIES = editorial_factories()  # every kind that takes documents
SAFE_DISPOSITION = re.compile(r'^attachment; filename="[a-z0-9][a-z0-9-]*\.[a-z]+"$')
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
}


def attach(item, extension="pdf", title="Final communiqué", **fields):
    content = VALID_DOCUMENTS[extension]()
    return Attachment.objects.create(
        item=item,
        title=title,
        file=ContentFile(content, name=f"upload.{extension}"),
        **fields,
    )


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("extension", VALID_DOCUMENTS)
def test_a_live_items_document_downloads_as_an_attachment(client, model, extension):
    attachment = attach(FACTORIES[model](), extension, title="Final communiqué")

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="final-communique.{extension}"'
    )
    assert response["Content-Type"] == CONTENT_TYPES[extension]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Length"] == str(len(VALID_DOCUMENTS[extension]()))
    assert body(response) == VALID_DOCUMENTS[extension]()
    assert attachment.get_absolute_url() == (
        f"/documents/{attachment.pk}/final-communique.{extension}"
    )


@pytest.mark.parametrize(
    ("title", "filename"),
    [
        ('"Quoted"; ../../etc/passwd <b>', "quoted-etcpasswd-b.pdf"),
        ("Заявление Генерального секретаря", "zaiavlenie-generalnogo-sekretaria.pdf"),
        ("Déclaration finale — 2024", "declaration-finale-2024.pdf"),
        ("文件", "document-{pk}.pdf"),
        ("..\\..\\windows\\win.ini\r\nX-Injected: 1", "windowswinini-x-injected-1.pdf"),
        ("x" * 255, "x" * 80 + ".pdf"),
    ],
)
def test_the_download_name_is_a_safe_ascii_slug_of_the_title(client, title, filename):
    attachment = attach(make_news(), title=title)
    filename = filename.format(pk=attachment.pk)

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="{filename}"'
    assert SAFE_DISPOSITION.match(disposition)
    assert "X-Injected" not in response


def in_an_hour():
    return timezone.now() + datetime.timedelta(hours=1)


NOT_LIVE = {
    "draft": {"status": Status.DRAFT, "published_at": None},
    "in-review": {"status": Status.IN_REVIEW, "published_at": None},
    "scheduled": {"status": Status.PUBLISHED, "published_at": in_an_hour},
    "archived": {"status": Status.ARCHIVED},
}
# Who downloads a document of an item that is not live (the preview rule).
# fmt: off
PREVIEW_MATRIX = {
    #               anonymous  editor  reporter (owner)  other reporter
    "draft":        (404,      200,    200,              404),
    "in-review":    (404,      200,    200,              404),
    "scheduled":    (404,      200,    404,              404),
    "archived":     (404,      200,    404,              404),
}
# fmt: on
WHO = ["anonymous", "editor", "owner", "other-reporter"]


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("state", NOT_LIVE)
@pytest.mark.parametrize("who", WHO)
def test_a_document_of_an_item_that_is_not_live(client, model, state, who):
    owner = staff(REPORTER)
    fields = {
        key: value() if callable(value) else value
        for key, value in NOT_LIVE[state].items()
    }
    attachment = attach(FACTORIES[model](created_by=owner, **fields))
    user = {
        "anonymous": None,
        "editor": staff(EDITOR),
        "owner": owner,
        "other-reporter": staff(REPORTER),
    }[who]
    if user:
        client.force_login(user)

    response = client.get(attachment.get_absolute_url())

    expected = PREVIEW_MATRIX[state][WHO.index(who)]
    assert response.status_code == expected
    if expected == 200:
        assert body(response) == pdf_bytes()
        assert "no-cache" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    else:
        assert b"%PDF" not in response.content


def test_a_live_document_is_not_marked_as_a_preview(client):
    response = client.get(attach(make_news()).get_absolute_url())
    assert "X-Robots-Tag" not in response


def test_an_unknown_document_is_not_found(client):
    assert client.get("/documents/999999/agenda.pdf").status_code == 404
    assert client.get("/documents/abc/agenda.pdf").status_code == 404


def test_an_old_file_name_leads_to_the_current_one(client):
    attachment = attach(make_news(), title="Agenda")
    old = attachment.get_absolute_url()
    attachment.title = "Revised agenda"
    attachment.save()

    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"] == f"/documents/{attachment.pk}/revised-agenda.pdf"


def test_a_draft_documents_name_is_not_told_to_visitors(client):
    attachment = attach(
        make_news(status=Status.DRAFT, published_at=None), title="Secret plan"
    )
    response = client.get(f"/documents/{attachment.pk}/guess.pdf")
    assert response.status_code == 404
    assert "secret" not in response.content.decode().lower()


def test_only_get_and_head_are_answered(client):
    url = attach(make_news()).get_absolute_url()
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_document_whose_stored_file_is_gone_is_not_found(client):
    attachment = attach(make_news())
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404
