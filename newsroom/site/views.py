from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.search import SearchTerms
from newsroom.site.forms import SearchFilterForm
from newsroom.site.search import CANDIDATES, results_for_page, search
from newsroom.speeches.models import Speech


class SearchView(TemplateView):
    """/search/?q=…: one ranked list over news, speeches, events and officials."""

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
            # At most CANDIDATES rows a kind: fetched in one query, counted and
            # paginated in Python (no second query for the count).
            rows = list(
                search(
                    terms,
                    kind=filters.get("type") or None,
                    section=filters.get("section"),
                    date_from=filters.get("date_from"),
                    date_to=filters.get("date_to"),
                )
            )
            page = Paginator(rows, self.paginate_by).get_page(
                self.request.GET.get("page")
            )
            results = results_for_page(list(page), terms)
            per_kind = Counter(row["result_kind"] for row in rows)
            capped = any(count >= CANDIDATES for count in per_kind.values())
        return super().get_context_data(
            terms=terms,
            form=form,
            page_obj=page,
            results=results,
            capped=capped,
            candidates=CANDIDATES,
            **kwargs,
        )


class HomeView(TemplateView):
    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        news = NewsItem.objects.live().select_related("section")
        featured = news.filter(is_featured=True).first()
        latest = news.exclude(pk=featured.pk) if featured else news
        return super().get_context_data(
            featured=featured,
            latest_news=latest[:10],
            upcoming_events=Event.objects.live().upcoming()[:5],
            latest_speeches=Speech.objects.live().select_related("speaker")[:5],
            leadership=Official.objects.filter(is_active=True)[:6],
            **kwargs,
        )


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout, rendered without context processors
    or database queries (either may be what failed)."""
    body = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(body)
