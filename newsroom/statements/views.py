from django.views.generic import DetailView
from django_filters.views import FilterView

from newsroom.publishing.views import LiveDetailMixin, LiveListMixin
from newsroom.statements.filters import StatementFilter
from newsroom.statements.models import Statement


class StatementListView(LiveListMixin, FilterView):
    filterset_class = StatementFilter
    template_name = "statements/statement_list.html"

    def get_queryset(self):
        return (
            Statement.objects.live()
            .in_language()
            .order_by("-issued_on", "-published_at", "-id")
        )


class StatementDetailView(LiveDetailMixin, DetailView):
    model = Statement

    # No prefetch of the documents: the template reads them when it renders
    # them (not when the page's content comes from the cache).
