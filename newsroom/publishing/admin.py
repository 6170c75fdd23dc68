"""Admin pieces every editorial item shares: columns, filters, audit fields,
the roles' rules, the workflow buttons and actions, revisions and no lost edits."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from newsroom.publishing import permissions
from newsroom.publishing.models import Publishable, Status, WorkflowEvent
from newsroom.publishing.search import CONTROL_CHARACTERS, SearchTerms, get_backend
from newsroom.publishing.workflow import Action, record, transition

# Buttons on the change form: POST name -> (status it sets, label).
WORKFLOW_BUTTONS = {
    "_submit_review": (Status.IN_REVIEW, "Save and submit for review"),
    "_publish": (Status.PUBLISHED, "Save and publish"),
    "_unpublish": (Status.DRAFT, "Unpublish (back to draft)"),
    "_archive": (Status.ARCHIVED, "Archive"),
}


class SafeSearchMixin:
    """Admin list search and autocomplete without control characters: PostgreSQL
    refuses a NUL in a query, which would be a server error."""

    def get_search_results(self, request, queryset, search_term):
        search_term = CONTROL_CHARACTERS.sub(" ", search_term or "")
        return super().get_search_results(request, queryset, search_term)


class PublishedYearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).datetimes(
            "published_at", "year", order="DESC"
        )
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 4:
            return queryset.filter(published_at__year=int(value))
        return queryset


class QueueFilter(admin.SimpleListFilter):
    """Where an item stands in the workflow, as editors ask it."""

    title = "workflow"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("review", "Awaiting review"),
            ("scheduled", "Scheduled"),
            ("live", "Live"),
            ("drafts", "Drafts"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Status.PUBLISHED)
        return {
            "review": queryset.filter(status=Status.IN_REVIEW),
            "scheduled": queryset.filter(published, published_at__gt=now),
            "live": queryset.filter(published, published_at__lte=now),
            "drafts": queryset.filter(status=Status.DRAFT),
        }.get(self.value(), queryset)


class PublishableAdminForm(forms.ModelForm):
    """Carries the item's edit_version, so a stale save is refused with a message."""

    # The item's edit_version when the form was opened (a model field of its own).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.edit_version
            self.fields["loaded_version"].required = True

    check_version = True

    def clean(self):
        cleaned = super().clean()
        if not (self.check_version and self.instance.pk):
            return cleaned
        if "loaded_version" not in cleaned:
            return cleaned
        # Locked until the end of the admin's transaction: no save slips in
        # between this check and ours.
        current = (
            type(self.instance)
            .objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("edit_version", "updated_at", "updated_by__username")
            .first()
        )
        if current and current["edit_version"] != cleaned["loaded_version"]:
            # The next save is a deliberate choice made after this message.
            self.data = self.data.copy()
            self.data["loaded_version"] = current["edit_version"]
            when = formats.date_format(
                timezone.localtime(current["updated_at"]), "d.m.Y H:i:s"
            )
            who = current["updated_by__username"] or "someone"
            raise ValidationError(
                "%(who)s saved this item at %(when)s, after you opened it. Your "
                "text is still in the form: compare it with theirs (History, "
                "in a new tab), merge what you need, and save again.",
                code="conflict",
                params={"who": who, "when": when},
            )
        return cleaned


class PublishableAdmin(SafeSearchMixin, CompareVersionAdmin):
    """Base ModelAdmin of news items, speeches and events."""

    class Media:
        js = ["admin/js/editor-csrf.js"]

    form = PublishableAdminForm
    change_form_template = "admin/publishing/change_form.html"
    list_display = ["title", "status_label", "live", "published_at", "updated_by"]
    list_filter = ["status", QueueFilter, PublishedYearFilter]
    search_fields = ["title", "slug", "summary"]
    date_hierarchy = "published_at"
    # Unpublished items (no time yet) first, then newest first.
    ordering = [F("published_at").desc(nulls_first=True), "-id"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    list_select_related = ["updated_by"]
    list_per_page = 50
    # No second COUNT(*) over the whole table on every list page.
    show_full_result_count = False
    save_on_top = True
    actions = ["submit_for_review", "publish_now", "unpublish", "archive"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }

    publishing_fieldset = (
        "Publishing",
        {"fields": ["status", "published_at"]},
    )
    audit_fieldset = (
        "Record",
        {"fields": [*readonly_fields, "loaded_version"], "classes": ["collapse"]},
    )
    # Fields only those who may publish see; a reporter's POST of them is ignored.
    publisher_fields = {"published_at", "is_featured"}

    def reversion_register(self, model, **kwargs):
        # The save counter and the search index are not content: a restore must
        # not wind them back (see publishing/signals.py for the counter).
        kwargs.setdefault("exclude", ["edit_version", "search_vector"])
        super().reversion_register(model, **kwargs)

    # --- Who may do what (newsroom/publishing/permissions.py) ---------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        visible = permissions.visible_to(request.user, queryset)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "autocomplete":
            # Linking to a colleague's published item is fine.
            return queryset.filter(
                Q(pk__in=visible.values("pk")) | Q(pk__in=queryset.live().values("pk"))
            )
        return visible

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

    def may_publish(self, request):
        return permissions.may_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name.endswith(("_revision", "_recover")):
            # Restoring is a deliberate choice to replace what is there now; it
            # moves the counter on, so forms opened before it turn stale.
            form = type(form.__name__, (form,), {"check_version": False})
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
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
        if issubclass(related, Publishable) and not permissions.may_publish(
            request.user, related
        ):
            # A reporter links their own items or live ones, as autocomplete offers.
            own = permissions.visible_to(request.user, related.objects.all())
            kwargs["queryset"] = related.objects.filter(
                Q(pk__in=own.values("pk"))
                | Q(pk__in=related.objects.live().values("pk"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            allowed = permissions.allowed_statuses(request.user, self.model)
            kwargs["choices"] = [c for c in Status.choices if c[0] in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "title":
            formfield.widget.attrs["class"] = "vTextField vLargeTextField"
            formfield.widget.attrs["style"] = "width: 100%; max-width: 48em"
        return formfield

    # --- Columns -------------------------------------------------------------

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            when = formats.date_format(
                timezone.localtime(obj.published_at), "d.m.Y H:i"
            )
            return f"Scheduled for {when}"
        return obj.get_status_display()

    @admin.display(description="Live", boolean=True)
    def live(self, obj):
        return obj.is_live

    # --- The change form: workflow buttons, authorship, the record -----------

    def workflow_buttons(self, request, obj):
        """The status moves this user may make on this item, as buttons."""
        allowed = permissions.allowed_statuses(request.user, self.model)
        current = obj.status if obj else Status.DRAFT
        buttons = []
        for name, (status, label) in WORKFLOW_BUTTONS.items():
            if status not in allowed or status == current:
                continue
            if name == "_unpublish" and current != Status.PUBLISHED:
                continue
            if name == "_archive" and current != Status.PUBLISHED:
                continue
            if name == "_submit_review" and current != Status.DRAFT:
                continue
            buttons.append((name, label))
        return buttons

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            pressed = [name for name in WORKFLOW_BUTTONS if name in request.POST]
            if pressed:
                # A button is a status choice: the form then checks it is allowed.
                request.POST = request.POST.copy()
                request.POST["status"] = WORKFLOW_BUTTONS[pressed[0]][0]
        obj = None
        if object_id:
            obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": self.workflow_buttons(request, obj),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        previous = (
            type(obj).objects.filter(pk=obj.pk).values("status", "published_at").first()
            if change
            else None
        ) or {"status": None, "published_at": None}
        if obj.status not in permissions.allowed_statuses(request.user, self.model):
            raise PermissionDenied
        # Who wrote and who last changed an item comes from the session, never a form.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        self._record_transition(request, previous, obj)

    def _record_transition(self, request, previous, obj):
        moved = transition(previous["status"], previous["published_at"], obj)
        if moved:
            record(request.user, moved[0], obj, moved[1])

    # --- Bulk actions: every item checked, all or nothing ----------------------

    def _move(self, request, queryset, status, check, verb):
        with transaction.atomic():
            items = list(queryset.select_for_update(of=("self",)))
            refused = [item for item in items if not check(item)]
            if refused:
                self.message_user(
                    request,
                    f"Nothing was {verb}: you may not do that to "
                    + ", ".join(f"“{item}”" for item in refused[:5])
                    + ("…" if len(refused) > 5 else "")
                    + ".",
                    messages.ERROR,
                )
                return
            for item in items:
                previous = {"status": item.status, "published_at": item.published_at}
                item.status = status
                item.updated_by = request.user
                item.save()
                self._record_transition(request, previous, item)
        self.message_user(request, f"{len(items)} item(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Submit selected items for review")
    def submit_for_review(self, request, queryset):
        self._move(
            request, queryset, Status.IN_REVIEW,
            lambda item: item.status == Status.DRAFT
            and permissions.may_change(request.user, item),
            "submitted for review",
        )  # fmt: skip

    @admin.action(description="Publish selected items now (or at their set time)")
    def publish_now(self, request, queryset):
        self._move(
            request, queryset, Status.PUBLISHED,
            lambda item: self.may_publish(request), "published",
        )  # fmt: skip

    @admin.action(description="Unpublish selected items (back to draft)")
    def unpublish(self, request, queryset):
        self._move(
            request, queryset, Status.DRAFT,
            lambda item: self.may_publish(request), "unpublished",
        )  # fmt: skip

    @admin.action(description="Archive selected items")
    def archive(self, request, queryset):
        self._move(
            request, queryset, Status.ARCHIVED,
            lambda item: self.may_publish(request), "archived",
        )  # fmt: skip

    @admin.action(permissions=["delete"], description="Delete selected items")
    def delete_checked(self, request, queryset):
        refused = [i for i in queryset if not self.has_delete_permission(request, i)]
        if refused:
            self.message_user(
                request,
                "Nothing was deleted: you may not delete "
                + ", ".join(f"“{item}”" for item in refused[:5])
                + ".",
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's own bulk delete checks the model permission only.
        actions.pop("delete_selected", None)
        if not self.may_publish(request):
            for name in ("publish_now", "unpublish", "archive"):
                actions.pop(name, None)
        if self.has_delete_permission(request):
            func, name, description = self.get_action("delete_checked")
            actions["delete_selected"] = (func, "delete_selected", description)
        return actions

    # --- History, restore, recovery: editors restore; others see their own ----

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
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.get_object(request, object_id)
            if obj is not None:
                record(request.user, Action.RESTORED, obj, f"revision {version_id}")
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
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            obj = self.model.objects.filter(pk=version.object_id).first()
            if obj is not None:
                record(request.user, Action.RECOVERED, obj)
        return response

    # --- Search -----------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        """Django's substring search, widened on PostgreSQL by the full-text engine
        (stemmed words, "phrases", -exclusions) that the public search uses."""
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        backend = get_backend()
        terms = SearchTerms.parse(search_term)
        if terms and backend.name == "postgres":
            matches = backend.filter(queryset, terms, self.model.search_fields)
            results = results | queryset.filter(pk__in=matches.values("pk"))
        return results, may_have_duplicates


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
    """The record of editorial decisions: read-only, for editors."""

    list_display = ["at", "actor_name", "action", "item_link", "detail"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_name", "detail"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    show_full_result_count = False

    @admin.display(description="Item", ordering="object_repr")
    def item_link(self, event):
        if event.content_type and event.object_id:
            opts = event.content_type.model_class()
            if opts is not None:
                url = reverse(
                    f"admin:{opts._meta.app_label}_{opts._meta.model_name}_change",
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
