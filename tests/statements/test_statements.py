"""Statements, the fourth editorial kind, end to end through the registry
alone: written by a reporter, published by an editor, read by visitors in the
listing, on its page, in search, the sitemap, the navigation and the home
page, with its document; invisible everywhere before it is live."""

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from newsroom.accounts.roles import EDITOR, REPORTER
from newsroom.documents.models import Attachment
from newsroom.publishing.models import Status, WorkflowEvent
from newsroom.statements.models import Statement
from tests.factories import admin_form_data, make_statement, pdf_bytes, staff

pytestmark = pytest.mark.django_db

DOCUMENTS = "documents-attachment-content_type-object_id"


def statement(**fields):
    fields.setdefault("title", "Statement on the situation at the border")
    return make_statement(**fields)


def test_a_reporter_writes_an_editor_publishes_a_visitor_reads(client):
    reporter, editor = staff(REPORTER), staff(EDITOR)
    client.force_login(reporter)
    add = reverse("admin:statements_statement_add")
    data = admin_form_data(client.get(add)) | {
        "title": "Statement of the Council of Foreign Ministers on Afghanistan",
        "slug": "cfm-on-afghanistan",
        "summary": "The ministers discussed the situation.",
        "body": "<p>The ministers <strong>agreed</strong>.</p><script>x()</script>",
        "organ": "Council of Foreign Ministers",
        "issued_on": "24.04.2024",
        "place": "Minsk",
        f"{DOCUMENTS}-TOTAL_FORMS": "1",
        f"{DOCUMENTS}-0-title": "Authentic text",
        f"{DOCUMENTS}-0-language": "ru",
        f"{DOCUMENTS}-0-order": "0",
        f"{DOCUMENTS}-0-file": SimpleUploadedFile("text.pdf", pdf_bytes()),
        "_move": Status.IN_REVIEW,
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Statement.objects.get()
    assert (item.status, item.created_by) == (Status.IN_REVIEW, reporter)
    assert "<script>" not in item.body
    url = item.get_absolute_url()
    client.logout()
    assert client.get(url).status_code == 404
    assert item.title not in client.get("/statements/").content.decode()

    client.force_login(editor)
    change = reverse("admin:statements_statement_change", args=[item.pk])
    data = admin_form_data(client.get(change))
    assert client.post(change, data | {"_move": Status.PUBLISHED}).status_code == 302
    actions = WorkflowEvent.objects.order_by("id").values_list("action", flat=True)
    assert list(actions) == ["submitted", "published"]

    client.logout()
    page = client.get(url).content.decode()
    assert "Statement of the Council of Foreign Ministers on Afghanistan" in page
    assert "24.04.2024" in page and "Minsk" in page
    document = Attachment.objects.get()
    assert document.get_absolute_url() in page
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_a_live_statement_is_everywhere_a_visitor_looks(client):
    item = statement(title="Joint statement on collective security")
    listing = client.get("/statements/").content.decode()
    assert item.get_absolute_url() in listing
    home = client.get("/").content.decode()
    assert item.get_absolute_url() in home
    assert 'href="/statements/"' in home  # the navigation, on every page
    found = client.get("/search/", {"q": "collective security", "type": "statement"})
    assert item.get_absolute_url() in found.content.decode()
    sitemap = client.get("/sitemap-statements.xml").content.decode()
    assert f"http://testserver{item.get_absolute_url()}" in sitemap
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-statements.xml" in index


@pytest.mark.parametrize(
    "status, published_in",
    [
        (Status.DRAFT, None),
        (Status.IN_REVIEW, None),
        (Status.ARCHIVED, -1),
        (Status.PUBLISHED, +1),  # scheduled
    ],
)
def test_a_statement_that_is_not_live_is_nowhere(client, status, published_in):
    when = (
        None
        if published_in is None
        else timezone.now() + datetime.timedelta(hours=published_in)
    )
    item = statement(
        title="Embargoed statement zebra", status=status, published_at=when
    )
    assert client.get(item.get_absolute_url()).status_code == 404
    for url in [
        "/",
        "/statements/",
        "/search/?q=zebra",
        "/sitemap-statements.xml",
    ]:
        page = client.get(url).content.decode()
        assert "Embargoed statement" not in page, url
        assert item.get_absolute_url() not in page, url


def test_the_page_describes_itself_to_search_engines(client):
    item = statement(title='Statement "A" <b>B</b>')
    page = client.get(item.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Article"
    assert data["headline"] == 'Statement "A" <b>B</b>'
    assert data["author"] == {
        "@type": "Organization",
        "name": "Council of Foreign Ministers",
    }
    assert data["datePublished"] and data["publisher"]["@type"] == "Organization"
    assert "<b>B</b>" not in page  # escaped in the page


@pytest.mark.parametrize(
    "query",
    [
        {"organ": "Nobody"},
        {"year": "abc"},
        {"date_from": "notadate"},
        {"page": "999"},
        {"organ": "<script>", "q": "\x00"},
    ],
)
def test_bad_filters_never_break_the_listing(client, query):
    statement()
    response = client.get("/statements/", query)
    assert response.status_code in {200, 404}
    assert "<script>" not in response.content.decode()


def test_filters_narrow_by_body_and_year(client):
    council = statement()
    other = statement(
        title="Statement of the Secretary General",
        slug="sg-statement",
        organ="Secretary General",
        issued_on=datetime.date(2023, 12, 19),
    )
    by_body = client.get("/statements/", {"organ": "Secretary General"})
    assert other.get_absolute_url() in by_body.content.decode()
    assert council.get_absolute_url() not in by_body.content.decode()
    by_year = client.get("/statements/", {"year": "2024"})
    assert council.get_absolute_url() in by_year.content.decode()
    assert other.get_absolute_url() not in by_year.content.decode()


def test_the_listing_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(25):
        statement(title=f"Statement {n}", slug=f"statement-{n}")
    with django_assert_max_num_queries(6):
        response = client.get("/statements/")
    assert response.status_code == 200
    assert response.content.decode().count('class="card-title"') == 20
