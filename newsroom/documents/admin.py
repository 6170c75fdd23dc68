"""Documents are edited as an inline of news items, speeches and events."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.documents.models import Attachment


class AttachmentInline(GenericTabularInline):
    """Whoever may change the item may change its documents, and nobody else.

    Django would ask for the Attachment model's own permissions, which no role
    holds; the item's admin (newsroom/publishing/permissions.py) decides instead.
    """

    model = Attachment
    fields = ["title", "file", "language", "order", "details"]
    readonly_fields = ["details"]
    extra = 0
    # The admin's "View on site" would look for an Attachment admin; the
    # "Type and size" column links the download instead.
    view_on_site = False

    def _item_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return self._item_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        item_admin = self._item_admin()
        if obj is None:  # the item's add form
            return item_admin.has_add_permission(request)
        return item_admin.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    @admin.display(description=_("Type and size"))
    def details(self, attachment):
        if not attachment.pk:
            return "—"
        # Through the download view, which also lets staff open a preview's files.
        return format_html(
            '<a href="{}">{}, {}</a>',
            attachment.get_absolute_url(),
            attachment.get_format_display(),
            filesizeformat(attachment.size),
        )
