from ckeditor.fields import RichTextField, RichTextFormField

from newsroom.publishing.reading import reads_the_same
from newsroom.publishing.sanitize import editor_allowed_content, sanitize_html


class SanitizedRichTextFormField(RichTextFormField):
    """CKEditor in the form; a body that reads the same as the one loaded (the
    editor's own re-serialisation of it) is not a change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # CKEditor keeps what the server keeps (newsroom/publishing/sanitize.py).
        self.widget.config["extraAllowedContent"] = editor_allowed_content()

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return not reads_the_same(initial, data)


class SanitizedRichTextField(RichTextField):
    """Rich text edited with CKEditor and sanitised on every save.

    Cleaning in `pre_save` covers every write path that saves a model (admin,
    management commands, shell, `bulk_create`), not only forms.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SanitizedRichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        # Publishable.save() cleaned it already (to take its text's digest):
        # the very same string is not cleaned twice.
        if getattr(model_instance, "_sanitized", {}).get(self.attname) is value:
            return value
        cleaned = sanitize_html(value)
        setattr(model_instance, self.attname, cleaned)
        return cleaned
