"""The "Documents" list on the detail page of every kind that takes documents."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.documents.models import Attachment, Language
from tests.factories import VALID_DOCUMENTS, editorial_factories, make_news

pytestmark = pytest.mark.django_db

FACTORIES = editorial_factories()  # every kind that takes documents
HOSTILE = '</a><img src=x onerror=alert(4242)> "quoted"'


def attach(item, extension="docx", title="Statement", **fields):
    return Attachment.objects.create(
        item=item,
        title=title,
        file=ContentFile(VALID_DOCUMENTS[extension](), name=f"x.{extension}"),
        **fields,
    )


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_the_detail_page_offers_its_documents(client, model):
    item = FACTORIES[model]()
    statement = attach(item, "docx", "Joint statement", order=2)
    agenda = attach(item, "pdf", "Agenda", order=1, language=Language.RUSSIAN)
    statement.size = 48 * 1024  # as a real DOCX would be
    statement.save()

    page = client.get(item.get_absolute_url()).content.decode()

    assert '<h2 id="documents-heading">Documents</h2>' in page
    assert (
        f'<a href="{statement.get_absolute_url()}" download hreflang="en">'
        "Download document: Joint statement</a>"
    ) in page
    assert "DOCX, 48.0\xa0KB · English" in page
    assert f'href="{agenda.get_absolute_url()}" download hreflang="ru">' in page
    assert f"PDF, {agenda.size}\xa0bytes · Russian" in page
    # In display order, after the body.
    assert page.index("Agenda") < page.index("Joint statement")
    assert page.index('class="body"') < page.index("documents-heading")


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_a_page_without_documents_has_no_documents_heading(client, model):
    page = client.get(FACTORIES[model]().get_absolute_url()).content.decode()
    assert "documents-heading" not in page


def test_a_hostile_title_is_escaped(client):
    item = make_news()
    attach(item, title=HOSTILE)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "onerror=alert(4242)>" not in page
    assert "Download document: &lt;/a&gt;&lt;img src=x" in page


def test_another_items_documents_are_not_listed(client):
    item, other = make_news(), make_news()
    attach(other, title="Someone else's annex")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Someone else&#x27;s annex" not in page


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_the_detail_page_runs_a_fixed_number_of_queries(client, model):
    item = FACTORIES[model]()
    attach(item)
    client.get("/")  # the site identity is read once, then cached
    with CaptureQueriesContext(connection) as one:
        assert client.get(item.get_absolute_url()).status_code == 200
    for n in range(5):
        attach(item, "pdf", f"Annex {n}")
    # Each change starts a new cache generation: the identity and the next
    # scheduled moment are read once again under it (newsroom/caching).
    client.get("/")
    with CaptureQueriesContext(connection) as six:
        response = client.get(item.get_absolute_url())

    assert response.content.decode().count("Download document:") == 6
    assert len(six) == len(one)
    assert len(six) <= 10, [q["sql"] for q in six.captured_queries]
