from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from newsroom.identity.models import SiteIdentity
from newsroom.publishing.registry import content_kinds


def site(request):
    """The organisation's identity (cached), and the navigation and feeds every
    page shows, read from the content-kind registry.

    Each is worked out when a template first uses it: a page whose chrome
    comes from the fragment cache (newsroom/caching/fragments.py) reads
    neither the identity nor the URLs."""

    def navigation():
        entries = [
            {"label": kind.label_plural, "url": reverse(kind.index_url)}
            for kind in content_kinds.navigation()
            if kind.index_url
        ]
        path = request.path
        for entry in entries:
            entry["current"] = path.startswith(entry["url"])
        return entries

    def feeds():
        return [
            {"title": title, "url": reverse(url_name), "type": mime}
            for title, url_name, mime in content_kinds.feeds()
        ]

    identity = SimpleLazyObject(SiteIdentity.current)
    return {
        "identity": identity,
        "SITE_NAME": SimpleLazyObject(lambda: identity.name),
        "navigation": SimpleLazyObject(navigation),
        "feeds": SimpleLazyObject(feeds),
    }
