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
"""

import contextvars
import json
import re

import reversion
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.loader import render_to_string
from django.utils.encoding import force_str
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from newsroom.publishing import permissions, workflow
from newsroom.publishing.models import Publishable, WorkflowEvent

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


class HistoryAdmin(CompareVersionAdmin):
    def reversion_register(self, model, **kwargs):
        # The save counter and the search index are not content: a restore must
        # not wind them back (see publishing/signals.py for the counter).
        kwargs.setdefault("exclude", ["edit_version", "search_vector"])
        super().reversion_register(model, **kwargs)

    def may_restore(self, request) -> bool:
        """Restore revisions and recover deleted rows (editorial items: publishers)."""
        return self.has_change_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "_restoring_revision", False):
            # Restoring is a deliberate choice to replace what is there now; it
            # moves the counter on, so forms opened before it turn stale.
            form = type(form.__name__, (form,), {"check_version": False})
        return form

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    # --- The comparison: only what the viewer may know of ------------------------

    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        token = _viewer.set(request.user)
        try:
            return super().compare_view(request, object_id, extra_context)
        finally:
            _viewer.reset(token)

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        # A related field whose every change is hidden is not mentioned at all.
        return [d for d in diff if d["diff"] is not None], has_unfollowed_fields

    def compare_ForeignKey(self, obj_compare):
        related1, related2 = (
            row if row is not None and _may_know_of(row) else None
            for row in obj_compare.get_related()
        )
        if related1 == related2:
            return None
        return self.generic_add_remove(
            related1, related2, force_str(related1), force_str(related2)
        )

    def compare_ManyToManyField(self, obj_compare):
        info = _visible_change_info(obj_compare.get_m2m_change_info())
        return None if info is None else self._render_related_changes(info)

    def compare_ManyToOneRel(self, obj_compare):
        info = _visible_change_info(obj_compare.get_m2o_change_info())
        return None if info is None else self._render_related_changes(info)

    def fallback_compare(self, obj_compare):
        if obj_compare.is_related:  # one-to-one and other links: as foreign keys
            return self.compare_ForeignKey(obj_compare)
        return super().fallback_compare(obj_compare)

    def _render_related_changes(self, info):
        return render_to_string(
            "reversion-compare/compare_generic_many_to_many.html",
            {"change_info": info},
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "_recovering", False):
            restore_links(form.instance)

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
