"""Defects found by review, each pinned by the request that showed it."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from newsroom.news.models import NewsItem
from newsroom.publishing.models import Status
from tests.factories import (
    make_event,
    make_news,
    make_official,
    make_section,
    make_speech,
    make_user,
)
from tests.test_admin import add_form_data, admin_url

pytestmark = pytest.mark.django_db


def reporter():
    user = make_user(is_staff=True)
    user.groups.add(Group.objects.get(name="Reporter"))
    return user


@pytest.mark.parametrize("words", [90, 300])
def test_a_search_of_many_words_is_a_page_not_an_error(client, words):
    make_news(title="Alpha beta")
    response = client.get("/search/", {"q": "a " * words})
    assert response.status_code == 200
    varied = client.get("/search/", {"q": " ".join(f"w{n}" for n in range(60))})
    assert varied.status_code == 200
    assert "20 different words" in varied.content.decode()


def test_a_reporter_cannot_link_a_colleagues_draft_event(client):
    secret = make_event(
        title="Secret draft event", status=Status.DRAFT, published_at=None
    )
    live_event = make_event(title="Public event")
    client.force_login(reporter())
    data = add_form_data(NewsItem) | {"status": Status.DRAFT, "officials": []}
    data.pop("published_at_0"), data.pop("published_at_1"), data.pop("is_featured")

    refused = client.post(admin_url(NewsItem, "add"), data | {"event": secret.pk})
    assert refused.status_code == 200
    assert "event" in refused.context["adminform"].form.errors
    assert "Secret draft event" not in refused.content.decode()

    accepted = client.post(admin_url(NewsItem, "add"), data | {"event": live_event.pk})
    assert accepted.status_code == 302


def test_the_speaker_filter_names_only_speakers_of_live_speeches(client):
    embargoed = make_official(name="Embargoed Speaker", slug="embargoed")
    make_speech(
        speaker=embargoed, published_at=timezone.now() + datetime.timedelta(days=3)
    )
    make_speech(speaker=make_official(name="Public Speaker"))
    response = client.get("/speeches/", {"speaker": "embargoed"})
    body = response.content.decode()
    assert "Embargoed Speaker" not in body and "Public Speaker" in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("url", ["/news/", "/speeches/", "/events/"])
def test_listings_take_dates_as_the_site_writes_them(client, url):
    response = client.get(url, {"date_from": "24.04.2024", "date_to": "25.04.2024"})
    assert response.status_code == 200
    assert "Enter a valid date" not in response.content.decode()


def test_a_superuser_can_open_add_user(admin_client):
    assert admin_client.get("/admin/auth/user/add/").status_code == 200
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "newcomer", "password1": "a long enough pass phrase",
         "password2": "a long enough pass phrase", "usable_password": "true",
         "role": "Editor"},
    )  # fmt: skip
    assert response.status_code == 302


def test_a_section_name_with_a_control_character_keeps_its_feeds(client):
    section = make_section(name="Press\x0breleases", slug="press")
    make_news(section=section)
    assert client.get("/feeds/news/press/").status_code == 200
    assert client.get("/feeds/news/press/atom/").status_code == 200


def test_view_on_site_with_a_bad_id_is_404(admin_client):
    content_type = ContentType.objects.get_for_model(NewsItem)
    assert admin_client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404


@pytest.mark.parametrize("model_name", ["newsitem", "section"])
def test_admin_search_and_autocomplete_survive_a_nul(admin_client, model_name):
    make_news()
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "newsitem", "field_name": "event",
         "term": "a\x00"},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        admin_client.get(f"/admin/news/{model_name}/", {"q": "a\x00"}).status_code
        == 200
    )


def test_markup_inside_a_jpeg_comment_is_not_a_polyglot(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "JPEG", comment=b"<svg><script>")
    data = add_form_data(NewsItem) | {
        "lead_image": SimpleUploadedFile("photo.jpg", buffer.getvalue()),
        "lead_image_alt": "A photo",
    }
    assert admin_client.post(admin_url(NewsItem, "add"), data).status_code == 302
    stored = NewsItem.objects.get().lead_image.read()
    assert b"<svg" not in stored  # the stored copy is re-encoded without it
