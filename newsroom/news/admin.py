from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from newsroom.documents.admin import AttachmentInline
from newsroom.media.thumbnails import LeadPhotoColumn
from newsroom.news.models import NewsItem, Section
from newsroom.publishing.admin import PublishableAdmin, RecordedAdmin


@admin.register(Section)
class SectionAdmin(RecordedAdmin, TranslationAdmin):
    """Name and description in each language (name_en, name_ru …)."""

    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": [f"name_{settings.LANGUAGE_CODE}"]}


@admin.register(NewsItem)
class NewsItemAdmin(LeadPhotoColumn, PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = [
        "lead_photo", "title", "section", "status_label", "live", "is_featured",
        "publication_time", "updated_by",
    ]  # fmt: skip
    list_filter = [
        "status",
        "section",
        "is_featured",
        *PublishableAdmin.list_filter[1:],
    ]
    list_select_related = ["section", "updated_by"]
    autocomplete_fields = ["officials", "event"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "summary", "body"]}),
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
        (_("Related"), {"fields": ["officials", "event"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    *PublishableAdmin.publishing_fieldset[1]["fields"],
                    "is_featured",
                ]
            },
        ),
        PublishableAdmin.audit_fieldset,
    ]
