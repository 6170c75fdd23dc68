"""Content-Security-Policy through HTTP: strict on public pages, CKEditor's needs
only under /admin/; and CKEditor's changelog and other non-runtime files are not
served. (The e2e set runs every browser test with the policy and fails on a
violation: tests/e2e/conftest.py.)"""

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from newsroom.news.models import NewsItem
from tests.factories import admin_url, make_news, make_user

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-*'"],
    "style-src": ["'self'", "'nonce-*'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
}
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/]{22}==)'")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";")]
    return {name: sources for name, *sources in directives}


def shape(directives):
    """The policy with each nonce replaced by 'nonce-*'."""
    return {
        name: [NONCE.sub("'nonce-*'", source) for source in sources]
        for name, sources in directives.items()
    }


def nonce_of(response) -> str:
    (nonce,) = set(NONCE.findall(response["Content-Security-Policy"]))
    return nonce


@pytest.fixture
def item():
    return make_news(title="Ministers meet on water", slug="ministers-meet-on-water")


@pytest.fixture
def admin_client_(client):
    client.force_login(make_user("site.admin", is_staff=True, is_superuser=True))
    return client


# --- Public pages -------------------------------------------------------------


@pytest.mark.parametrize(
    "url, status",
    [
        ("/", 200),
        ("/news/", 200),
        ("ITEM", 200),
        ("/search/?q=water", 200),
        ("/no-such-page/", 404),
        ("/news/no-such-section/", 404),
    ],
)
def test_public_pages_get_the_strict_policy(client, item, url, status):
    response = client.get(item.get_absolute_url() if url == "ITEM" else url)
    assert response.status_code == status
    assert shape(policy(response)) == PUBLIC_POLICY
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "unsafe-hashes" not in header


def test_every_public_response_has_a_nonce_of_its_own(client, item):
    nonces = {nonce_of(client.get(item.get_absolute_url())) for _ in range(3)}
    nonces.add(nonce_of(client.get("/no-such-page/")))
    assert len(nonces) == 4
    # The nonce is the same in script-src and style-src of one response.
    directives = policy(client.get("/"))
    assert directives["script-src"][1] == directives["style-src"][1]


class _InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts and styles
    without the nonce, style attributes, event-handler attributes, javascript:
    links."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.blocked.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (
                value or ""
            ).lower().strip().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value}>")
        if tag == "script" and "src" not in attrs:
            is_data = attrs.get("type") == "application/ld+json"
            if not is_data and attrs.get("nonce") != self.nonce:
                self.blocked.append("<script> without the nonce")
        if tag == "style" and attrs.get("nonce") != self.nonce:
            self.blocked.append("<style> without the nonce")


@pytest.mark.parametrize(
    "url", ["/", "/news/", "ITEM", "/search/?q=water", "/events/", "/no-such-page/"]
)
def test_public_pages_have_no_inline_code_the_policy_would_block(client, item, url):
    """JSON-LD blocks are data, which browsers never execute and CSP does not
    check; anything else inline needs the response's nonce."""
    response = client.get(item.get_absolute_url() if url == "ITEM" else url)
    parser = _InlineCode(nonce_of(response))
    parser.feed(response.content.decode())
    assert parser.blocked == []


# --- The admin ------------------------------------------------------------------


@pytest.mark.parametrize("view", ["change", "add", "changelist", "login", "missing"])
def test_the_admin_gets_the_policy_ckeditor_needs(admin_client_, item, view):
    url = {
        "change": admin_url(NewsItem, "change", item.pk),
        "add": admin_url(NewsItem, "add"),
        "changelist": admin_url(NewsItem, "changelist"),
        "login": "/admin/login/",
        "missing": "/admin/news/no-such-model/",
    }[view]
    response = admin_client_.get(url, follow=view == "login")
    assert response.status_code == (404 if view == "missing" else 200)
    assert policy(response) == ADMIN_POLICY
    # A nonce would make browsers ignore 'unsafe-inline', which CKEditor needs.
    assert "nonce-" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_news_change_form_is_the_one_with_ckeditor(admin_client_, item):
    response = admin_client_.get(admin_url(NewsItem, "change", item.pk))
    assert b"ckeditor/ckeditor/ckeditor.js" in response.content
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_the_editor_image_browser_gets_the_admin_policy(admin_client_):
    response = admin_client_.get("/admin/editor/browse/?CKEditorFuncNum=1")
    assert response.status_code == 200
    assert policy(response) == ADMIN_POLICY


def test_a_public_url_that_merely_contains_admin_gets_the_strict_policy(client):
    response = client.get("/search/?q=/admin/")
    assert shape(policy(response)) == PUBLIC_POLICY


# --- CKEditor's non-runtime files ---------------------------------------------

NOT_SERVED = [
    "ckeditor/ckeditor/CHANGES.md",
    "ckeditor/ckeditor/README.md",
    "ckeditor/ckeditor/LICENSE.md",
    "ckeditor/ckeditor/SECURITY.md",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/skins/moono-lisa/readme.md",
    "ckeditor/ckeditor/plugins/scayt/CHANGELOG.md",
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
]
SERVED = [
    "ckeditor/ckeditor/ckeditor.js",
    "ckeditor/ckeditor/config.js",
    "ckeditor/ckeditor/contents.css",
    "ckeditor/ckeditor/skins/moono-lisa/editor.css",
    "ckeditor/ckeditor-init.js",
]


def test_the_finders_do_not_find_ckeditor_documentation():
    """The development and test servers serve what the finders find."""
    for path in NOT_SERVED:
        assert finders.find(path) is None, path
    for path in SERVED:
        assert finders.find(path), path


def test_collectstatic_leaves_them_out_so_whitenoise_never_serves_them(
    settings, tmp_path
):
    """Production: collectstatic with the production storage, then WhiteNoise
    (which serves what is in STATIC_ROOT) through HTTP."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    collected = {
        str(path.relative_to(tmp_path / "static"))
        for path in (tmp_path / "static").rglob("*")
    }
    assert "ckeditor/ckeditor/ckeditor.js" in collected
    assert not [path for path in collected if "CHANGES" in path or "/tests/" in path]

    client = Client()  # a new handler: WhiteNoise reads the new STATIC_ROOT
    for path in SERVED:
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        # Read through the client's wrapper (closing the response by hand would
        # close the test's database connection).
        assert b"".join(response.streaming_content), path
    for path in NOT_SERVED:
        assert client.get(f"/static/{path}").status_code == 404, path


def test_the_live_server_does_not_serve_them_either(live_server):
    """The server the browser tests use (staticfiles' handler, by finders)."""
    with urllib.request.urlopen(f"{live_server.url}/static/{SERVED[0]}") as response:
        assert response.status == 200
    for path in NOT_SERVED:
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{live_server.url}/static/{path}")
        assert error.value.code == 404, path
