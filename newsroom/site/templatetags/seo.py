"""Head metadata: canonical and absolute URLs, schema.org JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.speeches.models import Speech

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


def _organisation(request):
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def _person(request, official):
    data = {
        "@type": "Person",
        "name": official.name,
        "jobTitle": official.position,
        "url": request.build_absolute_uri(official.get_absolute_url()),
    }
    if official.portrait:
        data["image"] = request.build_absolute_uri(official.portrait.url)
    if official.organ:
        data["worksFor"] = {"@type": "Organization", "name": official.organ}
    return data


def _item(request, item, schema_type):
    url = request.build_absolute_uri(item.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": item.title,
        "description": item.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": item.published_at,
        "dateModified": item.updated_at,
        "publisher": _organisation(request),
    }


def structured_data_for(request, obj) -> dict | None:
    if isinstance(obj, NewsItem):
        data = _item(request, obj, "NewsArticle")
        data["articleSection"] = obj.section.name
        data["author"] = _organisation(request)
        if obj.lead_image:
            data["image"] = request.build_absolute_uri(obj.lead_image.url)
        return data
    if isinstance(obj, Speech):
        data = _item(request, obj, "Article")
        data["author"] = _person(request, obj.speaker)
        data["dateCreated"] = obj.delivered_on
        if obj.location:
            data["locationCreated"] = {"@type": "Place", "name": obj.location}
        return data
    if isinstance(obj, Event):
        return {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": obj.title,
            "description": obj.summary,
            "url": request.build_absolute_uri(obj.get_absolute_url()),
            "startDate": obj.starts_on,
            "endDate": obj.last_day,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": obj.location or settings.SITE_NAME},
            "organizer": _organisation(request),
            "performer": [_person(request, o) for o in obj.officials.all()],
        }
    if isinstance(obj, Official):
        return {"@context": "https://schema.org", **_person(request, obj)}
    return None


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
        data = structured_data_for(request, obj)
        if data is None:
            return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - escaped for a <script> element just above
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
