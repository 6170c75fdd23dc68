"""Demo pictures drawn with Pillow: plainly placeholders, never a photograph
passed off as a real person or a real event."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

NAVY, SKY, WHITE = (11, 79, 138), (120, 170, 210), (255, 255, 255)


def _png(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def illustration(label: str, size=(1600, 900)) -> ContentFile:
    """A calm geometric picture with the words "Illustration" and `label`."""
    width, height = size
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    for step in range(12):
        y = height - step * height // 12
        box = (-width // 2 + step * 60, y - height, width * 1.4, y + height // 3)
        draw.ellipse(box, outline=SKY, width=3)
    font = ImageFont.load_default(size=64)
    small = ImageFont.load_default(size=40)
    # Inside the middle 2:3 of the picture, which survives square-ish crops.
    left = width // 5
    draw.text((left, height - 260), "Illustration", fill=WHITE, font=font)
    draw.text((left, height - 170), label[:60], fill=WHITE, font=small)
    return _png(image, "illustration.png")


def portrait_placeholder(initials: str, size=(800, 1000)) -> ContentFile:
    """A neutral silhouette with the initials and the words "Portrait placeholder"."""
    width, height = size
    image = Image.new("RGB", size, (225, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.14, width * 0.7, height * 0.46), fill=SKY)
    draw.rounded_rectangle((width * 0.15, height * 0.5, width * 0.85, height * 1.1),
                           radius=160, fill=SKY)  # fmt: skip
    draw.text((width / 2, height * 0.3), initials, fill=NAVY, anchor="mm",
              font=ImageFont.load_default(size=120))  # fmt: skip
    draw.text((width / 2, height * 0.93), "Portrait placeholder", fill=NAVY,
              anchor="mm", font=ImageFont.load_default(size=48))  # fmt: skip
    return _png(image, "portrait.png")
