"""Head metadata: canonical and absolute URLs, schema.org JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from newsroom.publishing.structured_data import for_page

register = template.Library()

# Inside <script>, "<" could close the element ("</script>"): escape as JSON does.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without filters; the page number kept past page 1."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


@register.simple_tag(takes_context=True)
def structured_data(context, obj=None) -> str:
    """A <script type="application/ld+json"> for `obj`, or for the site."""
    request = context["request"]
    if not obj:
        data = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": request.build_absolute_uri("/"),
        }
    else:
        data = for_page(request, obj)
        if data is None:
            return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - escaped for a <script> element just above
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
