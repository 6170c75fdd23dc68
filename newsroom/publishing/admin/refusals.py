"""Refusals in the back office's own layout, saying what the user may do
instead: the 403 page of every admin view (config/urls.py's handler403) and
the page of an item that is not the user's (PublishableAdmin)."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.permissions import may_publish


def _is_admin_path(request) -> bool:
    try:
        return request.path.startswith(reverse("admin:index"))
    except Exception:  # noqa: BLE001 - no admin URLs: not an admin page
        return False


def role_names(user) -> list[str]:
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return ["Superuser"]
    return sorted(group.name for group in user.groups.all())


def refusal_context(request, **extra) -> dict:
    """Django's admin context (header, user tools, the lists the user may
    open) and the user's role."""
    return {
        **admin.site.each_context(request),
        "roles": role_names(request.user),
        **extra,
    }


def admin_permission_denied(request, exception=None):
    """A 403 under /admin/ for a logged-in staff member: in the admin's
    layout, with the user's role and the lists they may open. Elsewhere (or
    for a visitor) the site's plain 403 page."""
    user = getattr(request, "user", None)
    staff = user is not None and user.is_active and user.is_staff
    if staff and _is_admin_path(request):
        context = refusal_context(request, title=_("You may not do that"))
        return TemplateResponse(request, "admin/403.html", context, status=403)
    return TemplateResponse(
        request, "403.html", {"SITE_NAME": settings.SITE_NAME}, status=403
    )


def not_yours_response(model_admin, request, object_id):
    """The page of an item that exists but is outside the user's list (a
    reporter opening a colleague's item), or None when there is no such item.
    It names the kind, never the item (not its title, not its status)."""
    model = model_admin.model
    try:
        exists = model._default_manager.filter(pk=object_id).exists()
    except (ValueError, TypeError, ValidationError):
        return None  # not an id of this model
    if not exists:
        return None
    opts = model._meta
    context = refusal_context(
        request,
        title=_("This %(kind)s is not yours") % {"kind": opts.verbose_name},
        opts=opts,
        kind=opts.verbose_name,
        kind_plural=opts.verbose_name_plural,
        list_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        add_url=(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            if model_admin.has_add_permission(request)
            else None
        ),
        may_publish=may_publish(request.user, model),
    )
    return TemplateResponse(
        request, "admin/publishing/not_yours.html", context, status=403
    )
