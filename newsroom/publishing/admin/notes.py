"""Editorial notes beside an item's form: the thread, and a box for a new note.

A note goes with the form's save (as Wagtail saves comments with the page): the
box belongs to the change form, so "Return to the author" carries the note
that move requires, and "Save and add note" saves both. A note longer than
NOTE_MAX_LENGTH, or a return without one, is a form error: nothing is saved,
neither the item nor the note. Who may add a note is who may change the item
(the admin refuses a POST from anyone else). The notes live in newsroom/desk.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from newsroom.desk.models import NOTE_MAX_LENGTH, EditorialNote
from newsroom.publishing import workflow

NOTE_FIELD = "editorial_note"


class EditorialNoteForm(forms.ModelForm):
    editorial_note = forms.CharField(
        label=_("New note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For the people who write and review this item; never public."),
        error_messages={
            "max_length": _(
                "A note is at most %(limit_value)d characters "
                "(this one has %(show_value)d). Nothing was saved."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The box sits beside the form, outside its <form> element.
        model_name = self._meta.model._meta.model_name
        self.fields[NOTE_FIELD].widget.attrs["form"] = f"{model_name}_form"

    def clean(self):
        cleaned = super().clean()
        source = self.instance.status if self.instance.pk else workflow.NEW
        target = cleaned.get("status", source)
        if workflow.needs_note(source, target) and not cleaned.get(NOTE_FIELD):
            self.add_error(
                NOTE_FIELD,
                _(
                    "Say why you return it: the author reads this note. "
                    "Nothing was saved."
                ),
            )
            # Above the form too: the box is beside it, under "Editorial notes".
            self.add_error(
                None,
                _(
                    "Returning an item to its author needs a note: write it under "
                    "“Editorial notes”."
                ),
            )
        return cleaned


class EditorialNotesMixin:
    """For the ModelAdmin of an editorial kind (through PublishableAdmin)."""

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["editorial_notes"] = (
            list(EditorialNote.objects.about(obj).select_related(None))
            if obj is not None and obj.pk
            else []
        )
        context["may_add_note"] = (
            self.has_add_permission(request)
            if add
            else self.has_change_permission(request, obj)
        )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        text = form.cleaned_data.get(NOTE_FIELD)
        if text:
            EditorialNote.objects.create(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                author=request.user,
                author_name=request.user.get_username(),
                text=text,
            )
