"""schema.org JSON-LD of an item's page, from its kind in the registry.

A kind names its `schema_type`; editorial kinds get the article properties
every item has (what search engines require or recommend of an Article:
headline, image, dates, author, publisher with its logo), and a kind's
`structured_data(request, obj, data)` adds or replaces its own (the speaker
and their portrait, the place and dates of an event).
"""

import html
import re

from django.utils.html import strip_tags

from newsroom.identity.models import SiteIdentity
from newsroom.publishing.registry import content_kinds


def organisation(request) -> dict:
    """The organisation as publisher: its name and logo from the site identity."""
    identity = SiteIdentity.current()
    return {
        "@type": "Organization",
        "name": identity.name,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(identity.logo_url),
            "width": 512,
            "height": 512,
        },
    }


# Tags that end a line of text: "<p>One.</p><p>Two.</p>" reads "One. Two.".
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|table|tr|td|th|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(rich_text: str, chars: int = 300) -> str:
    """Sanitised rich text as one line of plain text of at most `chars`
    characters, cut between words with "…"."""
    text = html.unescape(strip_tags(_BLOCK_TAG.sub(" ", rich_text)))
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    if text[chars - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def default_image(request) -> str | None:
    """The absolute address of the organisation's share picture, if it has one."""
    url = SiteIdentity.current().default_image_url
    return request.build_absolute_uri(url) if url else None


def _base(request, obj, kind) -> dict:
    url = request.build_absolute_uri(obj.get_absolute_url())
    if not kind.editorial:
        return {"@type": kind.schema_type, "name": str(obj), "url": url}
    return {
        "@type": kind.schema_type,
        "headline": obj.title,
        "description": obj.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": obj.published_at,
        "dateModified": obj.updated_at,
        # The organisation speaks unless the kind names someone else (a speaker).
        "author": organisation(request),
        "publisher": organisation(request),
    }


def describe(request, obj) -> dict | None:
    """The JSON-LD object of `obj` (without @context), or None for no kind."""
    kind = content_kinds.for_model(type(obj))
    if kind is None or kind.schema_type is None:
        return None
    data = _base(request, obj, kind)
    if kind.structured_data is not None:
        data = kind.structured_data(request, obj, data)
    if kind.editorial and not data.get("image"):
        # An item without a picture of its own is shown with the organisation's.
        image = default_image(request)
        if image:
            data["image"] = image
    return data


def for_page(request, obj) -> dict | None:
    data = describe(request, obj)
    return None if data is None else {"@context": "https://schema.org", **data}
