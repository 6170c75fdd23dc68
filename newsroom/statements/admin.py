from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from newsroom.documents.admin import AttachmentInline
from newsroom.publishing.admin import PublishableAdmin
from newsroom.statements.models import Statement


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = [
        "title", "organ", "issued_on", "status_label", "live",
        "publication_time", "updated_by",
    ]  # fmt: skip
    list_filter = ["status", "organ", *PublishableAdmin.list_filter[1:]]
    search_fields = [*PublishableAdmin.search_fields, "organ"]
    date_hierarchy = "issued_on"
    ordering = [F("published_at").desc(nulls_first=True), "-issued_on", "-id"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Issued"), {"fields": ["organ", "issued_on", "place"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.audit_fieldset,
    ]
