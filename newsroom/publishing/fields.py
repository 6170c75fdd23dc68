from ckeditor.fields import RichTextField

from newsroom.publishing.sanitize import sanitize_html


class SanitizedRichTextField(RichTextField):
    """Rich text edited with CKEditor and sanitised on every save.

    Cleaning in `pre_save` covers every write path that saves a model (admin,
    management commands, shell, `bulk_create`), not only forms.
    """

    def pre_save(self, model_instance, add):
        cleaned = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
