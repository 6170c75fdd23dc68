from django.views.generic import DetailView, ListView

from newsroom.officials.models import Official


class OfficialListView(ListView):
    allow_empty = True

    def get_queryset(self):
        return Official.objects.filter(is_active=True)


class OfficialDetailView(DetailView):
    model = Official

    def get_queryset(self):
        return super().get_queryset().prefetch_related("appointments")
