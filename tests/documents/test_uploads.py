"""Documents in the back office: the inline on every kind that takes documents,
checked by content, stored under generated names, edited by whoever may change
the item (security checklist lines 9-17)."""

import re
from pathlib import Path

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from reversion.models import Version

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.documents.models import Attachment
from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    ATTACHMENTS_PREFIX,
    VALID_DOCUMENTS,
    add_form_data,
    admin_url,
    change_data,
    document_upload,
    docx_bytes,
    editorial_factories,
    inline_management,
    linux_program_bytes,
    make_news,
    odt_bytes,
    pdf_bytes,
    png_signature_bytes,
    staff,
    stored_files,
    txt_bytes,
    windows_program_bytes,
    xlsx_bytes,
    zip_bomb_bytes,
    zip_bytes,
    zip_with_many_entries_bytes,
)

pytestmark = pytest.mark.django_db

FACTORIES = editorial_factories()  # every kind that takes documents
STORED_NAME = re.compile(
    r"^documents/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|docx|xlsx|odt|txt)$"
)


def row(name, content, title="Final communiqué", **fields):
    return (
        {"title": title, "file": document_upload(name, content)}
        | {
            "language": "en",
            "order": "0",
        }
        | fields
    )


def attachment_rows(*rows, initial=0):
    data = inline_management(ATTACHMENTS_PREFIX, total=len(rows), initial=initial)
    for n, fields in enumerate(rows):
        for key, value in fields.items():
            data[f"{ATTACHMENTS_PREFIX}-{n}-{key}"] = value
    return data


def post_new_item(client, model, *rows):
    data = add_form_data(model) | attachment_rows(*rows)
    return client.post(admin_url(model, "add"), data)


def inline_errors(response):
    assert response.status_code == 200
    [documents] = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == ATTACHMENTS_PREFIX
    ]
    return documents.formset.errors


# --- What is accepted -------------------------------------------------------


@pytest.mark.parametrize("extension", VALID_DOCUMENTS)
def test_each_accepted_format_is_stored_under_a_generated_name(
    admin_client, media_root, extension
):
    content = VALID_DOCUMENTS[extension]()
    response = post_new_item(
        admin_client, NewsItem, row(f"../../Évil name.{extension.upper()}", content)
    )

    assert response.status_code == 302
    attachment = NewsItem.objects.get().attachments.get()
    assert attachment.format == extension
    assert attachment.size == len(content)
    assert STORED_NAME.match(attachment.file.name), attachment.file.name
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == content
    assert stored.resolve().is_relative_to(Path(media_root).resolve())


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_news_items_speeches_and_events_take_several_documents(admin_client, model):
    response = post_new_item(
        admin_client,
        model,
        row("a.pdf", pdf_bytes(), title="Agenda", order="2"),
        row("b.docx", docx_bytes(), title="Statement", language="ru", order="1"),
    )

    assert response.status_code == 302
    item = model.objects.get(slug="consultations-held")
    assert [(a.title, a.format, a.language) for a in item.attachments.all()] == [
        ("Statement", "docx", "ru"),
        ("Agenda", "pdf", "en"),
    ]


def test_a_very_long_unicode_file_name_is_accepted(admin_client):
    name = "Заявление " * 30 + ".pdf"
    response = post_new_item(admin_client, NewsItem, row(name, pdf_bytes()))
    assert response.status_code == 302
    assert STORED_NAME.match(Attachment.objects.get().file.name)


# --- What is refused ----------------------------------------------------------

BAD_FILES = [
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>", "web page"),
    ("page.txt", b"  \n<html><body>hi</body></html>", "web page"),
    ("notes.txt", b"Minutes\nof the <SCRIPT>alert(1)</script> session", "web page"),
    ("evil.html", b"<script>alert(1)</script>", ".html files are not accepted"),
    ("evil.svg", b"<svg><script/></svg>", ".svg files are not accepted"),
    ("macro.docm", docx_bytes(), ".docm files are not accepted"),
    ("no-extension", pdf_bytes(), ".? files are not accepted"),
    ("photo.docx", png_signature_bytes(), "is a PNG image"),
    ("program.pdf", windows_program_bytes(), "is a Windows program"),
    ("program.txt", linux_program_bytes(), "is a Linux program"),
    ("empty.pdf", b"", "empty"),
    ("random.pdf", bytes(range(256)) * 4, "is not a PDF, DOCX, XLSX, ODT"),
    ("latin1.txt", "Communiqué".encode("latin-1"), "not UTF-8"),
    ("nul.txt", b"Text with a \x00 byte", "NUL bytes or control characters"),
    ("bell.txt", b"Text with a \x07 bell", "NUL bytes or control characters"),
    ("archive.docx", zip_bytes({"readme.txt": "hi"}), "ZIP archive, not a"),
    (
        "no-word.docx",
        zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/x.xml": "x"}),
        "only DOCX and XLSX",
    ),
    ("truncated.docx", docx_bytes()[:60], "damaged or unreadable"),
    (
        "sheet.odt",
        odt_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        "OpenDocument file of another kind",
    ),
    ("document.pdf", docx_bytes(), "The content is DOCX but the file is named .pdf"),
    ("sheet.docx", xlsx_bytes(), "The content is XLSX but the file is named .docx"),
    ("text.pdf", txt_bytes(), "The content is TXT but the file is named .pdf"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_a_bad_file_is_a_form_error_on_the_inline_field(
    admin_client, media_root, name, content, message
):
    response = post_new_item(admin_client, NewsItem, row(name, content))

    errors = inline_errors(response)[0]["file"]
    assert any(message in error for error in errors), errors
    assert not NewsItem.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (zip_bomb_bytes, "would expand to 210.0\xa0MB when opened"),
        (zip_with_many_entries_bytes, "has 10002 entries; the limit is 10000"),
    ],
    ids=["bomb", "entries"],
)
def test_a_zip_bomb_is_refused_from_its_directory(
    admin_client, media_root, content, message
):
    response = post_new_item(admin_client, NewsItem, row("bomb.docx", content()))

    errors = inline_errors(response)[0]["file"]
    assert any(message in error for error in errors), errors
    assert stored_files(media_root) == []


def test_the_size_limit_comes_from_the_setting(admin_client, settings, media_root):
    settings.NEWSROOM_MAX_DOCUMENT_BYTES = 1_000
    big = txt_bytes() * 40
    response = post_new_item(admin_client, NewsItem, row("big.txt", big))

    errors = inline_errors(response)[0]["file"]
    assert any("the limit is 1000" in error for error in errors), errors
    assert stored_files(media_root) == []


def test_a_bad_file_beside_a_good_one_stores_neither(admin_client, media_root):
    response = post_new_item(
        admin_client,
        NewsItem,
        row("good.pdf", pdf_bytes()),
        row("bad.pdf", png_signature_bytes()),
    )
    assert inline_errors(response)[1]["file"]
    assert stored_files(media_root) == []


def test_a_title_is_required(admin_client, media_root):
    response = post_new_item(admin_client, NewsItem, row("a.pdf", pdf_bytes(), ""))
    assert "title" in inline_errors(response)[0]
    assert stored_files(media_root) == []


def test_a_file_saved_outside_a_form_is_checked_the_same_way(media_root):
    item = make_news()
    with pytest.raises(ValidationError, match="PNG image"):
        Attachment.objects.create(
            item=item, title="x", file=ContentFile(png_signature_bytes(), name="x.pdf")
        )
    assert stored_files(media_root) == []

    attachment = Attachment.objects.create(
        item=item, title="Agenda", file=ContentFile(odt_bytes(), name="a.odt")
    )
    assert (attachment.format, attachment.size) == ("odt", len(odt_bytes()))


# --- The inline on the change form ------------------------------------------------


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_the_change_form_lists_documents_through_the_download_view(admin_client, model):
    item = FACTORIES[model]()
    attachment = Attachment.objects.create(
        item=item, title="Agenda", file=ContentFile(pdf_bytes(), name="a.pdf")
    )

    page = admin_client.get(admin_url(model, "change", item.pk)).content.decode()

    assert f'id="{ATTACHMENTS_PREFIX}-group"' in page
    assert 'accept=".pdf,.docx,.xlsx,.odt,.txt"' in page
    assert f'<a href="{attachment.get_absolute_url()}">PDF, ' in page
    # The stored file's media address is not handed out, even to staff.
    assert attachment.file.name not in page


def test_an_existing_document_can_be_replaced_renamed_and_removed(admin_client):
    item = make_news()
    first = Attachment.objects.create(
        item=item, title="Agenda", file=ContentFile(pdf_bytes(), name="a.pdf")
    )
    second = Attachment.objects.create(
        item=item, title="Old", file=ContentFile(pdf_bytes(), name="b.pdf")
    )
    data = change_data(item) | attachment_rows(
        {"id": first.pk, "title": "Agenda", "language": "en", "order": "0",
         "file": document_upload("new.xlsx", xlsx_bytes())},
        {"id": second.pk, "title": "Old", "language": "en", "order": "0",
         "DELETE": "on"},
        initial=2,
    )  # fmt: skip

    response = admin_client.post(admin_url(NewsItem, "change", item.pk), data)

    assert response.status_code == 302, response.context and inline_errors(response)
    first.refresh_from_db()
    assert (first.format, first.size) == ("xlsx", len(xlsx_bytes()))
    assert not Attachment.objects.filter(pk=second.pk).exists()


def test_another_items_document_cannot_be_edited_through_the_inline(admin_client):
    item, other = make_news(), make_news()
    theirs = Attachment.objects.create(
        item=other, title="Theirs", file=ContentFile(pdf_bytes(), name="a.pdf")
    )
    data = change_data(item) | attachment_rows(
        {"id": theirs.pk, "title": "Hijacked", "language": "en", "order": "0"},
        initial=1,
    )

    admin_client.post(admin_url(NewsItem, "change", item.pk), data)

    theirs.refresh_from_db()
    assert theirs.title == "Theirs" and theirs.item == other
    assert not item.attachments.exists()


def test_deleting_an_item_deletes_its_documents():
    item = make_news()
    Attachment.objects.create(
        item=item, title="Agenda", file=ContentFile(pdf_bytes(), name="a.pdf")
    )
    item.delete()
    assert not Attachment.objects.exists()


def test_history_and_comparison_work_with_documents(admin_client):
    admin_client.post(
        admin_url(NewsItem, "add"),
        add_form_data(NewsItem) | attachment_rows(row("a.pdf", pdf_bytes())),
    )
    item = NewsItem.objects.get()
    admin_client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item, title="Second words"),
    )
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 2
    assert reversion.is_registered(Attachment)

    assert admin_client.get(admin_url(NewsItem, "history", item.pk)).status_code == 200
    compare = admin_client.get(
        admin_url(NewsItem, "compare", item.pk),
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == 200


# --- Who may attach: whoever may change the item --------------------------------


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_a_reporter_attaches_documents_to_a_new_draft(client, model):
    client.force_login(staff(REPORTER))
    data = add_form_data(model) | {"status": Status.DRAFT}
    data |= attachment_rows(row("a.pdf", pdf_bytes()))

    response = client.post(admin_url(model, "add"), data)

    assert response.status_code == 302
    assert model.objects.get().attachments.get().format == "pdf"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_a_reporter_attaches_documents_to_their_own_draft(client, status):
    reporter = staff(REPORTER)
    item = make_news(created_by=reporter, status=status, published_at=None)
    client.force_login(reporter)

    page = client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert f'name="{ATTACHMENTS_PREFIX}-TOTAL_FORMS"' in page
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item) | attachment_rows(row("a.txt", txt_bytes())),
    )

    assert response.status_code == 302
    assert item.attachments.get().format == "txt"


def test_a_reporters_upload_is_checked_too(client, media_root):
    reporter = staff(REPORTER)
    item = make_news(created_by=reporter, status=Status.DRAFT, published_at=None)
    client.force_login(reporter)

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item) | attachment_rows(row("a.pdf", windows_program_bytes())),
    )

    assert "Windows program" in str(inline_errors(response)[0]["file"])
    assert stored_files(media_root) == []


def test_a_reporter_cannot_attach_to_their_published_item(client, media_root):
    reporter = staff(REPORTER)
    item = make_news(created_by=reporter)
    client.force_login(reporter)

    page = client.get(admin_url(NewsItem, "change", item.pk))
    assert page.status_code == 200
    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item) | attachment_rows(row("a.pdf", pdf_bytes())),
    )

    assert response.status_code == 403
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_reporter_cannot_attach_to_a_colleagues_draft(client, media_root):
    item = make_news(created_by=staff(REPORTER), status=Status.DRAFT, published_at=None)
    client.force_login(staff(REPORTER))

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item) | attachment_rows(row("a.pdf", pdf_bytes())),
    )

    # As for any item outside their list: the "not yours" page.
    assert response.status_code == 403
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_an_editor_attaches_to_a_colleagues_published_item(client):
    item = make_news(created_by=staff(REPORTER))
    client.force_login(staff(EDITOR))

    response = client.post(
        admin_url(NewsItem, "change", item.pk),
        change_data(item) | attachment_rows(row("a.pdf", pdf_bytes())),
    )

    assert response.status_code == 302
    assert item.attachments.count() == 1
