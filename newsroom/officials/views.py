from django.views.generic import DetailView, ListView

from newsroom.officials.models import Official

RELATED_LIMIT = 10


class OfficialListView(ListView):
    allow_empty = True

    def get_queryset(self):
        return Official.objects.filter(is_active=True).prefetch_related("appointments")


class OfficialDetailView(DetailView):
    """Any official's page, current or former: the people behind public speeches."""

    model = Official

    def get_context_data(self, **kwargs):
        official = self.object
        # Reverse relations keep officials independent of the apps that point here.
        return super().get_context_data(
            speeches=official.speeches.live()
            .in_language()
            .order_by("-delivered_on", "-id")[:RELATED_LIMIT],
            events=official.events.live()
            .in_language()
            .order_by("-starts_on", "-id")[:RELATED_LIMIT],
            news=official.news_items.live()
            .in_language()
            .select_related("section")[:RELATED_LIMIT],
            **kwargs,
        )
