from django.conf import settings
from django.urls import reverse

from newsroom.publishing.registry import content_kinds


def site(request):
    """The site's name, and the navigation and feeds every page shows, read
    from the content-kind registry."""
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
    return {"SITE_NAME": settings.SITE_NAME, "navigation": navigation, "feeds": feeds}
