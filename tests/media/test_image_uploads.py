"""The image pipeline through the admin: checks by content, metadata removed,
orientation applied, renditions made at upload and offered through srcset."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from tests.factories import (
    BAD_IMAGE_FILES,
    add_form_data,
    admin_url,
    image_bytes,
    phone_jpeg,
    png_header_only,
    stored_files,
)

pytestmark = pytest.mark.django_db


def post_news_with_image(client, name, content, **extra):
    data = add_form_data(NewsItem) | {"lead_image_alt": "A test photo"} | extra
    data["lead_image"] = SimpleUploadedFile(name, content)
    return client.post(admin_url(NewsItem, "add"), data)


def test_a_phone_photo_is_stored_upright_without_metadata(admin_client, media_root):
    response = post_news_with_image(admin_client, "../../IMG 0001.JPG", phone_jpeg())
    assert response.status_code == 302

    item = NewsItem.objects.get()
    name = item.lead_image.name
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", name)
    files = stored_files(media_root)
    assert all(f.resolve().is_relative_to(Path(media_root).resolve()) for f in files)
    for path in files:
        with Image.open(path) as stored:
            assert not stored.getexif(), path  # no GPS, camera or author
            assert "exif" not in stored.info and "xmp" not in stored.info
            assert stored.size[1] > stored.size[0], "orientation applied: portrait"
            # The red band that was on the left is now at the top.
            top = stored.convert("RGB").getpixel((stored.size[0] // 2, 2))
            assert top[0] > 150 and top[1] < 80, top
    assert b"PhoneMaker" not in b"".join(f.read_bytes() for f in files)


def test_renditions_are_made_at_upload_never_upscaled(admin_client):
    post_news_with_image(admin_client, "wide.jpg", image_bytes("JPEG", (2000, 1000)))
    renditions = NewsItem.objects.get().lead_image_renditions
    assert (renditions["width"], renditions["height"]) == (2000, 1000)
    made = sorted((s["format"], s["width"]) for s in renditions["sources"])
    assert made == [("JPEG", 480), ("JPEG", 960), ("JPEG", 1600),
                    ("WEBP", 480), ("WEBP", 960), ("WEBP", 1600)]  # fmt: skip
    for source in renditions["sources"]:
        with default_storage.open(source["name"]) as f, Image.open(f) as image:
            assert image.format == source["format"]
            assert image.size == (source["width"], source["height"])

    post_news_with_image(admin_client, "small.png", image_bytes("PNG", (300, 200)),
                         slug="small", title="Small")  # fmt: skip
    small = NewsItem.objects.get(slug="small").lead_image_renditions
    assert [(s["format"], s["width"]) for s in small["sources"]] == [("WEBP", 300)]


def test_a_gif_is_kept_as_a_still_png(admin_client):
    assert (
        post_news_with_image(admin_client, "anim.gif", image_bytes("GIF")).status_code
        == 302
    )
    item = NewsItem.objects.get()
    assert item.lead_image.name.endswith(".png")


@pytest.mark.parametrize("width", [375])
def test_a_phone_gets_at_most_the_960_rendition(admin_client, client, width):
    post_news_with_image(admin_client, "wide.jpg", image_bytes("JPEG", (3000, 2000)))
    item = NewsItem.objects.get()
    item.status = "published"
    item.save()
    body = client.get(item.get_absolute_url()).content.decode()
    figure = body[body.index('<figure class="lead-image">') :]
    img = re.search(r"<img [^>]*>", figure).group(0)
    assert 'width="3000" height="2000"' in img  # no layout shift
    sizes = re.search(r'sizes="([^"]+)"', img).group(1)
    assert sizes.endswith("100vw")
    for srcset in re.findall(r'srcset="([^"]+)"', figure):
        candidates = sorted(
            (int(w.rstrip("w")), url)
            for url, w in (part.strip().split() for part in srcset.split(","))
        )
        # What a browser picks on a 375 px phone at 2x: the first at least 750 px.
        needed = width * 2
        chosen = next(w for w, _ in candidates if w >= needed)
        assert chosen <= 960


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGE_FILES)
def test_a_bad_file_is_a_form_error_and_nothing_is_stored(
    admin_client, media_root, name, content, message
):
    response = post_news_with_image(admin_client, name, content)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["lead_image"]
    assert any(message in error for error in errors), errors
    assert not NewsItem.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("pixels", "accepted"), [((6_000, 6_650), True), ((6_000, 6_700), False)]
)
def test_the_pixel_limit_is_exact(admin_client, settings, pixels, accepted):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 40_000_000
    response = post_news_with_image(admin_client, "big.png", png_header_only(*pixels))
    errors = str(response.context["adminform"].form.errors)
    if accepted:
        # Under the limit the header check passes; decoding then finds no pixels.
        assert "megapixels" not in errors and "damaged or truncated" in errors
    else:
        assert "the limit is 40 megapixels" in errors


@pytest.mark.parametrize(
    ("pixels", "accepted"), [((5_000, 5_000), True), ((5_000, 5_001), False)]
)
def test_images_are_limited_to_25_megapixels_by_default(admin_client, pixels, accepted):
    """25 MP: what one worker decodes within 512 MB (measurements beside
    NEWSROOM_MAX_IMAGE_PIXELS in config/settings/base.py)."""
    response = post_news_with_image(admin_client, "big.png", png_header_only(*pixels))
    errors = str(response.context["adminform"].form.errors)
    assert ("the limit is 25 megapixels" in errors) is not accepted


def test_a_file_over_the_size_limit_is_refused(admin_client, settings, media_root):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 1_000
    content = image_bytes(size=(400, 400)) + b"\0" * 2_000
    response = post_news_with_image(admin_client, "large.png", content)
    assert "the limit is 1000" in str(response.context["adminform"].form.errors)
    assert stored_files(media_root) == []


def test_a_photo_needs_alt_text(admin_client, media_root):
    response = post_news_with_image(
        admin_client, "photo.png", image_bytes(), lead_image_alt=""
    )
    assert response.status_code == 200
    assert "Describe the photo" in str(response.context["adminform"].form.errors)
    assert not NewsItem.objects.exists()


def test_a_portrait_needs_alt_text_and_gets_renditions(admin_client):
    data = add_form_data(Official) | {
        "portrait": SimpleUploadedFile("p.jpg", image_bytes("JPEG", (800, 1000))),
        "portrait_alt_en": "",
    }
    response = admin_client.post(admin_url(Official, "add"), data)
    assert "Describe the portrait" in str(response.context["adminform"].form.errors)

    data["portrait"] = SimpleUploadedFile("p.jpg", image_bytes("JPEG", (800, 1000)))
    data["portrait_alt_en"] = "Portrait placeholder"
    assert admin_client.post(admin_url(Official, "add"), data).status_code == 302
    official = Official.objects.get()
    assert official.portrait_renditions["width"] == 800
    assert {s["width"] for s in official.portrait_renditions["sources"]} == {480, 800}


def test_markup_inside_a_jpeg_comment_is_not_a_polyglot(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "JPEG", comment=b"<svg><script>")
    response = post_news_with_image(admin_client, "photo.jpg", buffer.getvalue())
    assert response.status_code == 302
    stored = NewsItem.objects.get().lead_image.read()
    assert b"<svg" not in stored  # the stored copy is re-encoded without it
