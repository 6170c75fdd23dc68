"""The admin's list search and autocomplete: safe input, the full-text engine."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from newsroom.search.backends import SearchTerms, bounded_search_term, get_backend


class SafeSearchMixin:
    """Admin list search, autocomplete and the add form's initial values from
    the address, without input that would be a server error."""

    def get_search_results(self, request, queryset, search_term):
        search_term = bounded_search_term(search_term)
        return super().get_search_results(request, queryset, search_term)

    def get_changeform_initial_data(self, request):
        """Django fills the add form from the query string (`?speaker=3`,
        `?published_at=…`) without checking the values: one that the field
        refuses (no id of its model, a number past the column's range, a text
        where a date goes, a NUL) made the form's widgets fail. Such values are
        dropped; accepted ones are given as the field reads them (a date as a
        date), links as their id, so that the form's own choices decide what
        it shows."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # not a model field: the form ignores it
            if isinstance(field, models.FileField):
                del initial[name]  # a file never comes from an address
                continue
            form_field = field.formfield() if field.editable else None
            if form_field is None:
                continue
            try:
                cleaned = form_field.clean(value)
            except (ValidationError, TypeError, ValueError, OverflowError):
                del initial[name]
                continue
            if not field.is_relation:
                initial[name] = cleaned
        return initial


class FullTextSearchMixin(SafeSearchMixin):
    """Django's substring search, widened on PostgreSQL by the full-text engine
    (stemmed words, "phrases", -exclusions) that the public search uses."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        backend = get_backend()
        terms = SearchTerms.parse(search_term)
        if terms and backend.name == "postgres":
            matches = backend.filter(queryset, terms, self.model.search_fields)
            results = results | queryset.filter(pk__in=matches.values("pk"))
        return results, may_have_duplicates
