"""Translations in the back office (issue 13): "Translate" on an item makes
its draft translation, pre-filled and given to a translator; every item's form
shows its translations and how each stands (missing, up to date, outdated with
the words changed since), and a translation's form says what its original
changed since and takes "brought up to date".

The state itself (digests, snapshots, differences) is
newsroom/publishing/translations.py.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import permissions
from newsroom.publishing.languages import language_choices, language_in_words
from newsroom.publishing.registry import content_kinds
from newsroom.publishing.translations import (
    OUTDATED,
    bring_up_to_date,
    changes_since,
    new_translation,
    state_of,
    translation_states,
)

UP_TO_DATE_FIELD = "translation_up_to_date"


def translators_for(model):
    """Active staff who may write an item of `model`: reporters, editors and
    site administrators (whoever holds its add permission)."""
    app_label, codename = permissions.kind_perm(model, "add").split(".")
    holding = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=holding)
            | Q(user_permissions__in=holding)
        )
        .distinct()
        .order_by("username")
    )


class TranslateForm(forms.Form):
    translator = forms.ModelChoiceField(
        queryset=None,
        label=_("Translator"),
        help_text=_(
            "Who writes the translation: it is their draft, on their desk under "
            "“My drafts”."
        ),
    )

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translator"].queryset = translators_for(model)


class TranslationStateForm(forms.ModelForm):
    """The translation's form takes "brought up to date with the original"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if (
            instance.pk
            and instance.translation_of_id
            and state_of(instance, instance.translation_of) == OUTDATED
        ):
            self.fields[UP_TO_DATE_FIELD] = forms.BooleanField(
                required=False,
                label=_("Brought up to date with the original"),
                help_text=_(
                    "Tick when this translation says all the original says now: "
                    "the changes listed above are then marked as carried over."
                ),
            )


class TranslationsAdminMixin:
    """For the ModelAdmin of an editorial kind (through PublishableAdmin)."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name=f"{name}_translate",
            ),
            *super().get_urls(),
        ]

    def translate_view(self, request, object_id, language):
        """GET: whom to give the translation; POST: the draft is made."""
        try:
            original = self.model._default_manager.filter(pk=unquote(object_id)).first()
        except (ValueError, ValidationError):
            original = None
        if original is None or not permissions.may_know_of(request.user, original):
            raise Http404(_("There is no such item."))
        if original.translation_of_id:
            original = original.translation_of  # translations come from the original
        codes = {code for code, _name in language_choices()}
        if language not in codes or language == original.language:
            raise Http404(_("There is no such language to translate into."))
        if not self.has_add_permission(request):
            raise PermissionDenied
        existing = original.translations.filter(language=language).first()
        if existing is not None:
            return redirect(self._change_url(existing))
        # Who may publish a kind gives the work to anyone; others take it themselves.
        assigns = permissions.may_publish(request.user, self.model)
        form = TranslateForm(
            request.POST if request.method == "POST" else None,
            model=self.model,
            initial={"translator": request.user.pk},
        )
        if not assigns:
            form.fields["translator"].queryset = form.fields[
                "translator"
            ].queryset.filter(pk=request.user.pk)
        if request.method == "POST" and form.is_valid():
            kind = content_kinds.for_model(self.model)
            try:
                with transaction.atomic():
                    translation = new_translation(
                        original,
                        language,
                        form.cleaned_data["translator"],
                        unofficial=kind.translations_unofficial,
                    )
            except IntegrityError:  # a colleague's click came first
                existing = original.translations.filter(language=language).first()
                if existing is None:
                    raise
                return redirect(self._change_url(existing))
            messages.success(
                request,
                _("The %(language)s translation is a draft of %(translator)s.")
                % {
                    "language": language_in_words(language),
                    "translator": form.cleaned_data["translator"].get_username(),
                },
            )
            return redirect(self._change_url(translation))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translate into %(language)s")
            % {"language": language_in_words(language)},
            "original": original,
            "language": language,
            "form": form,
            "assigns": assigns,
        }
        return TemplateResponse(request, "admin/publishing/translate.html", context)

    def _change_url(self, obj):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return reverse(name, args=[quote(obj.pk)])

    def render_change_form(self, request, context, add=False, change=False, **kw):
        obj = kw.get("obj")
        if obj is not None and obj.pk:
            context["translations_panel"] = self._panel(request, obj)
        return super().render_change_form(request, context, add, change, **kw)

    def _panel(self, request, obj) -> dict:
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_translate"
        may_translate = self.has_add_permission(request)
        if obj.translation_of_id:
            original = obj.translation_of
            state = state_of(obj, original)
            return {
                "is_translation": True,
                "original": original,
                "original_url": self._change_url(original)
                if permissions.may_view(request.user, original)
                else None,
                "state": state,
                "changed_at": original.text_changed_at,
                "changes": changes_since(obj, original) if state == OUTDATED else [],
            }
        states = []
        for entry in translation_states(obj):
            translation = entry.translation
            states.append(
                {
                    "entry": entry,
                    "url": self._change_url(translation)
                    if translation is not None
                    and permissions.may_view(request.user, translation)
                    else None,
                    "translate_url": reverse(name, args=[quote(obj.pk), entry.language])
                    if translation is None and may_translate
                    else None,
                }
            )
        return {"is_translation": False, "states": states}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get(UP_TO_DATE_FIELD):
            bring_up_to_date(obj)
