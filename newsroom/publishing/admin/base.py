"""The ModelAdmin every editorial item's admin starts from."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db import models
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.media.pending import KeepsChosenImagesAdmin
from newsroom.publishing import permissions
from newsroom.publishing.admin import refusals
from newsroom.publishing.admin.autosave import AutosaveAdminMixin
from newsroom.publishing.admin.changes import TruthfulChangesForm
from newsroom.publishing.admin.filters import PublishedYearFilter, QueueFilter
from newsroom.publishing.admin.history import HistoryAdmin
from newsroom.publishing.admin.kept_text import KeptTextAdminMixin
from newsroom.publishing.admin.languages import LanguageKeptForm
from newsroom.publishing.admin.notes import EditorialNoteForm, EditorialNotesMixin
from newsroom.publishing.admin.presence import PresenceAdminMixin
from newsroom.publishing.admin.search import FullTextSearchMixin, SafeSearchMixin
from newsroom.publishing.admin.stale_save import (
    SimultaneousSaveMixin,
    StaleSaveRefusalForm,
)
from newsroom.publishing.admin.times import StoredTimeKeptForm, time_column
from newsroom.publishing.admin.translations import (
    TranslationsAdminMixin,
    TranslationStateForm,
)
from newsroom.publishing.admin.unseen import UnseenLinksKeptForm
from newsroom.publishing.admin.workflow import (
    SchedulingForm,
    WorkflowAdminMixin,
    quoted,
)
from newsroom.publishing.models import Publishable


class PublishableForm(
    TruthfulChangesForm,
    EditorialNoteForm,
    SchedulingForm,
    StoredTimeKeptForm,
    UnseenLinksKeptForm,
    StaleSaveRefusalForm,
    LanguageKeptForm,
    TranslationStateForm,
):
    """Refuses stale saves and past schedule times; keeps links and slugs its
    user may not see untold, and stored times the user left as they were;
    knows which fields a person changed (admin/changes.py); carries a new
    editorial note (required to return an item to its author)."""


class RecordedAdmin(
    KeepsChosenImagesAdmin, SimultaneousSaveMixin, SafeSearchMixin, HistoryAdmin
):
    """Base ModelAdmin of what is not an editorial item but must not be lost
    (sections, officials): history, restore and recovery for those who may
    change it, and no 500 when two saves meet."""


class PublishableAdmin(
    EditorialNotesMixin,
    TranslationsAdminMixin,
    # Nothing typed or chosen is lost: a photo across a form error, the text
    # across an ended session, autosaves, and who else is editing.
    KeepsChosenImagesAdmin,
    KeptTextAdminMixin,
    AutosaveAdminMixin,
    PresenceAdminMixin,
    WorkflowAdminMixin,
    SimultaneousSaveMixin,
    FullTextSearchMixin,
    HistoryAdmin,
):
    """Base ModelAdmin of news items, speeches, events and statements."""

    class Media:
        js = ["admin/js/editor-csrf.js", "admin/js/schedule.js"]
        css = {"all": ["admin/css/workflow.css", "admin/css/desk.css"]}

    form = PublishableForm
    change_form_template = "admin/publishing/change_form.html"
    list_display = [
        "title", "status_label", "live", "publication_time", "updated_by"
    ]  # fmt: skip
    list_display_links = ["title"]  # not the photo column some kinds put first
    list_filter = ["status", QueueFilter, PublishedYearFilter]
    search_fields = ["title", "slug", "summary"]
    date_hierarchy = "published_at"
    # Unpublished items (no time yet) first, then newest first.
    ordering = [F("published_at").desc(nulls_first=True), "-id"]
    # No slug typed in the browser: the server makes it from the title
    # (readable Latin for a Russian title, newsroom/publishing/languages.py).
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    list_select_related = ["updated_by"]
    list_per_page = 50
    # No second COUNT(*) over the whole table on every list page.
    show_full_result_count = False
    save_on_top = True
    actions = ["delete_checked"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }

    publishing_fieldset = (
        _("Publishing"),
        {"fields": ["status", "published_at"]},
    )
    # Every kind's form shows it before the record (get_fieldsets).
    language_fieldset = (
        _("Language"),
        {"fields": ["language", "translation_of", "unofficial_translation"]},
    )
    audit_fieldset = (
        _("Record"),
        {"fields": [*readonly_fields, "loaded_version"], "classes": ["collapse"]},
    )
    # Fields only those who may publish see; a reporter's POST of them is ignored.
    publisher_fields = {"published_at", "is_featured"}

    def get_autocomplete_fields(self, request):
        return [*super().get_autocomplete_fields(request), "translation_of"]

    # --- Who may do what (newsroom/publishing/permissions.py) ---------------

    def get_queryset(self, request):
        return permissions.visible_to(request.user, super().get_queryset(request))

    def get_linkable_queryset(self, request):
        """What autocomplete offers to link (newsroom/publishing/admin_site.py)."""
        everything = super().get_queryset(request)
        return permissions.linkable_to(request.user, everything)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return permissions.may_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.may_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return permissions.may_delete(request.user, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """An item outside the user's list says it is not theirs (a 403 in
        the admin's layout), not that it "doesn't exist. Perhaps it was
        deleted?"; an id nobody used still gets Django's redirect."""
        refusal = refusals.not_yours_response(self, request, object_id)
        if refusal is not None:
            return refusal
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    def may_publish(self, request):
        return permissions.may_publish(request.user, self.model)

    def may_restore(self, request):
        return self.may_publish(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.viewer = request.user  # a class made for this request
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        # Every kind's form has the language fieldset, before the record.
        if self.language_fieldset not in fieldsets:
            at = len(fieldsets)
            if self.audit_fieldset in fieldsets:
                at = fieldsets.index(self.audit_fieldset)
            fieldsets.insert(at, self.language_fieldset)
        if self.may_publish(request):
            return fieldsets
        return [
            (name, {**options, "fields": [
                f for f in options["fields"] if f not in self.publisher_fields
            ]})
            for name, options in fieldsets
        ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if issubclass(related, Publishable):
            # A reporter links their own items or live ones, as autocomplete offers.
            kwargs["queryset"] = permissions.linkable_to(
                request.user, related._default_manager.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "title":
            formfield.widget.attrs["class"] = "vTextField vLargeTextField"
            formfield.widget.attrs["style"] = "width: 100%; max-width: 48em"
        return formfield

    def save_model(self, request, obj, form, change):
        # Who wrote and who last changed an item comes from the session, never a form.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if getattr(form, "chosen_slug", None):
            self.message_user(
                request,
                _(
                    "Its web address ends in “%(slug)s”: the one typed was "
                    "not free. Change the slug if you prefer another."
                )
                % {"slug": form.chosen_slug},
                messages.INFO,
            )

    # --- Columns -------------------------------------------------------------

    publication_time = time_column(
        "published_at", pgettext_lazy("list column", "Published")
    )

    @admin.display(description=_("Status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            when = formats.date_format(
                timezone.localtime(obj.published_at), "d.m.Y H:i"
            )
            return _("Scheduled for %(when)s") % {"when": when}
        return obj.get_status_display()

    @admin.display(description=_("Live"), boolean=True)
    def live(self, obj):
        return obj.is_live

    # --- Delete: every item checked, all or nothing ---------------------------

    @admin.action(permissions=["delete"], description=_("Delete selected items"))
    def delete_checked(self, request, queryset):
        refused = [i for i in queryset if not self.has_delete_permission(request, i)]
        if refused:
            self.message_user(
                request,
                _("Nothing was deleted: you may not delete %(items)s.")
                % {"items": quoted(refused)},
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's own bulk delete checks the model permission only.
        actions.pop("delete_selected", None)
        checked = actions.pop("delete_checked", None)
        if checked is not None:
            actions["delete_selected"] = (checked[0], "delete_selected", checked[2])
        return actions
