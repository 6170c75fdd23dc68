"""No lost edits: a save from a form opened before someone else's save is refused."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone


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
                "%(who)s saved this item at %(when)s, after you opened it. Your "
                "text is still in the form: compare it with theirs (History, "
                "in a new tab), merge what you need, and save again.",
                code="conflict",
                params={"who": who, "when": when},
            )
        return cleaned
