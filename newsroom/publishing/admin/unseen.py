"""What a user may not see stays untouched and untold by their form.

- A link their form cannot offer (an editor linked a reporter's item to an
  event that is not live yet) is shown as such and kept by their save: the
  field is not theirs to change, so an empty or forged value changes nothing.
- A slug taken by an item they may not see is not reported ("News item with
  this Slug already exists" would tell them it exists, and what it is about):
  their item gets the first free "<slug>-<n>" instead, and a message says so.
  A clash with an item they may see (their own, a live one) keeps Django's
  message. That some item holds an address stays observable, as with any
  unique address; what it is and whose it is are not told.
"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import permissions

UNSEEN_LINK = _(
    "Linked to an item you may not see yet. Saving keeps this link; an "
    "editor can change it."
)


class UnseenLinkWidget(forms.Widget):
    """Says a link is there, and nothing about where it leads."""

    template_name = None  # render() below is the whole widget

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="readonly">{}</div>', UNSEEN_LINK)


class UnseenLinksKeptForm(forms.ModelForm):
    """The admin form of an editorial item; `viewer` is set per request."""

    viewer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_slug = None
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField) or not isinstance(
                field, forms.ModelChoiceField
            ):
                continue
            current = self.initial.get(name)
            if current is None:
                continue
            key = field.to_field_name or "pk"
            if field.queryset.filter(**{key: current}).exists():
                continue  # among the user's choices: theirs to change
            # Not among them: keep it. A disabled field takes its value from the
            # instance and ignores what is posted; its queryset must still hold
            # that value for the field to clean.
            field.queryset = field.queryset.model._default_manager.filter(
                **{key: current}
            )
            field.disabled = True
            field.widget = UnseenLinkWidget()
            field.help_text = ""

    def validate_unique(self):
        self._choose_a_free_slug()
        super().validate_unique()

    def _choose_a_free_slug(self):
        slug = self.cleaned_data.get("slug")
        if not slug or self.viewer is None:
            return
        model = type(self.instance)
        others = model._default_manager.exclude(pk=self.instance.pk)
        holder = others.filter(slug=slug).first()
        if holder is None or permissions.may_know_of(self.viewer, holder):
            return  # free, or Django's message names nothing new to them
        free = free_slug(others, slug, model._meta.get_field("slug").max_length)
        self.instance.slug = self.cleaned_data["slug"] = self.chosen_slug = free


def free_slug(queryset, slug: str, max_length: int) -> str:
    """The first "<slug>-<n>" (n ≥ 2) that no row of `queryset` holds."""
    stem = slug[: max_length - 7]  # room for "-" and six digits
    taken = set(
        queryset.filter(slug__startswith=f"{stem}-").values_list("slug", flat=True)
    )
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"
