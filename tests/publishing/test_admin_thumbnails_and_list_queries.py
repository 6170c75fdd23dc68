"""Lead photos and portraits as thumbnails in the admin's lists and forms: the
smallest rendition, never the original in a list, never its file name in a
form; and lists whose query count does not grow with their rows."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.accounts.roles import EDITOR
from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from tests.factories import (
    FACTORIES,
    admin_url,
    image_bytes,
    make_news,
    make_official,
    make_section,
    staff,
)

pytestmark = pytest.mark.django_db

# A list page of 50 rows and one of 2 take the same queries; this bound is the
# count measured for the longest list (session, user, permissions, count,
# rows, filters, date hierarchy) with a little room.
MAX_LIST_QUERIES = 14


def photo(name="photo.jpg"):
    return SimpleUploadedFile(name, image_bytes("JPEG", size=(1200, 800)))


def with_photo(model, **fields):
    if model is Official:
        return make_official(portrait=photo(), portrait_alt="Portrait", **fields)
    return FACTORIES[model](lead_image=photo(), lead_image_alt="A photo", **fields)


@pytest.fixture
def editor(client):
    user = staff(EDITOR)
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", [NewsItem, Event, Official], ids=lambda m: m.__name__)
def test_lists_show_the_smallest_rendition_as_a_thumbnail(client, editor, model):
    item = with_photo(model)
    original = (item.portrait if model is Official else item.lead_image).name

    html = client.get(admin_url(model, "changelist")).content.decode()

    thumbs = re.findall(r'<img src="([^"]+)" class="admin-thumb"', html)
    assert len(thumbs) == 1
    assert thumbs[0].endswith("-480w.webp")
    assert original not in html  # neither the full-size image nor its name


def test_a_row_without_a_photo_shows_a_dash_and_no_image(client, editor):
    make_news(title="No photo here")
    html = client.get(admin_url(NewsItem, "changelist")).content.decode()
    assert 'class="admin-thumb"' not in html
    assert re.search(r'<td class="field-lead_photo">—</td>', html)


@pytest.mark.parametrize("model", [NewsItem, Event, Official], ids=lambda m: m.__name__)
def test_the_form_shows_the_current_photo_as_a_thumbnail_not_a_file_name(
    client, editor, model
):
    item = with_photo(model)
    stored = item.portrait if model is Official else item.lead_image

    html = client.get(admin_url(model, "change", item.pk)).content.decode()

    assert re.search(r'<img src="[^"]+-480w\.webp" class="admin-preview"', html)
    # The link to the full image stays, its text is the thumbnail, not the path.
    assert f">{stored.name}<" not in html


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_list_queries_do_not_grow_with_the_rows(
    client, editor, django_assert_max_num_queries, model
):
    section = make_section() if model is NewsItem else None
    extra = {"section": section} if section else {}

    def fill(count):
        for _ in range(count):
            if model in (NewsItem, Event, Official):
                with_photo(model, **extra)
            else:
                FACTORIES[model]()

    fill(2)
    client.get(admin_url(model, "changelist"))  # the session's first look-ups
    client.get(admin_url(model, "changelist"))  # the cache's, after a cold start
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as few:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    fill(20)
    client.get(admin_url(model, "changelist"))  # after a change: the same look-ups
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as many:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
