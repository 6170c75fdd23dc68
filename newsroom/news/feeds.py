"""RSS 2.0 and Atom feeds of the latest live news, for the whole site or one section."""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom.identity.models import SiteIdentity, canonical_domain
from newsroom.news.models import NewsItem, Section

FEED_LENGTH = 20

# XML 1.0 cannot carry these; Django's feed writer raises on them (a server error).
# Text pasted from word processors brings some (a vertical tab for a soft break).
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub(" ", value)


# What a reader that takes an RSS title for HTML would read as a tag or an
# entity (and hide, or run): "<b", "</", "<!", "&amp;", "&#39;".
_LOOKS_LIKE_MARKUP = re.compile(
    r"<[A-Za-z/!?]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
)


def rss_title(title: str) -> str:
    """An RSS <title>: the text as typed, escaped once by the XML writer.

    RSS never said whether a title is text or HTML. Readers that take it for
    text show "&#x27;" when it is escaped for HTML too (Django's default); so
    it is not, and "General's", "R&D" or "a < b" reach every reader as typed.
    Only a title that would read as markup ("<b>", "&amp;") is escaped for
    HTML as well, so that readers that take it for HTML show it instead of
    hiding or running it.
    """
    title = _xml_text(title)
    if _LOOKS_LIKE_MARKUP.search(title):
        return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return title


def news_guid(item: NewsItem, domain: str) -> str:
    """The item's RSS guid and Atom id: a tag URI (RFC 4151) that never changes.

    Made of the site's canonical domain, the day the item was created (UTC)
    and its primary key: a new title, slug or section, or the host name a
    reader used, gives the same id, so readers never show an item twice.
    """
    created = item.created_at.astimezone(datetime.UTC).date().isoformat()
    return f"tag:{domain},{created}:news-{item.pk}"


class LatestNewsFeed(Feed):
    """The newest live news items, newest first; `section` narrows to one section."""

    def get_object(self, request, section=None):
        if section is None:
            return None
        return get_object_or_404(Section, slug=section)

    def title(self, section):
        if section is None:
            return _("%(site)s: news") % {"site": SiteIdentity.current().name}
        return f"{SiteIdentity.current().name}: {_xml_text(section.name)}"

    def link(self, section):
        return section.get_absolute_url() if section else reverse("news:index")

    def description(self, section):
        name = SiteIdentity.current().name
        if section is None:
            return _("The latest news from %(site)s.") % {"site": name}
        return _("The latest news from %(site)s in %(section)s.") % {
            "site": name,
            "section": _xml_text(section.name),
        }

    def author_name(self, section):
        # RFC 4287: an Atom feed names its author; the organisation writes it all.
        return SiteIdentity.current().name

    def items(self, section):
        news = NewsItem.objects.live().in_language().select_related("section")
        if section is not None:
            news = news.filter(section=section)
        items = list(news[:FEED_LENGTH])
        domain = canonical_domain()
        for item in items:
            item.feed_guid = news_guid(item, domain)
        return items

    def item_title(self, item):
        return rss_title(item.title)

    def item_description(self, item):
        # The summary is plain text, but RSS descriptions and Atom <summary
        # type="html"> are read as HTML: escape it so markup shows as text.
        return escape(_xml_text(item.summary))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [_xml_text(item.section.name)]

    def item_guid(self, item):
        return item.feed_guid

    # The guid is a tag URI, not the address: it survives a new slug or section.
    item_guid_is_permalink = False


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed

    def item_title(self, item):
        # An Atom <title> is text unless it says otherwise: always as typed.
        return _xml_text(item.title)

    def subtitle(self, section):
        return self.description(section)
