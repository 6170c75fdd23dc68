"""Staff accounts: site administrators create accounts, assign one role and
deactivate accounts; only superusers grant superuser status or raw permissions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.accounts.models import TwoFactorRequirement
from newsroom.accounts.roles import ROLE_LABELS
from newsroom.accounts.roles import ROLE_NAMES as ROLES
from newsroom.accounts.two_factor import reset_two_factor
from newsroom.publishing.admin import SafeSearchMixin
from newsroom.publishing.models import WorkflowEvent
from newsroom.publishing.workflow import record

NO_ROLE = ""
ROLE_CHOICES = [(NO_ROLE, _("No access to the back office"))] + [
    (r, ROLE_LABELS[r]) for r in ROLES
]


def current_role(user) -> str:
    if not user.pk:
        return NO_ROLE
    names = [group.name for group in user.groups.all() if group.name in ROLES]
    return names[0] if names else NO_ROLE


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(
        choices=ROLE_CHOICES,
        required=False,
        help_text=_(
            "Reporters write and submit; editors also publish and manage "
            "sections and officials; site administrators also manage staff accounts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = current_role(self.instance)


class StaffChangeForm(RoleFormMixin, UserChangeForm):
    pass


class StaffCreationForm(RoleFormMixin, AdminUserCreationForm):
    pass


admin.site.unregister(User)
admin.site.unregister(Group)
# django-otp's own device admin shows each secret key (and its QR code) to
# whoever may open it: after enrolment no page shows a secret again. Devices
# are reset from the staff list instead.
admin.site.unregister(TOTPDevice)


@admin.register(User)
class StaffAdmin(SafeSearchMixin, UserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = [
        "username",
        "full_name",
        "email",
        "role",
        "two_factor",
        "is_active",
        "last_login",
    ]
    actions = ["reset_two_factor_login"]
    list_filter = ["groups", "is_active", "is_superuser"]
    # What a site administrator sees: one role, never raw permissions.
    staff_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Access"), {"fields": ["role", "is_active", "two_factor"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    staff_add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Access"), {"fields": ["role"]}),
    ]

    @admin.display(description=_("Name"))
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("Role"))
    def role(self, user):
        role = current_role(user)
        if role:
            return ROLE_LABELS[role]
        return _("Superuser") if user.is_superuser else "—"

    @admin.display(description=_("Two-factor login"), boolean=True)
    def two_factor(self, user):
        return any(device.confirmed for device in user.totpdevice_set.all())

    @admin.action(
        description=_("Reset two-factor login of the selected accounts (lost phone)"),
        permissions=["change"],
    )
    def reset_two_factor_login(self, request, queryset):
        """The account's devices go; its next login enrols again if its role
        requires two-factor login. Recorded in each account's history."""
        reset = 0
        for user in queryset:
            if reset_two_factor(user):
                reset += 1
                self.log_change(request, user, "Reset two-factor login.")
        self.message_user(
            request,
            ngettext(
                "Two-factor login reset for %(count)d account.",
                "Two-factor login reset for %(count)d accounts.",
                reset,
            )
            % {"count": reset},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        queryset = (
            super().get_queryset(request).prefetch_related("groups", "totpdevice_set")
        )
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            fieldsets = list(super().get_fieldsets(request, obj))
            if obj is None:
                return [*fieldsets, (_("Role"), {"fields": ["role"]})]
            return [*fieldsets, (_("Role"), {"fields": ["role", "two_factor"]})]
        return self.staff_add_fieldsets if obj is None else self.staff_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return [*super().get_readonly_fields(request, obj), "two_factor"]
        return ["last_login", "date_joined", "two_factor"]

    def has_view_permission(self, request, obj=None):
        # Only a superuser sees or changes a superuser (or makes one).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: their work keeps its author.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        role = form.cleaned_data.get("role", NO_ROLE)
        if role:
            obj.is_staff = True
        elif not obj.is_superuser:
            obj.is_staff = False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # After the form's own many-to-many save, which may set groups (superusers).
        super().save_related(request, form, formsets, change)
        user, role = form.instance, form.cleaned_data.get("role", NO_ROLE)
        before = form.fields["role"].initial  # the role when the form was opened
        if role == before and change:
            return
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        if role:
            user.groups.add(Group.objects.get(name=role))
        record(
            request.user,
            WorkflowEvent.Action.ROLE_CHANGED,
            user,
            f"{before or 'no role'} → {role or 'no role'}",
        )


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The roles are defined in code (manage.py sync_roles): read-only here."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(admin.ModelAdmin):
    """Site administrators say which roles must log in with a second factor.
    One row a role, made with the roles: nothing to add or delete."""

    list_display = ["role", "required"]
    list_editable = ["required"]
    fields = ["role", "required"]
    readonly_fields = ["role"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
