from django.views.generic import DetailView
from django_filters.views import FilterView

from newsroom.publishing.views import LiveDetailMixin, LiveListMixin
from newsroom.speeches.filters import SpeechFilter
from newsroom.speeches.models import Speech


class SpeechListView(LiveListMixin, FilterView):
    filterset_class = SpeechFilter
    template_name = "speeches/speech_list.html"

    def get_queryset(self):
        return (
            Speech.objects.live()
            .in_language()
            .select_related("speaker")
            .order_by("-delivered_on", "-published_at", "-id")
        )


class SpeechDetailView(LiveDetailMixin, DetailView):
    model = Speech

    def get_queryset(self):
        return (
            super().get_queryset().select_related("speaker", "event")
            # Documents: read by the template when it renders them (not when
            # the page's content comes from the cache).
        )
