"""Saves that cross: no lost edits, no server error.

- A save from a form opened before someone else's save is refused.
- A save that loses a race for a unique value (a double-clicked Save, two staff
  members choosing the same slug) gets the form's message, not a 500.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class StaleSaveRefusalForm(forms.ModelForm):
    """Carries the item's edit_version; a stale save gets a message, not a save.

    The admin of an item turns the check off for a deliberate restore of a
    revision (`check_version = False`), which moves the counter on, so forms
    opened before it turn stale.
    """

    # The item's edit_version when the form was opened (a model field of its own).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    check_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.edit_version
            self.fields["loaded_version"].required = True

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
                _(
                    "%(who)s saved this item at %(when)s, after you opened it. Your "
                    "text is still in the form: compare it with theirs (History, "
                    "in a new tab), merge what you need, and save again."
                ),
                code="conflict",
                params={"who": who, "when": when},
            )
        return cleaned


class SimultaneousSaveMixin:
    """For a ModelAdmin: a save whose write breaks a unique constraint that its
    form's checks found free is run once more, and that second run's checks
    see the row committed in between and say so on the form.

    That happens when two requests pass the checks before either writes (on
    PostgreSQL; SQLite's IMMEDIATE transactions queue whole saves). The first
    run's transaction is rolled back entirely before the second starts.
    """

    def add_view(self, request, form_url="", extra_context=None):
        return self._once_more_on_a_lost_race(
            super().add_view, request, form_url, extra_context
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._once_more_on_a_lost_race(
            super().change_view, request, object_id, form_url, extra_context
        )

    def _once_more_on_a_lost_race(self, view, request, *args):
        if request.method != "POST":
            return view(request, *args)
        try:
            return view(request, *args)
        except IntegrityError:
            # A second IntegrityError is no race: a bug to report, as a 500.
            return view(request, *args)
