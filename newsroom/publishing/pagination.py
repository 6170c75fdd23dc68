"""Pages of a public listing whose cost does not grow with the archive.

Django's Paginator counts every matching row on each request (a full COUNT of
the archive) and reaches page N with OFFSET (N - 1) × 20, which reads every
row before it. A bounded page range keeps both flat: at most MAX_PAGES pages
are reachable by number, so the count stops at MAX_PAGES × per_page + 1 rows
and no OFFSET goes deeper than that. Older items are one filter away (year,
month, dates), which is how visitors look for them anyway. `?page=` keeps its
meaning (the URL contract in DESIGN.md): page 3 is still the 41st to 60th item.
"""

import inspect

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.inspect import method_has_no_args

from newsroom.caching.fragments import cached

# 500 pages of 20: the newest 10,000 items of a listing by page number.
MAX_PAGES = 500
# From this many rows in, a page loads its keys first (see BoundedPaginator.page).
DEFERRED_JOIN_FROM = 200


class BoundedPaginator(Paginator):
    """A Paginator that counts at most `max_pages` pages' worth of rows.

    `count` is then the number of reachable rows and `capped` says whether more
    exist beyond the last reachable page (the page says "more than …").
    """

    max_pages = MAX_PAGES
    # Set by a listing (LiveListMixin): what, besides the page number, decides
    # its rows (the view, the path, the filters), and the request. A deep
    # page's keys are then kept under the site's generation (newsroom/caching/
    # fragments.py): a deep page from the fragment cache runs only the count.
    # None: looked up each time.
    rows_key: tuple | None = None
    request = None

    def _kept(self, name: str, compute, *vary):
        if self.rows_key is None:
            return compute()
        return cached(name, compute, vary=(*self.rows_key, *vary), request=self.request)

    @property
    def bound(self) -> int:
        return self.max_pages * self.per_page

    @cached_property
    def counted(self) -> int:
        """Rows up to bound + 1: enough to know whether there are more."""
        rows = self.object_list
        count = getattr(rows, "count", None)
        if (
            callable(count)
            and not inspect.isbuiltin(count)
            and method_has_no_args(count)
        ):
            # Any bound + 1 rows will do, so no ORDER BY: the database stops
            # after bound + 1 index entries instead of sorting the archive.
            return rows.order_by()[: self.bound + 1].count()
        return len(rows[: self.bound + 1])

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.bound)

    @property
    def capped(self) -> bool:
        return self.counted > self.bound

    def page(self, number):
        """Past the first pages, find the page's keys first (an index-only scan
        skips the OFFSET rows without reading them), then load those rows."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if bottom < DEFERRED_JOIN_FROM or not hasattr(rows, "values_list"):
            return super().page(number)
        keys = self._kept(
            "listing-keys",
            lambda: list(
                rows.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            ),
            bottom,
            self.per_page,
        )
        # Loaded when the page is shown (not when it comes from the cache);
        # in the listing's order, as the keys were taken.
        return self._get_page(rows.filter(pk__in=keys), number, self)
