"""{% picture %}: an uploaded image with its renditions as srcset, sized to fit."""

from django import template
from django.core.files.storage import default_storage

register = template.Library()

MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}


@register.inclusion_tag("includes/picture.html")
def picture(image, renditions, alt, sizes="100vw", loading="lazy", css_class=""):
    """`sizes` says how wide the image is shown, so the browser fetches the
    smallest rendition that fills it; width and height keep the layout still."""
    if not image:
        return {"image": None}
    renditions = renditions or {}
    width, height = renditions.get("width"), renditions.get("height")
    original_format = renditions.get("format")
    by_format: dict[str, list[tuple[str, int]]] = {}
    for source in renditions.get("sources", []):
        by_format.setdefault(source["format"], []).append(
            (default_storage.url(source["name"]), source["width"])
        )
    if original_format and width:
        by_format.setdefault(original_format, []).append((image.url, width))
    sources = []
    for image_format, candidates in by_format.items():
        candidates.sort(key=lambda candidate: candidate[1])
        srcset = ", ".join(f"{url} {w}w" for url, w in candidates)
        sources.append({"type": MIME[image_format], "srcset": srcset})
    fallback = by_format.get(original_format) or [(image.url, width)]
    # The <img> keeps the original format; WebP goes first as a <source>.
    img_srcset = next(
        (s["srcset"] for s in sources if s["type"] == MIME.get(original_format)), ""
    )
    middle = fallback[min(len(fallback) - 1, 1)][0]
    return {
        "image": image,
        "src": middle,
        "srcset": img_srcset,
        "webp": next((s["srcset"] for s in sources if s["type"] == "image/webp"), ""),
        "sizes": sizes,
        "alt": alt,
        "width": width,
        "height": height,
        "loading": loading,
        "css_class": css_class,
    }
