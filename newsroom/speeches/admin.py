from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.documents.admin import AttachmentInline
from newsroom.publishing.admin import PublishableAdmin
from newsroom.speeches.models import Speech


@admin.register(Speech)
class SpeechAdmin(PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = [
        "title", "speaker", "delivered_on", "status_label", "live",
        "publication_time", "updated_by",
    ]  # fmt: skip
    list_filter = ["status", "speaker", *PublishableAdmin.list_filter[1:]]
    list_select_related = ["speaker", "updated_by"]
    search_fields = [*PublishableAdmin.search_fields, "speaker__name", "occasion"]
    autocomplete_fields = ["speaker", "event"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            _("Delivery"),
            {"fields": ["speaker", "delivered_on", "location", "occasion"]},
        ),
        (_("Related"), {"fields": ["event"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.audit_fieldset,
    ]
