from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView
from django_filters.views import FilterView

from newsroom.news.filters import NewsFilter, SectionNewsFilter
from newsroom.news.models import NewsItem, Section
from newsroom.publishing.views import LiveDetailMixin, LiveListMixin

LATEST_STRIP = 5


class NewsIndexView(LiveListMixin, FilterView):
    filterset_class = NewsFilter
    template_name = "news/newsitem_list.html"

    def get_queryset(self):
        return NewsItem.objects.live().in_language().select_related("section")


class SectionView(NewsIndexView):
    filterset_class = SectionNewsFilter
    template_name = "news/section_detail.html"

    def get(self, request, *args, **kwargs):
        self.section = get_object_or_404(Section, slug=kwargs["section"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class NewsDetailView(LiveDetailMixin, DetailView):
    model = NewsItem

    def get_queryset(self):
        return (
            super().get_queryset().select_related("section", "event")
            # Officials and documents: read by the article's template, once
            # each, and not at all when the article comes from the cache.
        )

    def is_elsewhere(self, obj) -> bool:
        # An item moved to another section keeps working at its old address.
        return super().is_elsewhere(obj) or obj.section.slug != self.kwargs["section"]

    def get_context_data(self, **kwargs):
        item = self.object
        when, pk, section = item.published_at, item.pk, item.section_id

        def live():
            return NewsItem.objects.live().in_language().select_related("section")

        def previous_item():
            in_section = live().filter(section=section)
            # Ordered by (published_at, id), so items published at the same
            # moment still have a previous and a next.
            # The bound outside the OR lets the database start its index scan
            # at this item instead of filtering the whole section.
            return (
                in_section.filter(published_at__lte=when)
                .filter(Q(published_at__lt=when) | Q(pk__lt=pk))
                .order_by("-published_at", "-id")
                .first()
            )

        def next_item():
            in_section = live().filter(section=section)
            return (
                in_section.filter(published_at__gte=when)
                .filter(Q(published_at__gt=when) | Q(pk__gt=pk))
                .order_by("published_at", "id")
                .first()
            )

        # Queried only when the template shows them (not when the article
        # comes from the cache: newsroom/caching/fragments.py).
        return super().get_context_data(
            latest_news=SimpleLazyObject(
                lambda: list(live().exclude(pk=pk)[:LATEST_STRIP])
            ),
            previous_item=SimpleLazyObject(previous_item if when else lambda: None),
            next_item=SimpleLazyObject(next_item if when else lambda: None),
            **kwargs,
        )
