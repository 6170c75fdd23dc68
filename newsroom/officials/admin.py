from django.contrib import admin
from django.utils.html import format_html

from newsroom.officials.models import Appointment, Official
from newsroom.publishing.admin import RecordedAdmin


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 1
    fields = ["post", "started_on", "ended_on"]


@admin.register(Official)
class OfficialAdmin(RecordedAdmin):
    """History and recovery with their appointments (the inline is followed)."""

    list_display = [
        "name",
        "position",
        "organ",
        "country",
        "order",
        "is_active",
        "thumb",
    ]
    list_editable = ["order"]
    list_filter = ["is_active", "organ", "country"]
    search_fields = ["name", "position", "organ", "rank"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AppointmentInline]

    class Media:
        js = ["admin/js/editor-csrf.js"]  # CKEditor uploads send the CSRF token

    fieldsets = [
        (None, {"fields": ["name", "slug", "position", "rank", "organ", "country"]}),
        ("Page", {"fields": ["portrait", "portrait_alt", "biography"]}),
        ("Leadership list", {"fields": ["order", "is_active"]}),
    ]

    @admin.display(description="Portrait")
    def thumb(self, obj):
        if not obj.portrait:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="40" height="40" style="object-fit:cover">',
            obj.portrait.url,
        )
