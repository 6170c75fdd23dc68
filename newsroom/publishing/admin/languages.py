"""The item's language in its form."""

from django import forms


class LanguageKeptForm(forms.ModelForm):
    """A form posted without the language field (a script, a form that hid it)
    keeps the item's language: an omitted field never moves a Russian item to
    the default language's address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language
