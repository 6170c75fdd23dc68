"""RSS 2.0 and Atom feeds of the latest live news, for the whole site or one section."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from newsroom.news.models import NewsItem, Section

FEED_LENGTH = 20

# XML 1.0 cannot carry these; Django's feed writer raises on them (a server error).
# Text pasted from word processors brings some (a vertical tab for a soft break).
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub(" ", value)


class LatestNewsFeed(Feed):
    """The newest live news items, newest first; `section` narrows to one section."""

    def get_object(self, request, section=None):
        if section is None:
            return None
        return get_object_or_404(Section, slug=section)

    def title(self, section):
        if section is None:
            return f"{settings.SITE_NAME}: news"
        return f"{settings.SITE_NAME}: {_xml_text(section.name)}"

    def link(self, section):
        return section.get_absolute_url() if section else reverse("news:index")

    def description(self, section):
        if section is None:
            return f"The latest news from {settings.SITE_NAME}."
        return (
            f"The latest news from {settings.SITE_NAME} in {_xml_text(section.name)}."
        )

    def items(self, section):
        news = NewsItem.objects.live().select_related("section")
        if section is not None:
            news = news.filter(section=section)
        return news[:FEED_LENGTH]

    def item_title(self, item):
        # Escaped once more on output (Django's default, ticket #6533): readers
        # that treat a title as HTML show the characters, not markup.
        return escape(_xml_text(item.title))

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

    # The guid is the item's absolute URL (Django's default), and it is a permalink.
    item_guid_is_permalink = True


class _HtmlTitleHandler:
    """Passes everything to the XML writer, marking an entry's <title> as HTML."""

    def __init__(self, handler):
        self._handler = handler

    def __getattr__(self, name):
        return getattr(self._handler, name)

    def addQuickElement(self, name, contents=None, attrs=None):
        if name == "title" and not attrs:
            attrs = {"type": "html"}
        self._handler.addQuickElement(name, contents, attrs)


class HtmlTitleAtom1Feed(Atom1Feed):
    """Atom whose entry titles say type="html".

    Item titles arrive escaped for HTML (see `item_title`). An Atom title is
    plain text unless it says otherwise, so without the type a reader would
    show "&amp;" for "&"; with it, every reader shows the title as typed.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(_HtmlTitleHandler(handler), item)


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = HtmlTitleAtom1Feed

    def subtitle(self, section):
        return self.description(section)
