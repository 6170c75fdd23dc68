"""Revisions, comparison, restore and recovery (django-reversion): editors
restore and recover; others see the history of what they may see.

- The comparison names no related row its viewer may not see: django-reversion-
  compare lists every forward and reverse link of the item (a reporter's event
  would show an editor's scheduled news linked to it), so each related row is
  shown only when `permissions.may_know_of` allows (a row known only as public
  by its public title, not a title stored while it was a draft), and a field
  whose changes are all hidden is left out.
- Deleting a row cuts the links other rows had to it (SET_NULL foreign keys,
  many-to-many rows); recovering it puts back those that nobody changed since.
- History tells the truth: a save that changes nothing (admin/changes.py says
  what a person changed) writes nothing: no revision, no log line, no record,
  and the save counter stays, so no colleague's open form turns stale. A real
  change is logged with its fields' plain names ("Changed title and body.").
- The comparison shows text as a reader reads it: words removed and added,
  paragraphs kept, field names in plain words, times as dd.mm.yyyy HH:MM in
  the site's time zone, everything escaped.
"""

import contextvars
import json
import re

import reversion
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.loader import render_to_string
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from newsroom.publishing import permissions, workflow
from newsroom.publishing.admin.changes import (
    TruthfulChangesForm,
    field_label,
    plain_label,
    rich_text_diff,
    shown_value,
    text_paragraphs,
    value_change,
    word_diff,
)
from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.models import Publishable, WorkflowEvent

NOTHING_CHANGED = _("Nothing was changed, so nothing was saved.")

# Who is looking at the comparison being built (set by compare_view): the
# compare_* hooks below are called by django-reversion-compare without the
# request, and a ModelAdmin is shared between threads.
_viewer = contextvars.ContextVar("history_viewer", default=None)


def _may_know_of(entry) -> bool:
    """Whether the viewer may be shown `entry`: a row, or a Version of one."""
    user = _viewer.get()
    if isinstance(entry, Version):
        model = entry._model
        row = model._default_manager.filter(pk=entry.object_id).first()
        if row is None:
            # Deleted: named to those who may recover it.
            return not issubclass(model, Publishable) or (
                user is not None and permissions.may_publish(user, model)
            )
        entry = row
    if isinstance(entry, Publishable) and user is None:
        return False
    return permissions.may_know_of(user, entry)


# The lists of django-reversion-compare's change info that name related rows:
# those that say what changed, and those that list what stayed.
_CHANGES = (
    "removed_items",
    "added_items",
    "removed_missing_objects",
    "added_missing_objects",
    "deleted_items",
)
_UNCHANGED = ("same_items", "same_missing_objects")


def _shown(entry):
    """How the viewer is shown a row they may know of: a revision stands for
    itself (its stored title), unless they know the row only as public now —
    then by its public title, not one it had before it was public."""
    if isinstance(entry, Version) and issubclass(entry._model, Publishable):
        row = entry._model._default_manager.filter(pk=entry.object_id).first()
        if row is not None and not permissions.may_view(_viewer.get(), row):
            return row
    return entry


def _visible_change_info(info) -> dict | None:
    """`info` with only what the viewer may know of; None if no change is left."""
    visible = {
        key: [_shown(e) for e in info[key] if _may_know_of(e)]
        for key in (*_CHANGES, *_UNCHANGED)
    }
    visible["changed_items"] = []
    for old, new in info["changed_items"]:  # two revisions of one row
        if not _may_know_of(new):
            continue
        shown = _shown(new)
        if shown is new:
            visible["changed_items"].append((old, new))
        else:  # its changes before it was public are not the viewer's to see
            visible["same_items"].append(shown)
    if not any(visible[key] for key in (*_CHANGES, "changed_items")):
        return None
    return visible


def time_zone_name() -> str:
    """The site's time zone as people say it: "Europe/Moscow" → "Moscow time"
    (settings.TIME_ZONE_LABEL where the settings name it)."""
    label = getattr(settings, "TIME_ZONE_LABEL", "")
    if label:
        return gettext(label)
    city = settings.TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ")
    return gettext("%(city)s time") % {"city": city}


class HistoryAdmin(CompareVersionAdmin):
    form = TruthfulChangesForm
    object_history_template = "admin/publishing/history/object_history.html"
    compare_template = "admin/publishing/history/compare.html"

    def reversion_register(self, model, **kwargs):
        # The save counter and the search index are not content: a restore must
        # not wind them back (see publishing/signals.py for the counter).
        kwargs.setdefault("exclude", ["edit_version", "search_vector"])
        super().reversion_register(model, **kwargs)

    def may_restore(self, request) -> bool:
        """Restore revisions and recover deleted rows (editorial items: publishers)."""
        return self.has_change_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "_restoring_revision", False):
            # Restoring is a deliberate choice to replace what is there now; it
            # moves the counter on, so forms opened before it turn stale.
            form = type(form.__name__, (form,), {"check_version": False})
        return form

    # --- A save that changes nothing writes nothing --------------------------------

    def _changes_nothing(self, request, form, change) -> bool:
        # A restore or recovery is a deliberate save of what is there.
        return (
            change
            and not getattr(request, "_restoring_revision", False)
            and not form.has_changed()
        )

    def save_model(self, request, obj, form, change):
        if self._changes_nothing(request, form, change):
            # Saved after all by save_related if an inline row changed.
            request._unsaved_item = obj
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        unsaved = getattr(request, "_unsaved_item", None)
        if unsaved is not None:
            if not any(formset.has_changed() for formset in formsets):
                request._nothing_changed = True
                return
            super().save_model(request, unsaved, form, change)
        super().save_related(request, form, formsets, change)
        if getattr(request, "_recovering", False):
            restore_links(form.instance)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_nothing_changed", False):
            return []  # the inlines were not saved: nothing to tell
        message = super().construct_change_message(request, form, formsets, add)
        for entry in message:  # Django's labels are capitalised form labels
            changed = entry.get("changed")
            if changed:
                changed["fields"] = [plain_label(f) for f in changed["fields"]]
        return message

    def log_change(self, request, obj, message):
        if getattr(request, "_nothing_changed", False):
            return None
        return super().log_change(request, obj, message)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_nothing_changed", False) and level == messages.SUCCESS:
            message, level = NOTHING_CHANGED, messages.INFO
        return super().message_user(request, message, level, *args, **kwargs)

    # --- The history list ----------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        extra_context = {
            **(extra_context or {}),
            "time_zone_name": time_zone_name(),
            "may_restore": self.may_restore(request),
        }
        return super().history_view(request, object_id, extra_context)

    # --- The comparison: only what the viewer may know of ------------------------

    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        extra_context = {
            **(extra_context or {}),
            "time_zone_name": time_zone_name(),
            "may_restore": self.may_restore(request),
        }
        token = _viewer.set(request.user)
        try:
            return super().compare_view(request, object_id, extra_context)
        finally:
            _viewer.reset(token)

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        # A field whose change is hidden, or is no change to a reader (a body
        # that reads the same), is not mentioned at all; nor is what nobody
        # types (renditions, timestamps, who saved: the header says who, when).
        shown = [
            {**d, "label": field_label(d["field"])}
            for d in diff
            if d["diff"] is not None
            and (not isinstance(d["field"], models.Field) or d["field"].editable)
        ]
        return shown, has_unfollowed_fields

    # Each kind of value as its reader knows it; every value escaped.

    def fallback_compare(self, obj_compare):
        if obj_compare.is_related:  # one-to-one and other links: as foreign keys
            return self.compare_ForeignKey(obj_compare)
        field = obj_compare.field
        value1, value2 = obj_compare.value1, obj_compare.value2
        if isinstance(field, SanitizedRichTextField):
            return rich_text_diff(value1, value2)
        if getattr(field, "flatchoices", None):
            choices = dict(field.flatchoices)
            value1, value2 = choices.get(value1, value1), choices.get(value2, value2)
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            return word_diff(text_paragraphs(value1), text_paragraphs(value2))
        old, new = shown_value(value1), shown_value(value2)
        return None if old == new else value_change(old, new)

    compare_DateTimeField = fallback_compare
    compare_BooleanField = fallback_compare
    compare_NullBooleanField = fallback_compare

    def compare_FileField(self, obj_compare):
        def name(value):
            return str(value).rsplit("/", 1)[-1] if value else ""

        old, new = name(obj_compare.value1), name(obj_compare.value2)
        return None if old == new else value_change(old, new)

    compare_ImageField = compare_FileField

    def compare_ForeignKey(self, obj_compare):
        related1, related2 = (
            row if row is not None and _may_know_of(row) else None
            for row in obj_compare.get_related()
        )
        if related1 == related2:
            return None
        old, new = (force_str(r) if r is not None else "" for r in (related1, related2))
        return None if old == new else value_change(old, new)

    def compare_ManyToManyField(self, obj_compare):
        info = _visible_change_info(obj_compare.get_m2m_change_info())
        return None if info is None else self._render_related_changes(info)

    def compare_ManyToOneRel(self, obj_compare):
        info = _visible_change_info(obj_compare.get_m2o_change_info())
        return None if info is None else self._render_related_changes(info)

    def _render_related_changes(self, info):
        return render_to_string(
            "admin/publishing/history/related_changes.html", {"change_info": info}
        )

    # --- Restore and recovery -----------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        request._restoring_revision = True
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.get_object(request, object_id)
            if obj is not None:
                workflow.record(
                    request.user,
                    WorkflowEvent.Action.RESTORED,
                    obj,
                    f"revision {version_id}",
                )
        return response

    def changelist_view(self, request, extra_context=None):
        # reversion's list template offers "Recover deleted …" on this flag alone.
        extra_context = {
            **(extra_context or {}),
            "has_change_permission": self.may_restore(request),
        }
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        request._restoring_revision = True
        request._recovering = True
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            obj = self.model.objects.filter(pk=version.object_id).first()
            if obj is not None:
                workflow.record(request.user, WorkflowEvent.Action.RECOVERED, obj)
        return response

    # --- Deletion keeps what recovery needs ----------------------------------------

    def delete_model(self, request, obj):
        _record_links_before_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        _record_links_before_deletion(request, list(queryset))
        super().delete_queryset(request, queryset)


# --- Links a deletion cuts, and their return on recovery ---------------------------


def _links_to(model):
    """(other model, its field) of every registered link to `model` that a
    deletion cuts without deleting the row that holds it: foreign keys that
    are set to NULL, and many-to-many fields."""
    for relation in model._meta.related_objects:
        field = relation.field
        if not reversion.is_registered(relation.related_model):
            continue
        if relation.many_to_many or (
            relation.one_to_many and field.remote_field.on_delete is models.SET_NULL
        ):
            yield relation.related_model, field


def _records_link(version, field, pk) -> bool:
    """Whether `version` (of a row of field's model) links to `pk` by `field`."""
    value = version.field_dict.get(field.attname)
    if field.many_to_many:
        return str(pk) in {str(v) for v in value or ()}
    return value is not None and str(value) == str(pk)


def _record_links_before_deletion(request, objs):
    """Make sure the latest revision of each row linked to `objs` shows the link
    (rows made by commands have none), so that recovery knows to put it back."""
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment("Saved as it was before a linked item was deleted.")
        for obj in objs:
            for model, field in _links_to(type(obj)):
                for row in model._default_manager.filter(**{field.name: obj.pk}):
                    latest = Version.objects.get_for_object(row).first()
                    if latest is None or not _records_link(latest, field, obj.pk):
                        reversion.add_to_revision(row)


def restore_links(obj):
    """After `obj` was recovered: link it again from each row whose latest
    revision links it and that does not now, that is, the rows its deletion cut
    off and that nobody has saved since (whoever did chose their links)."""
    pk = re.escape(json.dumps(obj.pk))
    for model, field in _links_to(type(obj)):
        # A first sieve in the database (JSON as django-reversion stores it),
        # then the check on each revision's own fields.
        if field.many_to_many:
            pattern = rf'"{field.name}": \[([^]]*, )?{pk}(, [^]]*)?\]'
        else:
            pattern = rf'"{field.name}": {pk}[,}}]'
        candidates = (
            Version.objects.get_for_model(model)
            .filter(format="json", serialized_data__regex=pattern)
            .values_list("object_id", flat=True)
            .distinct()
        )
        for row in model._default_manager.filter(pk__in=list(candidates)):
            latest = Version.objects.get_for_object(row).first()
            if not _records_link(latest, field, obj.pk):
                continue
            if field.many_to_many:
                links = getattr(row, field.name)
                if links.filter(pk=obj.pk).exists():
                    continue
                links.add(obj)
            elif getattr(row, field.attname) is None:
                setattr(row, field.name, obj)
            else:
                continue
            # Moves the row's edit counter on (a form opened before does not
            # undo this) and records the link in the recovery's revision.
            row.save()
            if reversion.is_active():
                reversion.add_to_revision(row)
