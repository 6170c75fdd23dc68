from django.urls import reverse

from newsroom.identity.models import SiteIdentity
from newsroom.publishing.registry import content_kinds


def site(request):
    """The organisation's identity (cached), and the navigation and feeds every
    page shows, read from the content-kind registry."""
    navigation = [
        {"label": kind.label_plural, "url": reverse(kind.index_url)}
        for kind in content_kinds.navigation()
        if kind.index_url
    ]
    path = request.path
    for entry in navigation:
        entry["current"] = path.startswith(entry["url"])
    feeds = [
        {"title": title, "url": reverse(url_name), "type": mime}
        for title, url_name, mime in content_kinds.feeds()
    ]
    identity = SiteIdentity.current()
    return {
        "identity": identity,
        "SITE_NAME": identity.name,
        "navigation": navigation,
        "feeds": feeds,
    }
