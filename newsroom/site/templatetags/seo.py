"""Head metadata: canonical and absolute URLs, the picture of a shared link,
schema.org JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from newsroom.identity.models import SiteIdentity
from newsroom.publishing import languages
from newsroom.publishing.languages import current_language
from newsroom.publishing.models import Publishable
from newsroom.publishing.registry import content_kinds
from newsroom.publishing.structured_data import for_page, organisation
from newsroom.publishing.translations import live_versions

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
def language_versions(context):
    """`_language_versions()`, worked out only if a part of the page that
    uses it is rendered (not read from the cache: newsroom/caching/fragments.py),
    so a page whose parts are all cached runs no query for it."""
    request = context["request"]
    item = context.get("object")
    # Django's "not found" page (its context names the request_path).
    not_found = "request_path" in context
    return SimpleLazyObject(lambda: _language_versions(request, item, not_found))


def _language_versions(request, item, not_found: bool) -> list[dict]:
    """This page in each language, for the language switcher and the hreflang
    alternates: [{"code", "name", "url", "current", "same_page", "default",
    "alternate"}]; `alternate` marks the versions hreflang names (only when
    the page has more than one).

    An item's page leads to its translation into that language when it is
    live (`same_page`), else to the matching listing in that language, never
    to a draft or a 404. Other pages (listings, search, an official) are the
    same address under the other prefix, query string kept.
    """
    here = current_language()
    versions = None
    if isinstance(item, Publishable) and item.pk:
        versions = live_versions(item)
        versions[item.language] = item  # a preview is its own language's page
    links = []
    # On a "not found" page: nothing to switch to but each language's home page.
    for code, name in settings.LANGUAGES:
        if code == here:
            url, same_page = request.get_full_path(), not not_found
        elif not_found:
            url, same_page = _home(code), False
        elif versions is None:
            url, same_page = translate_url(request.get_full_path(), code), True
        elif code in versions:
            url, same_page = versions[code].get_absolute_url(), True
        else:
            url, same_page = _listing_of(item, code), False
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == here,
                "same_page": same_page,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    several = sum(link["same_page"] for link in links) > 1
    for link in links:
        link["alternate"] = several and link["same_page"]
    return links


@register.filter
def language_in_words(code: str) -> str:
    """ "Russian" on an English page, "русский" on a Russian one."""
    return languages.language_in_words(code)


@register.filter
def in_other_languages(languages) -> bool:
    """Whether this page is live in another language too (language_versions)."""
    return any(link["alternate"] and not link["current"] for link in languages or ())


def _home(language: str) -> str:
    with translation.override(language):
        return reverse("site:home")


def _listing_of(item, language: str) -> str:
    kind = content_kinds.for_model(type(item))
    with translation.override(language):
        return reverse(kind.index_url if kind.index_url else "site:home")


@register.simple_tag(takes_context=True)
def share_image(context, image=None) -> dict | None:
    """The picture of this page when shared (Open Graph, Twitter cards):
    `image` (an item's photo or portrait), else the organisation's share
    picture. {"url": absolute address, "alt": its text}, or None.

    An image field's alt text is the field beside it, `<field>_alt`
    (`lead_image_alt`, `portrait_alt`).
    """
    request = context["request"]
    if image:
        alt = getattr(image.instance, f"{image.field.name}_alt", "")
        return {"url": request.build_absolute_uri(image.url), "alt": alt}
    identity = SiteIdentity.current()
    url = identity.default_image_url or identity.logo_url
    if not url:
        return None
    return {"url": request.build_absolute_uri(url), "alt": identity.name}


@register.simple_tag(takes_context=True)
def structured_data(context, obj=None, home=False) -> str:
    """A <script type="application/ld+json"> for `obj`, or for the site; the
    home page (`home=True`) describes the organisation too."""
    request = context["request"]
    if not obj:
        home_url = request.build_absolute_uri("/")
        website = {
            "@type": "WebSite",
            "name": SiteIdentity.current().name,
            "url": home_url,
        }
        if home:
            org = {"@id": f"{home_url}#organization", **organisation(request)}
            website["publisher"] = {"@id": org["@id"]}
            data = {"@context": "https://schema.org", "@graph": [website, org]}
        else:
            data = {"@context": "https://schema.org", **website}
    else:
        data = for_page(request, obj)
        if data is None:
            return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - escaped for a <script> element just above
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
