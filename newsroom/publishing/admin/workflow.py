"""The workflow in the admin: buttons, status choices, checks on POST and bulk
actions, all read from the table of moves (newsroom/publishing/workflow.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.publishing import permissions, workflow
from newsroom.publishing.admin.times import shown_time, time_zone_label
from newsroom.publishing.models import Status, WorkflowEvent

MOVE_FIELD = "_move"  # the POST name of a workflow button; its value: the target
# The "Schedule" button: the move to Published (so who may schedule is who may
# publish), with a publication time that must be in the future.
SCHEDULE = "schedule"


class SchedulingForm:
    """The form of a save made with "Schedule": the time must be given and
    still to come, or nothing is saved. `scheduling` is set per request."""

    scheduling = False

    def clean(self):
        cleaned = super().clean()
        if not self.scheduling or "published_at" not in self.fields:
            return cleaned
        if "published_at" in self.errors:
            return cleaned
        when = cleaned.get("published_at")
        zone = time_zone_label()
        if when is None:
            self.add_error(
                "published_at",
                _("Enter the time to publish at (%(zone)s), e.g. 24.04.2024 12:00.")
                % {"zone": zone},
            )
        elif when <= timezone.now():
            self.add_error(
                "published_at",
                _(
                    "%(time)s (%(zone)s) has passed: a schedule time must "
                    "be in the future. Nothing was saved."
                )
                % {"time": shown_time(when), "zone": zone},
            )
        return cleaned


class WorkflowAdminMixin:
    """For a ModelAdmin of a Publishable model."""

    def _current_status(self, obj):
        return obj.status if obj is not None and obj.pk else workflow.NEW

    def workflow_buttons(self, request, obj) -> list[workflow.Move]:
        """The moves this user may make on this item, as buttons."""
        if obj is not None and not self.has_change_permission(request, obj):
            return []
        moves = workflow.moves_for(request.user, self.model, self._current_status(obj))
        return [move for move in moves if move.button]

    def _scheduling(self, request) -> bool:
        return request.method == "POST" and request.POST.get(MOVE_FIELD) == SCHEDULE

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None:  # a new class each call: its fields are ours
            offered = workflow.statuses_offered(
                request.user, self.model, self._current_status(obj)
            )
            status.choices = [c for c in Status.choices if c[0] in offered]
        form.scheduling = self._scheduling(request)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        target = request.POST.get(MOVE_FIELD) if request.method == "POST" else None
        if target == SCHEDULE:
            target = Status.PUBLISHED  # the form then asks for a future time
        if target is not None:
            if target not in Status.values:
                raise PermissionDenied
            # A button is a status choice: the form then checks it is offered.
            request.POST = request.POST.copy()
            request.POST["status"] = target
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": self.workflow_buttons(request, obj),
            "move_field": MOVE_FIELD,
            "schedule_move": SCHEDULE,
            "time_zone_label": time_zone_label(),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if self._scheduling(request) and "published_at" in form.errors:
            # The refused time goes back into the open Schedule panel.
            context["schedule_errors"] = form.errors["published_at"]
            context["schedule_value"] = form["published_at"].value() or ""
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = (
            type(obj).objects.filter(pk=obj.pk).values("status", "published_at").first()
            if change
            else None
        ) or {"status": workflow.NEW, "published_at": None}
        # The form offers only allowed statuses; this holds for any other path.
        if not workflow.may_move(
            request.user, self.model, previous["status"], obj.status
        ):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        event = workflow.record_save(
            request.user, previous["status"], previous["published_at"], obj
        )
        if event is not None and event.action == WorkflowEvent.Action.SCHEDULED:
            self._say_scheduled(request, obj, moved=previous["status"] != obj.status)

    def _say_scheduled(self, request, obj, moved):
        """A future time publishes later, whichever button was pressed; a
        plain "Publish" says so rather than scheduling silently."""
        when = f"{shown_time(obj.published_at)} ({time_zone_label()})"
        if self._scheduling(request) or not moved:  # asked for, or rescheduled
            self.message_user(
                request,
                _("Scheduled: it goes live at %(when)s.") % {"when": when},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _(
                    "Not published yet: its publication time, %(when)s, is in the "
                    "future, so it is scheduled for then. To publish now, empty the "
                    "publication time and publish again."
                )
                % {"when": when},
                messages.WARNING,
            )

    # --- Bulk actions: one per target status, every item checked, all or nothing

    def _bulk_move(self, request, queryset, target):
        _name, _description, nothing, done = workflow.BULK_ACTIONS[target]
        with transaction.atomic():
            items = list(queryset.select_for_update(of=("self",)))
            refused = [
                item
                for item in items
                if item.status == target
                or not workflow.may_move(request.user, self.model, item.status, target)
                or not permissions.may_change(request.user, item)
            ]
            unexplained = [i for i in items if workflow.needs_note(i.status, target)]
            if unexplained and not refused:
                self.message_user(
                    request,
                    ngettext(
                        "%(nothing)s: %(items)s is in review. Return an item to "
                        "its author from its own page, with a note saying why.",
                        "%(nothing)s: %(items)s are in review. Return an item to "
                        "its author from its own page, with a note saying why.",
                        len(unexplained),
                    )
                    % {"nothing": nothing, "items": quoted(unexplained)},
                    messages.ERROR,
                )
                return
            if refused:
                self.message_user(
                    request,
                    _("%(nothing)s: you may not do that to %(items)s.")
                    % {"nothing": nothing, "items": quoted(refused)},
                    messages.ERROR,
                )
                return
            for item in items:
                old_status, old_time = item.status, item.published_at
                item.status = target
                item.updated_by = request.user
                item.save()
                workflow.record_save(request.user, old_status, old_time, item)
        self.message_user(request, done % {"count": len(items)}, messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        for target, (name, description, *_messages) in workflow.BULK_ACTIONS.items():
            # Offered when the table has any move to `target` this user may make.
            if any(
                workflow.may_move(request.user, self.model, source, target)
                for source in Status.values
                if source != target
            ):
                actions[name] = (_bulk_action(target), name, description)
        return actions


def quoted(items) -> str:
    """The first five items' names in quotes, "…" if there are more."""
    # Each language its own quotation marks: “…” in English, «…» in Russian.
    shown = ", ".join(_("“%(item)s”") % {"item": item} for item in items[:5])
    return shown + ("…" if len(items) > 5 else "")


def _bulk_action(target):
    def action(model_admin, request, queryset):
        return model_admin._bulk_move(request, queryset, target)

    return admin.action(description=workflow.BULK_ACTIONS[target][1])(action)
