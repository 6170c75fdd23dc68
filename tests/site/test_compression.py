"""Public HTML, XML, feeds and calendars are gzipped for clients that accept it;
nothing with a CSRF token, nothing of a signed-in user and nothing of the back
office is (BREACH: a secret beside what an attacker can put in the page)."""

import gzip

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from newsroom.accounts.roles import EDITOR
from newsroom.documents.models import Attachment
from tests.factories import make_event, make_news, pdf_bytes, staff

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture
def pages():
    # Enough items that every page is worth compressing.
    item = make_news(title="Consultations held")
    for n in range(8):
        make_news(section=item.section, summary=f"Summary number {n} of a news item.")
        make_event(summary=f"Summary number {n}.", starts_on=timezone.localdate())
    return {
        "page": item.get_absolute_url(),
        "listing": "/news/",
        "rss": "/feeds/news/",
        "atom": "/feeds/news/atom/",
        "sitemap": "/sitemap-news.xml",
        "calendar": "/events/calendar.ics",
    }


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "from the cache"])
def test_public_text_is_gzipped_for_clients_that_accept_it(pages, cached, settings):
    settings.NEWSROOM_PAGE_CACHE = cached
    visitor = Client()
    for name, url in pages.items():
        plain = visitor.get(url)
        assert "Content-Encoding" not in plain, name
        compressed = visitor.get(url, headers=GZIP)
        assert compressed["Content-Encoding"] == "gzip", name
        assert "Accept-Encoding" in compressed["Vary"], name
        assert gzip.decompress(compressed.content) == plain.content, name
        assert len(compressed.content) < len(plain.content), name
        assert compressed["ETag"] == f"W/{plain['ETag']}", name
        # The compressed page's tag is the same page's: a 304 still answers it.
        again = visitor.get(url, headers=GZIP | {"if-none-match": compressed["ETag"]})
        assert again.status_code == 304, name


def test_a_page_with_a_csrf_token_is_never_gzipped():
    response = Client().get("/admin/login/", headers=GZIP)
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response


@pytest.mark.urls("tests.site.cache_test_urls")
def test_a_public_page_with_a_csrf_token_is_never_gzipped():
    response = Client().get("/test-pages/csrf/", headers=GZIP)
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert len(response.content) > 500
    assert "Content-Encoding" not in response
    # The same kind of page without a token is compressed.
    assert (
        Client().get("/test-pages/nonce/", headers=GZIP)["Content-Encoding"] == "gzip"
    )


def test_signed_in_staff_get_nothing_gzipped(pages):
    editor = Client()
    editor.force_login(staff(EDITOR))
    for url in [*pages.values(), "/admin/", "/admin/news/newsitem/"]:
        response = editor.get(url, headers=GZIP)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url


def test_files_that_are_not_text_are_not_gzipped(pages):
    item = make_news()
    document = Attachment.objects.create(
        item=item, title="Final communiqué", file=ContentFile(pdf_bytes(), "a.pdf")
    )
    response = Client().get(document.get_absolute_url(), headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
