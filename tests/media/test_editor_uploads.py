"""CKEditor's upload and browse endpoints: our own, permission-checked, CSRF-
protected, images only, through the same pipeline as lead images."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from newsroom.media.models import EditorImage
from tests.factories import (
    BAD_IMAGE_FILES,
    image_bytes,
    make_user,
    phone_jpeg,
    staff,
    stored_files,
)

pytestmark = pytest.mark.django_db
UPLOAD, BROWSE = "/admin/editor/upload/", "/admin/editor/browse/"


def test_the_endpoints_keep_their_addresses():
    # CKEditor's configuration (config/settings/base.py) names these paths.
    assert reverse("media:editor-upload") == UPLOAD
    assert reverse("media:editor-browse") == BROWSE


def upload(client, name, content, **extra):
    return client.post(UPLOAD, {"upload": SimpleUploadedFile(name, content)}, **extra)


def test_a_reporter_uploads_a_photo_stripped_and_resized(client, media_root):
    client.force_login(staff("Reporter"))
    response = upload(client, "IMG_1.jpg", phone_jpeg(size=(2400, 1600)))

    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    assert data["url"].endswith("-960w.jpg")  # the body gets the 960 px copy
    image = EditorImage.objects.get()
    assert image.uploaded_by.is_staff
    for path in stored_files(media_root):
        with Image.open(path) as stored:
            assert not stored.getexif()


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGE_FILES)
def test_a_bad_file_is_a_4xx_with_a_message_and_nothing_is_stored(
    client, media_root, name, content, message
):
    client.force_login(staff("Reporter"))
    response = upload(client, name, content)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert stored_files(media_root) == []
    assert not EditorImage.objects.exists()


def test_a_post_without_a_file_is_a_4xx(client):
    client.force_login(staff("Reporter"))
    assert client.post(UPLOAD, {}).status_code == 400


@pytest.mark.parametrize("who", ["visitor", "not-staff", "staff-without-role"], ids=str)
def test_only_staff_who_write_content_may_upload_or_browse(client, who, media_root):
    if who == "not-staff":
        client.force_login(make_user())
    elif who == "staff-without-role":
        client.force_login(staff())
    response = upload(client, "a.png", image_bytes())
    browse = client.get(BROWSE)
    if who == "staff-without-role":
        assert response.status_code == 403 and browse.status_code == 403
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert browse.status_code == 302
    assert stored_files(media_root) == []


def test_csrf_is_enforced(media_root):
    user = staff("Reporter")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert upload(client, "a.png", image_bytes()).status_code == 403
    assert stored_files(media_root) == []

    client.get("/admin/")  # sets the CSRF cookie, as the admin page does
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = upload(client, "a.png", image_bytes(), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_get_on_upload_is_refused(client):
    client.force_login(staff("Reporter"))
    assert client.get(UPLOAD).status_code == 405


def test_reporters_browse_their_own_uploads_editors_everyones(client):
    anna, boris = staff("Reporter"), staff("Reporter")
    for user in (anna, boris):
        client.force_login(user)
        upload(client, "a.png", image_bytes(size=(1200, 800)))
    anna_image = EditorImage.objects.get(uploaded_by=anna)
    boris_image = EditorImage.objects.get(uploaded_by=boris)

    client.force_login(anna)
    page = client.get(BROWSE, {"CKEditorFuncNum": "1"}).content.decode()
    assert anna_image.body_url in page and boris_image.body_url not in page

    client.force_login(staff("Editor"))
    page = client.get(BROWSE, {"CKEditorFuncNum": "<script>"}).content.decode()
    assert anna_image.body_url in page and boris_image.body_url in page
    assert '<script>"' not in page and "callFunction(0," in page


def test_django_ckeditors_own_uploader_is_not_installed(client):
    client.force_login(staff("Editor"))
    assert settings.CKEDITOR_ALLOW_NONIMAGE_FILES is False
    assert "ckeditor_uploader" not in settings.INSTALLED_APPS
    assert client.post("/ckeditor/upload/").status_code == 404
    assert client.get("/ckeditor/browse/").status_code == 404


def test_the_change_form_sends_the_csrf_token_with_editor_uploads(client):
    client.force_login(staff("Editor"))
    page = client.get("/admin/news/newsitem/add/").content.decode()
    assert "admin/js/editor-csrf.js" in page
    assert "&quot;filebrowserUploadUrl&quot;: &quot;/admin/editor/upload/&quot;" in page
