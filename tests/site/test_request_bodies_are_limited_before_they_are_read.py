"""Request bodies over the limit are refused while they stream, before they
are read or written to disk (checklist 14, 30, 44; issue 12 finding 4)."""

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client, RequestFactory
from django.urls import reverse

from newsroom.site.limits import BodyLimitUploadHandler, body_limit

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOUNDARY = "BoUnDaRy"


class CountingBody:
    """A multipart body of `size` bytes (one file field) made as it is read,
    counting the bytes read: what a client streaming an upload would send."""

    def __init__(self, size):
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; '
            f'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        self.size = size
        self.read_bytes = 0

    def read(self, size=-1):
        remaining = self.size - self.read_bytes
        size = remaining if size is None or size < 0 else min(size, remaining)
        start, self.read_bytes = self.read_bytes, self.read_bytes + size
        head = self.head[start : start + size]
        return head + b"x" * (size - len(head))

    def readline(self, size=-1):
        return self.read(size)


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    """Uploads go to a temporary file from the first byte, in a folder we watch."""
    folder = tmp_path / "upload-tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return folder


def post_streamed(client, path, body, declared_length):
    return client.generic(
        "POST",
        path,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(declared_length),
        **{"wsgi.input": body},
    )


def test_an_anonymous_300_mb_post_is_a_413_and_nothing_is_read(upload_temp_dir):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32  # any token: the CSRF check reads the body
    body = CountingBody(300 * MB)

    response = post_streamed(client, reverse("site:search"), body, 300 * MB)

    assert response.status_code == 413
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_the_413_page_is_in_the_sites_layout(upload_temp_dir):
    response = post_streamed(Client(), "/", CountingBody(MB), MB)

    page = response.content.decode()
    assert response.status_code == 413
    assert '<header class="site-header">' in page
    assert "<h1>Request too large</h1>" in page
    assert "64.0\xa0KB" in page  # filesizeformat's no-break space


def test_a_public_post_under_the_limit_reaches_the_csrf_check(upload_temp_dir):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    body = CountingBody(10_000)

    response = post_streamed(client, reverse("site:search"), body, 10_000)

    assert response.status_code == 403
    assert list(upload_temp_dir.iterdir()) == []


def test_a_50_mb_staff_upload_is_a_413_before_its_body_is_read(
    admin_client, upload_temp_dir
):
    body = CountingBody(50 * MB)

    response = post_streamed(
        admin_client, reverse("admin:news_newsitem_add"), body, 50 * MB
    )

    assert response.status_code == 413
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []
    assert "Images and documents may be up to 20.0\xa0MB" in response.content.decode()


def test_staff_pages_take_the_largest_upload_plus_the_forms_fields(settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 20 * MB
    settings.NEWSROOM_MAX_DOCUMENT_BYTES = 30 * MB
    assert body_limit("/admin/news/newsitem/add/") == 31 * MB
    assert body_limit("/admin/editor/upload/") == 31 * MB
    assert body_limit("/search/") == 64 * 1024


def test_a_body_without_a_declared_length_is_not_read(upload_temp_dir):
    """A chunked body (no Content-Length): Django reads none of it."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    body = CountingBody(300 * MB)

    response = post_streamed(client, reverse("site:search"), body, "")

    assert response.status_code == 403
    assert body.read_bytes == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_the_upload_handler_stops_reading_at_the_limit(upload_temp_dir):
    """Where the length cannot be trusted to stop the body, the counting handler
    does: parsing stops at the limit (plus a chunk), the file is dropped and
    its temporary file removed."""
    limit = 200_000
    body = CountingBody(5 * MB)
    request = RequestFactory().generic(
        "POST",
        "/admin/editor/upload/",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(5 * MB),
        **{"wsgi.input": body},
    )
    request.upload_handlers = [
        BodyLimitUploadHandler(request, limit),
        TemporaryFileUploadHandler(request),
    ]

    assert "upload" not in request.FILES
    assert body.read_bytes <= limit + 2 * BodyLimitUploadHandler.chunk_size
    assert list(upload_temp_dir.iterdir()) == []


@pytest.mark.parametrize("url_name", ["site:home", "site:search", "news:index"])
def test_5000_repeated_parameters_on_a_public_page_are_not_a_500(url_name):
    client = Client(raise_request_exception=False)
    query = "&".join(["q=a"] * 5_000)

    response = client.get(f"{reverse(url_name)}?{query}")

    assert response.status_code in (200, 400)


def test_5000_repeated_parameters_on_the_search_page_are_a_400():
    client = Client(raise_request_exception=False)
    response = client.get(reverse("site:search") + "?" + "&".join(["q=a"] * 5_000))
    assert response.status_code == 400


def test_5000_fields_posted_to_a_staff_form_are_a_400(admin_client):
    admin_client.raise_request_exception = False
    data = {f"field{i}": "x" for i in range(5_000)}
    response = admin_client.post(reverse("admin:news_newsitem_add"), data)
    assert response.status_code == 400
