from django.views.generic import DetailView, ListView

from newsroom.events.models import Event
from newsroom.publishing.views import LiveDetailMixin


class EventListView(ListView):
    paginate_by = 20
    allow_empty = True

    def get_queryset(self):
        return Event.objects.live()


class EventDetailView(LiveDetailMixin, DetailView):
    model = Event

    def get_queryset(self):
        return super().get_queryset().prefetch_related("officials")
