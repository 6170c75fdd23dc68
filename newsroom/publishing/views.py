"""What public listings and detail pages share: paging, filters, the preview rule."""

from django.contrib.auth import get_permission_codename
from django.utils.cache import add_never_cache_headers


class LiveDetailMixin:
    """Show live items to everyone; staff who may change an item also preview it.

    A preview (an item that is not live) is never cached and never indexed.
    """

    def may_preview(self) -> bool:
        user = self.request.user
        opts = self.model._meta
        codename = get_permission_codename("change", opts)
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.{codename}")
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.may_preview() else queryset.live()

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
    never an empty page without a word, never a server error.
    """

    paginate_by = 20
    allow_empty = True
    strict = False
