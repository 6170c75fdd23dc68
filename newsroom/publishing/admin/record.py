"""The record of editorial decisions in the admin: read-only, for editors."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.admin.times import time_column
from newsroom.publishing.models import WorkflowEvent


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
    list_display = ["when", "actor_name", "action", "item_link", "detail"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_name", "detail"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    show_full_result_count = False

    when = time_column("at", _("When"))

    @admin.display(description=_("Item"), ordering="object_repr")
    def item_link(self, event):
        if event.content_type and event.object_id:
            model = event.content_type.model_class()
            if model is not None:
                url = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[event.object_id],
                )
                return format_html('<a href="{}">{}</a>', url, event.object_repr)
        return event.object_repr

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
