from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from newsroom.news.models import NewsItem, Section
from newsroom.publishing.views import LiveDetailMixin


class NewsListMixin:
    model = NewsItem
    paginate_by = 20
    allow_empty = True

    def get_queryset(self):
        return NewsItem.objects.live().select_related("section")


class NewsIndexView(NewsListMixin, ListView):
    template_name = "news/newsitem_list.html"


class SectionView(NewsListMixin, ListView):
    template_name = "news/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["section"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class NewsDetailView(LiveDetailMixin, DetailView):
    model = NewsItem

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("section", "event")
            .prefetch_related("officials")
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # An item moved to another section keeps working at its old address.
        if self.object.section.slug != kwargs["section"]:
            return redirect(self.object, permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)
