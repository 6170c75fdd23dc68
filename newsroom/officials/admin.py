from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from newsroom.media.thumbnails import thumbnail
from newsroom.officials.models import Appointment, Official
from newsroom.publishing.admin import RecordedAdmin


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 1
    fields = ["post", "started_on", "ended_on"]


@admin.register(Official)
class OfficialAdmin(RecordedAdmin, TranslationAdmin):
    """History and recovery with their appointments (the inline is followed);
    name, posts and biography in each language (name_en, name_ru …)."""

    list_display = [
        "thumb",
        "name",
        "position",
        "organ",
        "country",
        "order",
        "is_active",
    ]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["is_active", "organ", "country"]
    search_fields = ["name", "position", "organ", "rank"]
    prepopulated_fields = {"slug": [f"name_{settings.LANGUAGE_CODE}"]}
    inlines = [AppointmentInline]

    class Media:
        js = ["admin/js/editor-csrf.js"]  # CKEditor uploads send the CSRF token

    fieldsets = [
        (None, {"fields": ["name", "slug", "position", "rank", "organ", "country"]}),
        (_("Page"), {"fields": ["portrait", "portrait_alt", "biography"]}),
        (_("Leadership list"), {"fields": ["order", "is_active"]}),
    ]

    @admin.display(description=_("Portrait"))
    def thumb(self, obj):
        return thumbnail(obj.portrait, obj.portrait_renditions)
