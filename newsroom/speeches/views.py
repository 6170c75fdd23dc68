from django.views.generic import DetailView, ListView

from newsroom.publishing.views import LiveDetailMixin
from newsroom.speeches.models import Speech


class SpeechListView(ListView):
    paginate_by = 20
    allow_empty = True

    def get_queryset(self):
        return Speech.objects.live().select_related("speaker")


class SpeechDetailView(LiveDetailMixin, DetailView):
    model = Speech

    def get_queryset(self):
        return super().get_queryset().select_related("speaker", "event")
