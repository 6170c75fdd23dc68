import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.template import loader
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView

from newsroom.publishing.registry import content_kinds
from newsroom.search.backends import SearchTerms
from newsroom.search.query import (
    CANDIDATES,
    count_by_kind,
    results_for_page,
    search,
)
from newsroom.site.faults import DATABASE_UNAVAILABLE, database_unavailable
from newsroom.site.forms import SearchFilterForm


class CountedRows:
    """Rows whose count is already known, for Paginator: no second COUNT."""

    ordered = True

    def __init__(self, rows, count: int):
        self.rows, self.total = rows, count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return list(self.rows[index])


class SearchView(TemplateView):
    """/search/?q=…: one ranked list over every searchable kind."""

    template_name = "site/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        terms = SearchTerms.parse(self.request.GET.get("q"))
        form = SearchFilterForm(self.request.GET)
        # Invalid filters are shown as errors and left out (cleaned_data holds
        # only the valid ones); the search still runs.
        form.is_valid()
        filters = form.cleaned_data
        page = results = None
        capped = False
        if terms:
            # Counted, ranked and cut to one page by the database; only the
            # page's rows come to Python and get highlighted. Run only when
            # the template shows them, not when the results come from the
            # cache (newsroom/caching/fragments.py).
            criteria = {
                "kind": filters.get("type") or None,
                "category": form.category,
                "date_from": filters.get("date_from"),
                "date_to": filters.get("date_to"),
            }
            found = {}

            def run() -> dict:
                if not found:
                    per_kind = count_by_kind(terms, **criteria)
                    rows = CountedRows(
                        search(terms, **criteria), sum(per_kind.values())
                    )
                    page = Paginator(rows, self.paginate_by).get_page(
                        self.request.GET.get("page")
                    )
                    found["page"] = page
                    found["results"] = results_for_page(list(page), terms)
                    found["capped"] = any(
                        count >= CANDIDATES for count in per_kind.values()
                    )
                return found

            page = SimpleLazyObject(lambda: run()["page"])
            results = SimpleLazyObject(lambda: run()["results"])
            capped = SimpleLazyObject(lambda: run()["capped"])
        return super().get_context_data(
            terms=terms,
            form=form,
            page_obj=page,
            results=results,
            capped=capped,
            candidates=CANDIDATES,
            searchable=content_kinds.searchable(),
            **kwargs,
        )


class BlockContext(dict):
    """A home block's kind and template; what it shows (`block.context()`)
    is queried when the template first asks for it, so not at all when the
    page's content comes from the cache (newsroom/caching/fragments.py)."""

    def __init__(self, kind, block):
        super().__init__(kind=kind, template=block.template)
        self._context = block.context
        self._loaded = False

    def __missing__(self, key):
        if not self._loaded:
            self._loaded = True
            self.update(self._context())
            if key in self:
                return self[key]
        raise KeyError(key)


class HomeView(TemplateView):
    """The home page: a block per kind that declares one (the registry's
    `home`), in the main column or beside it."""

    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        columns = {"main": [], "side": []}
        for kind, block in content_kinds.home_blocks():
            columns[block.column].append(BlockContext(kind, block))
        return super().get_context_data(
            main_blocks=columns["main"], side_blocks=columns["side"], **kwargs
        )


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout, rendered without context processors
    or database queries (either may be what failed). A database that cannot
    be reached, outside a view (in a middleware, say), gets the 503 page."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable()
    body = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(body)
