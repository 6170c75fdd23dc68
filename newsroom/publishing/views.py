"""What public listings and detail pages share: paging, filters, the preview rule."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from newsroom.caching.fragments import cached
from newsroom.publishing.languages import current_language
from newsroom.publishing.pagination import BoundedPaginator
from newsroom.publishing.permissions import may_change


class LiveDetailMixin:
    """Show live items to everyone; staff who may change an item also preview it.

    Who may change what is decided in newsroom/publishing/permissions.py. A
    preview (an item that is not live) is never cached and never indexed.
    """

    def get_queryset(self):
        # The original comes along: a translation's page names it (no query more).
        queryset = super().get_queryset().select_related("translation_of")
        return queryset if self.request.user.is_staff else queryset.live()

    def get_object(self, queryset=None):
        if queryset is None and not self.request.user.is_staff:
            # What everyone but staff sees: kept under the site's generation
            # (any change to the content leaves it behind), keyed by the
            # address's parts; "not found" is raised and never kept.
            obj = cached(
                "detail-object",
                lambda: super(LiveDetailMixin, self).get_object(),
                vary=(self.model._meta.label, *sorted(self.kwargs.items())),
                request=self.request,
            )
        else:
            obj = super().get_object(queryset)
        if not obj.is_live and not may_change(self.request.user, obj):
            raise Http404("No such page.")
        return obj

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.is_elsewhere(self.object):
            return redirect(self.object.get_absolute_url(), permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def is_elsewhere(self, obj) -> bool:
        """The item's address is another one: it moves there for good. An item
        is at its own language's address (/news/…/<slug>/ of a Russian item
        moves to /ru/news/…/<slug>/)."""
        return obj.language != current_language()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_live
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class LiveListMixin:
    """Paging and filter policy of public listings (with django-filter's FilterView).

    get_queryset() returns `.live()` items; the FilterSet only narrows them. An
    invalid filter value is shown as a form error and ignored (strict = False),
    never an empty page without a word, never a server error. The page range is
    bounded (newsroom/publishing/pagination.py), so a page costs the same
    whatever the size of the archive.
    """

    paginator_class = BoundedPaginator
    paginate_by = 20
    allow_empty = True
    strict = False

    def get_paginator(self, *args, **kwargs):
        """A paginator that keeps a deep page's keys under the generation:
        the rows follow from the view, the path and the filters (the query
        string but the page number), the same for every visitor."""
        paginator = super().get_paginator(*args, **kwargs)
        filters = sorted(
            (name, values)
            for name, values in self.request.GET.lists()
            if name != self.page_kwarg
        )
        paginator.rows_key = (type(self).__qualname__, self.request.path, repr(filters))
        paginator.request = self.request
        return paginator
