"""List filters of every editorial item's changelist."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.models import Status


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


class QueueFilter(admin.SimpleListFilter):
    """Where an item stands in the workflow, as editors ask it."""

    title = _("workflow")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Awaiting review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            ("drafts", _("Drafts")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Status.PUBLISHED)
        return {
            "review": queryset.filter(status=Status.IN_REVIEW),
            "scheduled": queryset.filter(published, published_at__gt=now),
            "live": queryset.filter(published, published_at__lte=now),
            "drafts": queryset.filter(status=Status.DRAFT),
        }.get(self.value(), queryset)
