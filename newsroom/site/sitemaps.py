"""/sitemap.xml: an index of sitemaps of every public page, built from the
content-kind registry and each kind's public queryset (`.live()` for editorial
items), like the pages themselves. Each kind is its own sitemap, split into
pages of `limit` URLs, so no response has to list the whole archive.

Without django.contrib.sites the sitemap view takes the domain and scheme from
the request, so every <loc> is absolute for the host that was asked.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsroom.publishing.registry import ContentKind, content_kinds


class ListingSitemap(Sitemap):
    """The home page and every kind's listing, by URL name."""

    def items(self):
        listings = [kind.index_url for kind in content_kinds if kind.index_url]
        return ["site:home", *listings]

    def location(self, item):
        return reverse(item)


class KindSitemap(Sitemap):
    """Public items of one kind; only the columns their URL and lastmod need."""

    limit = 5000

    def __init__(self, kind: ContentKind):
        self.kind = kind
        self.dated = any(f.name == "updated_at" for f in kind.model._meta.fields)

    def items(self):
        queryset = self.kind.public_queryset().order_by("pk")
        related = self.kind.related_for_url
        fields = {"pk", *self.kind.url_fields, *(["updated_at"] if self.dated else [])}
        # get_absolute_url() may need a related slug: one join, no query per item.
        return queryset.select_related(*related).only(*fields)

    def lastmod(self, item):
        return item.updated_at if self.dated else None

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest: ask the database.
        if not self.dated:
            return None
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


def sitemaps() -> dict[str, Sitemap]:
    return {
        "pages": ListingSitemap(),
        **{kind.plural: KindSitemap(kind) for kind in content_kinds.in_sitemap()},
    }


@require_safe
def index(request):
    return sitemap_views.index(
        request, sitemaps(), sitemap_url_name="site:sitemap-section"
    )


@require_safe
def section(request, section):
    return sitemap_views.sitemap(request, sitemaps(), section=section)
