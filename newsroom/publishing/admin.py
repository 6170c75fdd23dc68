"""Admin pieces every editorial item shares: columns, filters, audit fields."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import F
from django.utils import formats, timezone

from newsroom.publishing.search import SearchTerms, get_backend


class PublishedYearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).datetimes(
            "published_at", "year", order="DESC"
        )
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 4:
            return queryset.filter(published_at__year=int(value))
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    """Base ModelAdmin of news items, speeches and events."""

    list_display = ["title", "status_label", "live", "published_at", "updated_by"]
    list_filter = ["status", PublishedYearFilter]
    search_fields = ["title", "slug", "summary"]
    date_hierarchy = "published_at"
    # Unpublished items (no time yet) first, then newest first.
    ordering = [F("published_at").desc(nulls_first=True), "-id"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    list_select_related = ["updated_by"]
    list_per_page = 50
    # No second COUNT(*) over the whole table on every list page.
    show_full_result_count = False
    save_on_top = True
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }

    publishing_fieldset = (
        "Publishing",
        {"fields": ["status", "published_at"]},
    )
    audit_fieldset = (
        "Record",
        {"fields": readonly_fields, "classes": ["collapse"]},
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "title":
            formfield.widget.attrs["class"] = "vTextField vLargeTextField"
            formfield.widget.attrs["style"] = "width: 100%; max-width: 48em"
        return formfield

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            when = formats.date_format(
                timezone.localtime(obj.published_at), "d.m.Y H:i"
            )
            return f"Scheduled for {when}"
        return obj.get_status_display()

    @admin.display(description="Live", boolean=True)
    def live(self, obj):
        return obj.is_live

    def get_search_results(self, request, queryset, search_term):
        """Django's substring search, widened on PostgreSQL by the full-text engine
        (stemmed words, "phrases", -exclusions) that the public search uses."""
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        backend = get_backend()
        terms = SearchTerms.parse(search_term)
        if terms and backend.name == "postgres":
            matches = backend.filter(queryset, terms, self.model.search_fields)
            results = results | queryset.filter(pk__in=matches.values("pk"))
        return results, may_have_duplicates

    def save_model(self, request, obj, form, change):
        # Who wrote and who last changed an item comes from the session, never a form.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
