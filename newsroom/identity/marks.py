"""Pictures derived from the emblem: the favicon, touch icons, the logo search
engines show, and the default image of shared links; and, while no emblem is
uploaded, a neutral mark drawn from the short name (never a real emblem)."""

import io

from PIL import Image, ImageDraw, ImageFont

NAVY, WHITE = (11, 79, 138), (255, 255, 255)
# name -> (width, height, format); the square ones are icons of the emblem.
PICTURES = {
    "favicon.ico": (48, 48, "ICO"),
    "icon-32.png": (32, 32, "PNG"),
    "apple-touch-icon.png": (180, 180, "PNG"),
    "icon-192.png": (192, 192, "PNG"),
    "icon-512.png": (512, 512, "PNG"),
    "share.png": (1200, 630, "PNG"),
}
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def neutral_mark(short_name: str, size: int = 512) -> Image.Image:
    """A plain disc with the initials: what shows until an emblem is uploaded."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=NAVY)
    draw.ellipse((size * 0.06,) * 2 + (size * 0.94,) * 2, outline=WHITE,
                 width=max(1, size // 40))  # fmt: skip
    letters = "".join(ch for ch in short_name if ch.isalnum())[:4] or "N"
    font = ImageFont.load_default(
        size=round(size * (0.42 if len(letters) < 3 else 0.3))
    )
    draw.text((size / 2, size / 2), letters.upper(), fill=WHITE, anchor="mm", font=font)
    return image


def _square(emblem: Image.Image, size: int) -> Image.Image:
    """The emblem centred on a transparent square, whatever its proportions."""
    emblem = emblem.convert("RGBA")
    emblem.thumbnail((size, size), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.paste(emblem, ((size - emblem.width) // 2, (size - emblem.height) // 2))
    return square


def _share(emblem: Image.Image, name: str, width: int, height: int) -> Image.Image:
    """The emblem and the organisation's name on the site's colour."""
    image = Image.new("RGB", (width, height), NAVY)
    mark = _square(emblem, height // 2)
    image.paste(mark, (height // 4, height // 4), mark)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=height // 12)
    words, lines, line = name.split(), [], ""
    for word in words:  # wrap the name beside the emblem
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > width - height * 0.95 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    top = height / 2 - len(lines) * height / 22
    for number, text in enumerate(lines[:4]):
        draw.text((height * 0.9, top + number * height / 11), text, fill=WHITE,
                  font=font)  # fmt: skip
    return image


def derive(emblem: Image.Image, name: str) -> dict[str, bytes]:
    """{file name: bytes} of every picture in PICTURES, made from `emblem`."""
    pictures = {}
    for filename, (width, height, image_format) in PICTURES.items():
        if filename == "share.png":
            picture = _share(emblem, name, width, height)
        else:
            picture = _square(emblem, width)
        buffer = io.BytesIO()
        if image_format == "ICO":
            picture.save(buffer, "ICO", sizes=ICO_SIZES)
        else:
            picture.save(buffer, image_format, optimize=True)
        pictures[filename] = buffer.getvalue()
    return pictures
