"""/sitemap.xml: an index of sitemaps of every public page, built from the
content-kind registry and each kind's public queryset (`.live()` for editorial
items), like the pages themselves. Each kind is its own sitemap, split into
pages of `limit` URLs, so no response has to list the whole archive.

Without django.contrib.sites the sitemap view takes the domain and scheme from
the request, so every <loc> is absolute for the host that was asked.

Each language has its sitemap (/sitemap.xml, /ru/sitemap.xml: robots.txt names
both) listing its own items; an item with a live translation names every
language version with <xhtml:link rel="alternate" hreflang>, as the page's
head does, from one more query per sitemap page.
"""

import re
from itertools import chain
from types import SimpleNamespace
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Min, Q
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from newsroom.caching.fragments import cached
from newsroom.publishing.registry import ContentKind, content_kinds


class ListingSitemap(Sitemap):
    """The home page and every kind's listing, by URL name, in every language
    with its alternates (Django's i18n sitemap)."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        listings = [kind.index_url for kind in content_kinds if kind.index_url]
        return ["site:home", *listings]

    def location(self, item):
        return reverse(item)


class KindSitemap(Sitemap):
    """Public items of one kind, in pages of `limit` consecutive primary keys.

    A page is a range of primary keys, not an OFFSET into a count: the index
    needs only the smallest and largest public key and the newest change (one
    query of three MIN/MAX index probes), and page p reads the rows of its key
    range, whatever the size of the archive. A page may hold fewer than
    `limit` URLs where keys were deleted or are not public.
    """

    limit = 5000

    def __init__(self, kind: ContentKind):
        self.kind = kind
        self.dated = any(f.name == "updated_at" for f in kind.model._meta.fields)

    @cached_property
    def bounds(self) -> dict:
        aggregates = {"first": Min("pk"), "last": Max("pk")}
        if self.dated:
            aggregates["latest"] = Max("updated_at")
        # Kept under the site's generation, as the pages below.
        return cached(
            "sitemap-bounds",
            lambda: self.kind.public_queryset().order_by().aggregate(**aggregates),
            vary=(self.kind.name,),
        )

    @property
    def paginator(self):
        first, last = self.bounds["first"], self.bounds["last"]
        pages = 0 if first is None else (last - first) // self.limit + 1
        return SimpleNamespace(num_pages=max(pages, 1))

    def get_latest_lastmod(self):
        return self.bounds.get("latest")

    def page_rows(self, page: int) -> list[dict]:
        """`.values()` rows of page `page` (1-based): the URL's fields, lastmod."""
        first = self.bounds["first"]
        if first is None:
            return []
        low = first + (page - 1) * self.limit
        fields = [*self.kind.url_fields, *(["updated_at"] if self.dated else [])]
        if self.kind.editorial:
            fields += ["pk", "translation_of_id", *self.order_fields]
        return list(
            self.kind.public_queryset()
            .filter(pk__gte=low, pk__lt=low + self.limit)
            .order_by("pk")
            .values(*fields)
        )

    def versions(self, rows: list[dict], page: int) -> dict[int, list[dict]]:
        """{original's pk: its live versions in every language} for the items
        of `rows` (page `page`) that have any translation: one query.

        The versions are the page's own rows, the translations whose original
        is in the page's key range (a range, not 5,000 keys: an IN list that
        long cost more than the rest of the page), and, for the few
        translations on the page whose original is not among its rows, those
        originals and their translations."""
        if not self.kind.editorial or not rows:
            return {}
        low = self.bounds["first"] + (page - 1) * self.limit
        high = low + self.limit
        roots = {row["translation_of_id"] or row["pk"] for row in rows}
        on_page = {row["pk"] for row in rows}
        missing = roots - on_page
        outside = {root for root in missing if not low <= root < high}
        condition = Q(translation_of_id__gte=low, translation_of_id__lt=high)
        if missing:
            condition |= Q(pk__in=missing)
        if outside:
            condition |= Q(translation_of_id__in=outside)
        others = list(
            self.kind.model.objects.live()
            .filter(condition)
            .values(
                *self.kind.url_fields, "pk", "translation_of_id", *self.order_fields
            )
        )
        linked = {version["translation_of_id"] or version["pk"] for version in others}
        linked &= roots
        found: dict[int, dict[int, dict]] = {}
        for version in chain(rows, others):
            root = version["translation_of_id"] or version["pk"]
            if root in linked:
                found.setdefault(root, {}).setdefault(version["pk"], version)
        return {
            root: self.in_model_order(found[root].values())
            for root in found
            if len(found[root]) > 1
        }

    @cached_property
    def order_fields(self) -> list[str]:
        """The fields of the model's default order (Meta.ordering)."""
        return [name.lstrip("-") for name in self.kind.model._meta.ordering]

    def in_model_order(self, versions) -> list[dict]:
        """`versions` in the model's default order, as a query would list them."""
        ordered = list(versions)
        for name in reversed(self.kind.model._meta.ordering):
            field = name.lstrip("-")
            ordered.sort(key=lambda row: row[field], reverse=name.startswith("-"))
        return ordered


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


# What quote() leaves as it is: most slugs, which then skip it.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch


def _quoted(text: str) -> str:
    return text if _UNQUOTED(text) else quote(text)


def _url_builder(kind: ContentKind):
    """A function of a `.values()` row giving the item's path: one reverse() with
    placeholders, then string formatting per row (5,000 reverse() calls cost
    more than the rest of the page)."""
    placeholders = {
        kwarg: f"zz{n}placeholderzz" for n, kwarg in enumerate(kind.url_kwargs)
    }
    try:
        pattern = reverse(kind.detail_url, kwargs=placeholders)
    except NoReverseMatch:  # a converter that refuses the placeholder
        return kind.url_from_values
    for kwarg, placeholder in placeholders.items():
        pattern = pattern.replace(placeholder, "{" + kwarg + "}")
    paths = kind.url_kwargs.items()

    def url(values):
        return pattern.format(
            **{kwarg: _quoted(str(values[path])) for kwarg, path in paths}
        )

    return url


def _kind_sitemap(request, sitemap: KindSitemap):
    """One page of a kind's sitemap from `.values()` rows, no model instances and
    no template loop: the page lists up to 5,000 URLs."""
    try:
        page = int(request.GET.get("p", 1))
    except ValueError:
        raise Http404("No such sitemap page.") from None
    if not 1 <= page <= sitemap.paginator.num_pages:
        raise Http404("No such sitemap page.")
    # A page's XML is kept under the site's generation (any change to the
    # content leaves it behind), for this host, scheme and language.
    body, newest = cached(
        "sitemap-page",
        lambda: _kind_sitemap_page(request, sitemap, page),
        vary=(sitemap.kind.name, page),
        request=request,
    )
    response = HttpResponse(body, content_type="application/xml")
    if newest is not None:
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


def _kind_sitemap_page(request, sitemap: KindSitemap, page: int):
    """(the XML of page `page`, its newest change or None)."""
    rows = sitemap.page_rows(page)
    versions = sitemap.versions(rows, page)
    base = f"{request.scheme}://{request.get_host()}"
    here = translation.get_language()
    builders: dict[str, object] = {}

    def loc(row):
        language = row.get("language") or here
        build = builders.get(language)
        if build is None:
            with translation.override(language):
                build = builders[language] = _url_builder(sitemap.kind)
        return escape(base + build(row))

    # Per row only string work: 5,000 rows a page.
    zone = timezone.get_current_timezone()
    dated, editorial = sitemap.dated, sitemap.kind.editorial
    parts = [SITEMAP_HEAD]
    append = parts.append
    for row in rows:
        append(f"<url><loc>{loc(row)}</loc>")
        if dated:
            day = row["updated_at"].astimezone(zone).date().isoformat()
            append(f"<lastmod>{day}</lastmod>")
        if editorial:
            alternates = versions.get(row["translation_of_id"] or row["pk"], ())
        else:  # one row, one page in every language (an official)
            alternates = [row | {"language": code} for code, _ in settings.LANGUAGES]
        for version in alternates:
            append(
                f'<xhtml:link rel="alternate" hreflang="{version["language"]}" '
                f'href="{loc(version)}"/>'
            )
        append("</url>\n")
    parts.append("</urlset>\n")
    newest = None
    if sitemap.dated and rows:
        newest = max(row["updated_at"] for row in rows)
    return "".join(parts), newest


SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


@require_safe
def section(request, section):
    sitemap = sitemaps().get(section)
    if isinstance(sitemap, KindSitemap):
        return _kind_sitemap(request, sitemap)
    return sitemap_views.sitemap(request, sitemaps(), section=section)
