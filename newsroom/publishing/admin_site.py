"""The back office's AdminSite: Django's, with two of its views made to ask our
permission rules, and every view refusing control characters in its query
string and bounding its free text (installed as the default site by
NewsroomAdminConfig)."""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.registry import content_kinds
from newsroom.search.backends import (
    CONTROL_CHARACTERS,
    MAX_QUERY_LENGTH,
    bounded_search_term,
)

# Free text the views clean themselves: the list search (Django's form refuses a
# NUL with a message) and autocomplete's term (SafeSearchMixin).
FREE_TEXT_PARAMETERS = frozenset({SEARCH_VAR, "term"})


def refuse_control_characters(request):
    """A 400 for a control character (NUL, ESC, …; not tab or line breaks) in
    any query parameter's name or value but free text: list filters, ordering,
    pages and dates go into queries, and PostgreSQL refuses a NUL in one (a 500
    from every filter otherwise)."""
    for name, values in request.GET.lists():
        if CONTROL_CHARACTERS.search(name) or (
            name not in FREE_TEXT_PARAMETERS
            and any(CONTROL_CHARACTERS.search(value) for value in values)
        ):
            raise BadRequest("A control character in the address.")


def bound_free_text(request):
    """The list search and autocomplete's term, when longer than any search
    (MAX_QUERY_LENGTH), bounded for every admin (bounded_search_term): a 100 KB
    search is cut, not a query too deep for the database. Shorter ones go as
    typed to the admin, whose form tells of a NUL."""
    long = [
        name
        for name in FREE_TEXT_PARAMETERS & request.GET.keys()
        if len(request.GET[name]) > MAX_QUERY_LENGTH
    ]
    if long:
        request.GET = request.GET.copy()
        for name in long:
            request.GET[name] = bounded_search_term(request.GET[name])


class LinkableAutocompleteView(AutocompleteJsonView):
    """Autocomplete offers what the user may link to, which can be more than
    what they may open: a reporter links a colleague's live event."""

    def get_queryset(self):
        linkable = getattr(self.model_admin, "get_linkable_queryset", None)
        if linkable is None:
            return super().get_queryset()
        queryset = linkable(self.request).complex_filter(
            self.source_field.get_limit_choices_to()
        )
        queryset, use_distinct = self.model_admin.get_search_results(
            self.request, queryset, self.term
        )
        return queryset.distinct() if use_distinct else queryset


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Newsroom")
    site_title = _("Newsroom back office")
    index_title = _("Desk")
    # The home page is the desk (newsroom/desk), with Django's list of models below.
    index_template = "admin/desk/index.html"

    def admin_view(self, view, cacheable=False):
        """Every admin page (lists, forms, history, autocomplete) goes through here."""
        wrapped = super().admin_view(view, cacheable)

        @wraps(wrapped)
        def inner(request, *args, **kwargs):
            refuse_control_characters(request)
            bound_free_text(request)
            if request.method == "POST" and not self.has_permission(request):
                # A Save after the session ended: the text waits for the login.
                # (Imported here: the admin package registers on this site.)
                from newsroom.publishing.admin.kept_text import (
                    keep_text_of_ended_session,
                )

                kept = keep_text_of_ended_session(request)
                if kept is not None:
                    return kept
            return wrapped(request, *args, **kwargs)

        return inner

    def index(self, request, extra_context=None):
        from newsroom.desk.queues import desk_for
        from newsroom.desk.translations import desk_block

        extra_context = {
            **(extra_context or {}),
            "desk": desk_for(request.user),
            "translations_to_do": desk_block(request.user),
        }
        return super().index(request, extra_context)

    def my_notifications(self, request):
        """Each staff member's own choice of e-mails (newsroom/desk)."""
        from newsroom.desk.views import my_notifications

        return my_notifications(request, self)

    def translations_report(self, request):
        """Missing and outdated translations of the last 30 days (newsroom/desk)."""
        from newsroom.desk.views import translations_report

        return translations_report(request, self)

    def autocomplete_view(self, request):
        return LinkableAutocompleteView.as_view(admin_site=self)(request)

    def view_on_site(self, request, content_type_id, object_id):
        """ "View on site" for a registered kind, told only to those who may see
        the item: Django's own checks only staff status, so it would tell anyone
        with back-office access where a colleague's draft will live."""
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model)
        if model_admin is None or content_kinds.for_model(model) is None:
            raise Http404("No such item.")
        try:
            obj = model._default_manager.filter(pk=object_id).first()
        except (ValueError, ValidationError):
            obj = None  # not an id of this model
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404("No such item.")
        return shortcut(request, content_type_id, object_id)

    def get_urls(self):
        urls = super().get_urls()
        ours = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        desk = [
            path(
                "my-notifications/",
                self.admin_view(self.my_notifications),
                name="my_notifications",
            ),
            path(
                "translations/",
                self.admin_view(self.translations_report),
                name="translations_report",
            ),
        ]
        return desk + [
            ours if getattr(u, "name", None) == "view_on_site" else u for u in urls
        ]
