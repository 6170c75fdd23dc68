"""schema.org JSON-LD of an item's page, from its kind in the registry.

A kind names its `schema_type`; editorial kinds get the article properties
every item has, and a kind's `structured_data(request, obj, data)` adds its own
(the author of a speech, the dates of an event).
"""

from django.conf import settings

from newsroom.publishing.registry import content_kinds


def organisation(request) -> dict:
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


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
    return data


def for_page(request, obj) -> dict | None:
    data = describe(request, obj)
    return None if data is None else {"@context": "https://schema.org", **data}
