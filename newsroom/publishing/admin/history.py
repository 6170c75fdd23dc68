"""Revisions, comparison, restore and recovery (django-reversion): editors
restore and recover; others see the history of what they may see."""

from django.core.exceptions import PermissionDenied
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from newsroom.publishing import workflow
from newsroom.publishing.models import WorkflowEvent


class HistoryAdmin(CompareVersionAdmin):
    def reversion_register(self, model, **kwargs):
        # The save counter and the search index are not content: a restore must
        # not wind them back (see publishing/signals.py for the counter).
        kwargs.setdefault("exclude", ["edit_version", "search_vector"])
        super().reversion_register(model, **kwargs)

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

    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_publish(request):
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
            "has_change_permission": self.may_publish(request),
        }
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_publish(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.may_publish(request):
            raise PermissionDenied
        request._restoring_revision = True
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            obj = self.model.objects.filter(pk=version.object_id).first()
            if obj is not None:
                workflow.record(request.user, WorkflowEvent.Action.RECOVERED, obj)
        return response
