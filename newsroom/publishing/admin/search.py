"""The admin's list search and autocomplete: safe input, the full-text engine."""

from newsroom.search.backends import CONTROL_CHARACTERS, SearchTerms, get_backend


class SafeSearchMixin:
    """Admin list search and autocomplete without control characters: PostgreSQL
    refuses a NUL in a query, which would be a server error."""

    def get_search_results(self, request, queryset, search_term):
        search_term = CONTROL_CHARACTERS.sub(" ", search_term or "")
        return super().get_search_results(request, queryset, search_term)


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
