from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from newsroom.documents.admin import AttachmentInline
from newsroom.events.models import Event
from newsroom.media.thumbnails import LeadPhotoColumn
from newsroom.publishing.admin import PublishableAdmin


@admin.register(Event)
class EventAdmin(LeadPhotoColumn, PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = [
        "lead_photo", "title", "starts_on", "ends_on", "kind", "location",
        "status_label", "live", "updated_by",
    ]  # fmt: skip
    list_filter = ["status", "kind", *PublishableAdmin.list_filter[1:]]
    search_fields = [*PublishableAdmin.search_fields, "location"]
    date_hierarchy = "starts_on"
    ordering = [F("starts_on").desc(), "-id"]
    autocomplete_fields = ["officials"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "location", "kind"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        (_("People"), {"fields": ["officials"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.audit_fieldset,
    ]
