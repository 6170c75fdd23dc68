"""The organisation's identity: one record site administrators edit; the
name, emblem, icons, contacts and links every page, feed and piece of
structured data shows; cached, and fresh after every change."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from newsroom.accounts.roles import EDITOR, REPORTER, SITE_ADMINISTRATOR
from newsroom.identity.models import SiteIdentity, SocialLink
from tests.factories import admin_form_data, image_bytes, make_news, staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:identity_siteidentity_changelist")
ADD = reverse("admin:identity_siteidentity_add")
LINKS = "links"


def identity(**fields):
    fields.setdefault("name", "Sample Treaty Organisation")
    fields.setdefault("short_name", "STO")
    return SiteIdentity.objects.create(**fields)


def test_without_a_record_the_site_is_named_from_settings_and_has_icons(
    client, settings
):
    settings.SITE_NAME = "Newsroom of tests"
    page = client.get("/").content.decode()
    assert "<title>Newsroom of tests</title>" in page
    for name, content_type in [
        ("favicon.ico", "image/x-icon"),
        ("apple-touch-icon.png", "image/png"),
        ("icon-512.png", "image/png"),
        ("share.png", "image/png"),
    ]:
        response = client.get(f"/{name}")
        assert response.status_code == 200, name
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/icon-13.png").status_code == 404


def test_the_name_shows_in_titles_header_footer_feeds_and_structured_data(client):
    identity(
        name="Sample Treaty Organisation",
        address="1 Sample street\nSample city",
        phone="+7 (000) 000-00-00",
        email="press@example.org",
    )
    item = make_news(title="Consultations held")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<title>Consultations held · Sample Treaty Organisation</title>" in page
    assert '<meta property="og:site_name" content="Sample Treaty Organisation">' in page
    assert '<a href="tel:+70000000000">+7 (000) 000-00-00</a>' in page
    assert "1 Sample street<br>Sample city" in page
    assert 'href="mailto:press@example.org"' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["publisher"]["name"] == "Sample Treaty Organisation"
    assert data["publisher"]["logo"]["url"] == "http://testserver/icon-512.png"
    feed = client.get("/feeds/news/").content.decode()
    assert "<title>Sample Treaty Organisation: news</title>" in feed


def test_a_change_shows_at_once_though_the_identity_is_cached(
    client, django_assert_num_queries
):
    record = identity(name="First name")
    client.get("/")
    with django_assert_num_queries(0):
        SiteIdentity.current()  # cached: no query
    record.name = "Second name"
    record.save()
    assert "<title>Second name</title>" in client.get("/").content.decode()
    SocialLink.objects.create(identity=record, label="Sample network",
                              url="https://social.example.org/sto")  # fmt: skip
    assert "https://social.example.org/sto" in client.get("/").content.decode()


def test_an_uploaded_emblem_becomes_the_favicon_icons_and_logo(client):
    record = identity()
    record.emblem = ContentFile(image_bytes("PNG", size=(600, 400)), name="e.png")
    record.save()
    record.refresh_from_db()
    assert record.pictures["source"] == record.emblem.name
    stored = record.pictures["favicon.ico"]
    with record.emblem.storage.open(stored, "rb") as file:
        expected = file.read()
    assert client.get("/favicon.ico").content == expected
    icon = client.get("/icon-512.png")
    assert icon.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "role, allowed",
    [(REPORTER, False), (EDITOR, False), (SITE_ADMINISTRATOR, True)],
)
def test_only_site_administrators_edit_the_identity(client, role, allowed):
    record = identity()
    client.force_login(staff(role))
    change = reverse("admin:identity_siteidentity_change", args=[record.pk])
    response = client.get(change)
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        data = admin_form_data(response, name_en="Renamed organisation")
        assert client.post(change, data).status_code == 302
        record.refresh_from_db()
        assert record.name == "Renamed organisation"


def test_the_list_opens_the_one_record_or_the_form_to_create_it(client):
    client.force_login(staff(SITE_ADMINISTRATOR))
    assert client.get(CHANGELIST)["Location"] == ADD
    page = client.get(ADD)
    data = admin_form_data(page, name_en="Created organisation", short_name_en="CO")
    data["emblem"] = SimpleUploadedFile("emblem.png", image_bytes("PNG", (300, 300)))
    response = client.post(ADD, data)
    assert response.status_code == 302
    record = SiteIdentity.objects.get()
    assert record.pictures["icon-512.png"]
    assert client.get(CHANGELIST)["Location"] == reverse(
        "admin:identity_siteidentity_change", args=[record.pk]
    )
    assert client.get(ADD).status_code == 403  # a second one cannot be added


def test_the_database_holds_one_record_only():
    identity()
    with pytest.raises(IntegrityError):
        SiteIdentity.objects.create(name="A second one")


@pytest.mark.parametrize(
    "name, content",
    [
        ("emblem.png", b"<svg><script>alert(1)</script></svg>"),
        ("emblem.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("emblem.png", b""),
    ],
)
def test_an_emblem_that_is_not_an_image_is_refused(client, media_root, name, content):
    record = identity()
    client.force_login(staff(SITE_ADMINISTRATOR))
    change = reverse("admin:identity_siteidentity_change", args=[record.pk])
    data = admin_form_data(client.get(change))
    data["emblem"] = SimpleUploadedFile(name, content)
    response = client.post(change, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["emblem"]
    record.refresh_from_db()
    assert not record.emblem
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/"]
)
def test_a_social_link_must_be_a_web_address(client, url):
    record = identity()
    client.force_login(staff(SITE_ADMINISTRATOR))
    change = reverse("admin:identity_siteidentity_change", args=[record.pk])
    data = admin_form_data(client.get(change))
    data |= {
        f"{LINKS}-TOTAL_FORMS": "1",
        f"{LINKS}-0-label": "Network",
        f"{LINKS}-0-url": url,
        f"{LINKS}-0-order": "0",
    }
    response = client.post(change, data)
    assert response.status_code == 200
    assert not SocialLink.objects.exists()
