"""The back-office pages of the desk app (served by NewsroomAdminSite)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from newsroom.desk.models import NotificationPreference
from newsroom.desk.translations import WINDOW, entries, translations_to_do
from newsroom.publishing.permissions import may_publish
from newsroom.publishing.registry import content_kinds
from newsroom.publishing.translations import MISSING, OUTDATED


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


class TranslationReportFilter(forms.Form):
    """The report's filters; a value not offered is ignored, never an error page."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("Every language")),
            *settings.LANGUAGES,
        ]
        self.fields["state"].choices = [
            ("", _("Missing and outdated")),
            (MISSING, _("Missing")),
            (OUTDATED, _("Outdated")),
        ]


REPORT_PAGE = 50


def translations_report(request, admin_site):
    """Missing and outdated translations of the last 30 days, oldest first, with
    their age (newsroom/desk/translations.py)."""
    if not any(
        request.user.has_perm(kind.perm("view")) for kind in content_kinds.editorial()
    ):
        raise PermissionDenied
    filters = TranslationReportFilter(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    union = translations_to_do(
        request.user,
        language=chosen.get("language") or None,
        state=chosen.get("state") or None,
    )
    page = Paginator(union if union is not None else [], REPORT_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        **admin_site.each_context(request),
        "title": _("Translations to do"),
        "filters": filters,
        "page": page,
        "entries": entries(request.user, page.object_list),
        "days": WINDOW.days,
        "query": urlencode({k: v for k, v in chosen.items() if v}),
    }
    return TemplateResponse(request, "admin/desk/translations.html", context)
