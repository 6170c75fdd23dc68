"""Two app servers, one PostgreSQL, one Redis, one object store (issue 14).

Two gunicorn processes with the production settings, on two ports, share a
dedicated PostgreSQL database (newsroom_scaleout_<random>, migrated here), Redis
keys of their own and the SeaweedFS server of the session. What one
process writes, the other serves at once: a publication (read through the
other process right after, with the page requested there before, so that a
page cache would hold the old copy), an uploaded photo, a login session.

Runs with the PostgreSQL suite (DATABASE_URL=postgres://…, as `.ci/run` sets
it) and is skipped, saying why, when PostgreSQL or Redis cannot be reached;
with NEWSROOM_REQUIRE_SCALEOUT=1 (CI) that is a failure instead.
"""

import http.client
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import dj_database_url
import psycopg2
import pytest
import redis

from tests.factories import image_bytes
from tests.objectstore import free_port

pytestmark = pytest.mark.scaleout

ROOT = Path(__file__).resolve().parents[2]
# Each cluster has a database and cache keys of its own: two test workers (or
# two checkouts on one machine) that build one at once never meet.
DATABASE_PREFIX = "newsroom_scaleout"
REDIS_URL = os.environ.get("NEWSROOM_SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "a long pass phrase for the scale-out test"


def _unavailable(reason):
    if os.environ.get("NEWSROOM_REQUIRE_SCALEOUT") == "1":
        pytest.fail(f"NEWSROOM_REQUIRE_SCALEOUT=1 but {reason}")
    pytest.skip(reason)


def _server_settings():
    """The PostgreSQL server of DATABASE_URL, or a skip that says why."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _unavailable(
            "the two-instance test runs with the PostgreSQL suite: set "
            "DATABASE_URL=postgres://… (.ci/run does)"
        )
    server = dj_database_url.parse(url)
    try:
        psycopg2.connect(
            dbname="postgres", user=server["USER"], password=server["PASSWORD"],
            host=server["HOST"], port=server["PORT"] or 5432, connect_timeout=3,
        ).close()  # fmt: skip
    except psycopg2.OperationalError as error:
        _unavailable(f"PostgreSQL at {server['HOST']} is not reachable: {error}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        _unavailable(f"Redis at {REDIS_URL} is not reachable: {error}")
    return server


def _recreate_database(server, name):
    connection = psycopg2.connect(
        dbname="postgres", user=server["USER"], password=server["PASSWORD"],
        host=server["HOST"], port=server["PORT"] or 5432,
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    return connection


def _drop_database(server, name):
    connection = psycopg2.connect(
        dbname="postgres", user=server["USER"], password=server["PASSWORD"],
        host=server["HOST"], port=server["PORT"] or 5432,
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    connection.close()


def _manage(environment, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env=environment, check=True, capture_output=True, timeout=300,
    )  # fmt: skip


class Instance:
    """One gunicorn process and a browser of its own (cookies, no redirects)."""

    def __init__(self, environment, folder, name):
        self.port = free_port()
        self.log = folder / f"gunicorn-{name}.log"
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi",
                 "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                 "--access-logfile", "-"],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.cookies: dict[str, str] = {}

    def wait_until_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            try:
                if self.get("/robots.txt")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            sent["Origin"] = f"http://127.0.0.1:{self.port}"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, content

    def get(self, path):
        return self.request("GET", path)

    def page(self, path) -> str:
        status, _, content = self.get(path)
        assert status == 200, (path, status, content[:500])
        return content.decode()

    def post_form(self, path, fields, files=None):
        if not files:
            body = urlencode(fields, doseq=True).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            body, kind = _multipart(fields, files)
        return self.request("POST", path, body, {"Content-Type": kind})

    def log_in(self, username):
        """Through the admin's real login form (CSRF token and all)."""
        status, _, content = self.get("/admin/login/")
        if status == 302:
            return  # logged in already
        form = FormReader.read(content.decode(), "login-form")
        status, headers, content = self.post_form(
            "/admin/login/?next=/admin/",
            form | {"username": username, "password": PASSWORD},
        )
        assert status == 302 and headers["Location"] == "/admin/", content[:800]


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{one}\r\n".encode()
            )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class FormReader(HTMLParser):
    """The values a browser would submit from a form of a page, as it stands:
    inputs, checked boxes, selected options, text areas (no file inputs)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, {}
        self._select = self._textarea = None

    @classmethod
    def read(cls, page, form_id) -> dict:
        reader = cls(form_id)
        reader.feed(page)
        assert reader.values, f"no form {form_id} on the page"
        return reader.values

    def _add(self, name, value):
        if name in self.values:
            old = self.values[name]
            self.values[name] = [*(old if isinstance(old, list) else [old]), value]
        else:
            self.values[name] = value

    def handle_starttag(self, tag, attributes):
        a = dict(attributes)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("file", "submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            checkable = a.get("type") in ("checkbox", "radio")
            self._add(a["name"], a.get("value", "on" if checkable else ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


@pytest.fixture(scope="module")
def cluster(request, tmp_path_factory):
    """Two production app servers sharing PostgreSQL, Redis and SeaweedFS."""
    server = _server_settings()
    seaweedfs = request.getfixturevalue("seaweedfs")
    folder = tmp_path_factory.mktemp("scaleout")
    own = uuid.uuid4().hex[:12]
    database, cache_prefix = f"{DATABASE_PREFIX}_{own}", f"scaleout-{own}"
    _recreate_database(server, database)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": urlsplit(os.environ["DATABASE_URL"])
        ._replace(path=f"/{database}")
        .geturl(),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "MEDIA_STORAGE_URL": seaweedfs.storage_url(
            "media", f"scaleout-{uuid.uuid4().hex}/"
        ),
        # No MEDIA_ROOT on purpose: a file written to a process's disk would
        # be missed by the other; this one is empty and must stay so.
        "MEDIA_ROOT": str(folder / "must-stay-empty"),
        "STATIC_ROOT": str(folder / "static"),
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1, no proxy
        "NEWSROOM_TRUSTED_PROXIES": "0",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    _manage(environment, "migrate", "--no-input")
    _manage(environment, "collectstatic", "--no-input")
    _manage(environment, "createsuperuser", "--no-input", "--username", "chief",
            "--email", "chief@example.org")  # fmt: skip
    _manage(environment, "shell", "-c", "from newsroom.news.models import Section; "
            "Section.objects.create(name='CSTO News', slug='csto-news')")  # fmt: skip
    instances = [Instance(environment, folder, name) for name in ("a", "b")]
    try:
        for instance in instances:
            instance.wait_until_ready()
        yield instances
    finally:
        for instance in instances:
            instance.stop()
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{cache_prefix}:*"):
            client.delete(key)
        _drop_database(server, database)
    assert not (folder / "must-stay-empty").exists()


def add_news(instance, title, *, status="published", photo=None):
    """A news item through the admin's add form of `instance`, as a browser
    submits it: every value the page shows, with ours on top."""
    page = instance.page("/admin/news/newsitem/add/")
    form = FormReader.read(page, "newsitem_form")
    section = re.search(r'<option value="(\d+)">CSTO News</option>', page).group(1)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    form |= {"title": title, "slug": slug, "summary": f"Lead of {title}.",
             "body": f"<p>Body of {title}.</p>", "section": section,
             "status": status, "lead_image_alt": "Delegates at the table"}  # fmt: skip
    files = {"lead_image": ("photo.png", image_bytes(size=(1200, 800)), "image/png")}
    status_code, headers, content = instance.post_form(
        "/admin/news/newsitem/add/", form, files if photo else None
    )
    errors = re.findall(
        r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', content.decode(), re.S
    )
    assert status_code == 302, (status_code, errors or content[:2000])
    return f"/news/csto-news/{slug}/"


def image_addresses(page):
    return re.findall(r'<img[^>]* src="(/media/[^"]+)"', page)


def test_a_publication_through_one_server_is_read_through_the_other_at_once(cluster):
    a, b = cluster
    title = f"Council session {uuid.uuid4().hex[:6]}"
    # Asked on B first: a page cache there would now hold the old listing.
    assert title not in b.page("/news/")
    assert title not in b.page("/")
    a.log_in("chief")

    address = add_news(a, title)

    assert title in b.page("/news/")
    assert title in b.page("/")
    assert title in b.page(address)


def test_a_photo_uploaded_through_one_server_is_served_by_the_other(cluster):
    a, b = cluster
    a.log_in("chief")

    address = add_news(a, f"Summit {uuid.uuid4().hex[:6]}", photo=True)

    (photo,) = image_addresses(b.page(address))
    status, headers, _ = b.get(photo)
    assert status == 302  # to a signed address of the private bucket
    with urllib.request.urlopen(headers["Location"]) as stored:
        assert stored.headers["Content-Type"].startswith("image/")
        assert len(stored.read()) > 1000


def test_a_drafts_photo_is_private_on_every_server_but_not_to_its_staff(cluster):
    a, b = cluster
    a.log_in("chief")
    draft = add_news(a, f"Embargoed {uuid.uuid4().hex[:6]}", status="draft",
                     photo=True)  # fmt: skip
    # The editor's session, made on A, is good on B: sessions are in the database.
    b.cookies = dict(a.cookies)
    (photo,) = image_addresses(b.page(draft))  # the preview, on B

    assert b.get(photo)[0] == 302
    b.cookies = {}
    assert b.get(draft)[0] == 404
    assert b.get(photo)[0] == 404
