"""The back-office pages of the desk app (served by NewsroomAdminSite)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from newsroom.desk.models import NotificationPreference
from newsroom.publishing.permissions import may_publish
from newsroom.publishing.registry import content_kinds


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["on_submission", "on_return", "on_publication"]


def _reviews_anything(user) -> bool:
    return any(may_publish(user, kind.model) for kind in content_kinds.editorial())


def my_notifications(request, admin_site):
    """ "My notifications": which e-mails the logged-in staff member gets. Only
    their own row is ever read or written (no id in the address)."""
    preference = NotificationPreference.objects.filter(user=request.user).first()
    preference = preference or NotificationPreference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if not _reviews_anything(request.user):
        # Mail on submission goes to those who may publish: not offered to others.
        form.fields.pop("on_submission")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings were saved."))
        return redirect("admin:my_notifications")
    context = {
        **admin_site.each_context(request),
        "title": _("My notifications"),
        "form": form,
        "email": request.user.email,
    }
    return TemplateResponse(request, "admin/desk/my_notifications.html", context)
