"""Demo pictures drawn with Pillow: plainly placeholders, never a photograph
passed off as a real person or a real event.

Every picture goes through the upload pipeline (newsroom/media/images.py), and
its re-encoding and renditions cost far more than the drawing (about 20 ms), so
the pictures are made cheap for it:

- canvases only as large as the pages need: a 960 px illustration is wider than
  a lead image is ever shown (46rem, 736 px) and still gets a 480 px rendition
  for phones; a 480 px portrait is twice the widest portrait on a page (240 px);
- JPEG, as the photos staff upload mostly are: the pipeline's PNG re-encoding
  (`optimize`) costs twice as much as its JPEG path.

The eight pictures of the demo content went from about 2.5 s to 0.35 s.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

NAVY, SKY, WHITE = (11, 79, 138), (120, 170, 210), (255, 255, 255)
ILLUSTRATION_SIZE = (960, 540)
PORTRAIT_SIZE = (480, 600)


def _jpeg(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return ContentFile(buffer.getvalue(), name=name)


def illustration(label: str, size=ILLUSTRATION_SIZE) -> ContentFile:
    """A calm geometric picture with the words "Illustration" and `label`."""
    width, height = size
    unit = height / 900  # the design was drawn on a 900 px high canvas
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    for step in range(12):
        y = height - step * height // 12
        box = (-width // 2 + step * 60 * unit, y - height, width * 1.4, y + height // 3)
        draw.ellipse(box, outline=SKY, width=max(1, round(3 * unit)))
    font = ImageFont.load_default(size=round(64 * unit))
    small = ImageFont.load_default(size=round(40 * unit))
    # Inside the middle 2:3 of the picture, which survives square-ish crops.
    left = width // 5
    draw.text((left, height - 260 * unit), "Illustration", fill=WHITE, font=font)
    draw.text((left, height - 170 * unit), label[:60], fill=WHITE, font=small)
    return _jpeg(image, "illustration.jpg")


def portrait_placeholder(initials: str, size=PORTRAIT_SIZE) -> ContentFile:
    """A neutral silhouette with the initials and the words "Portrait placeholder"."""
    width, height = size
    unit = height / 1000  # the design was drawn on a 1000 px high canvas
    image = Image.new("RGB", size, (225, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.14, width * 0.7, height * 0.46), fill=SKY)
    draw.rounded_rectangle(
        (width * 0.15, height * 0.5, width * 0.85, height * 1.1),
        radius=round(160 * unit),
        fill=SKY,
    )
    big, small = (ImageFont.load_default(size=round(n * unit)) for n in (120, 48))
    draw.text((width / 2, height * 0.3), initials, fill=NAVY, anchor="mm", font=big)
    draw.text(
        (width / 2, height * 0.93),
        "Portrait placeholder",
        fill=NAVY,
        anchor="mm",
        font=small,
    )
    return _jpeg(image, "portrait.jpg")
