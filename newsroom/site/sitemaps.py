"""/sitemap.xml: an index of sitemaps of every public page, built from `.live()`
like the pages themselves; each kind is its own sitemap, split into pages of
`limit` URLs, so no response has to list the whole archive.

Without django.contrib.sites the sitemap view takes the domain and scheme from
the request, so every <loc> is absolute for the host that was asked.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from newsroom.events.models import Event
from newsroom.news.models import NewsItem, Section
from newsroom.officials.models import Official
from newsroom.speeches.models import Speech


class ListingSitemap(Sitemap):
    """The listing pages, by URL name."""

    def items(self):
        return [
            "site:home",
            "news:index",
            "speeches:index",
            "events:index",
            "officials:index",
        ]

    def location(self, item):
        return reverse(item)


class PublishableSitemap(Sitemap):
    """Live items of one kind; only the columns their URL and lastmod need."""

    model = None
    fields = ("slug", "updated_at")
    limit = 5000

    def items(self):
        return self.model.objects.live().only(*self.fields)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest: ask the database.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class NewsSitemap(PublishableSitemap):
    model = NewsItem
    # get_absolute_url() needs the section's slug: one join, no query per item.
    fields = ("slug", "updated_at", "section__slug")

    def items(self):
        return super().items().select_related("section")


class SpeechSitemap(PublishableSitemap):
    model = Speech


class EventSitemap(PublishableSitemap):
    model = Event


class SectionSitemap(Sitemap):
    def items(self):
        return Section.objects.only("slug")


class OfficialSitemap(Sitemap):
    """Every official's page, current and former."""

    def items(self):
        # Former officials keep their public pages (their speeches link there).
        return Official.objects.only("slug", "updated_at")

    def lastmod(self, official):
        return official.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": ListingSitemap,
    "news": NewsSitemap,
    "speeches": SpeechSitemap,
    "events": EventSitemap,
    "sections": SectionSitemap,
    "officials": OfficialSitemap,
}
