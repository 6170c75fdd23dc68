from django.views.generic import DetailView
from django_filters.views import FilterView

from newsroom.events.filters import EventFilter
from newsroom.events.models import Event
from newsroom.publishing.views import LiveDetailMixin, LiveListMixin


class EventListView(LiveListMixin, FilterView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"

    def get_queryset(self):
        return Event.objects.live().in_language().upcoming_then_past()


class EventDetailView(LiveDetailMixin, DetailView):
    model = Event

    def get_queryset(self):
        # The officials, twice on the page (the article and its JSON-LD), in one
        # query; the documents are read by the template when it renders them.
        return super().get_queryset().prefetch_related("officials")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # Reverse relations: the events app does not import news or speeches.
            event_news=self.object.news_items.live()
            .in_language()
            .select_related("section"),
            event_speeches=self.object.speeches.live()
            .in_language()
            .select_related("speaker"),
            **kwargs,
        )
