"""A chosen photo survives a form error.

A browser never sends a file input's file twice: after any error on the form
(a missing summary, a stale save) the photo chosen would be gone, and the next
save would store the item without it. So, when a form with an image field
fails and that field's photo passed the image pipeline:

- the re-encoded photo (no metadata) is stored as a *pending upload* under a
  random name, `pending/<random>.<ext>`;
- the form carries a token for it in a hidden input, `<field>__pending`: the
  file's name and the uploader's id, signed with the secret key and dated;
- the field shows a thumbnail and "will be attached on save" (with a box to
  drop it), and the next valid save puts it through the pipeline again and
  attaches it; the pending file is then deleted once the save commits.

A token made for another user, altered, or older than
NEWSROOM_PENDING_UPLOAD_MAX_AGE is refused with a message on the field, and
nothing is saved. Pending uploads nobody saved are deleted by
`manage.py clean_pending_uploads` (run it daily from cron), which removes the
files older than that age.
"""

import base64
import io
import uuid

from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.forms.widgets import ClearableFileInput
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image

from newsroom.media.thumbnails import AdminThumbnailFileWidget

PENDING_FOLDER = "pending"
SALT = "newsroom.media.pending"
TOKEN_SUFFIX = "__pending"
DROP_SUFFIX = "__pending_drop"
THUMBNAIL_SIZE = (240, 160)


class PendingToken(str):
    """The token a form posted back in place of a file."""


def keep_pending(prepared, user) -> tuple[str, str]:
    """Store the re-encoded photo `prepared` for `user`: (its token, its name)."""
    name = default_storage.save(
        f"{PENDING_FOLDER}/{uuid.uuid4().hex}.{prepared.extension}",
        ContentFile(prepared.content),
    )
    token = signing.dumps({"name": name, "user": user.pk}, salt=SALT, compress=True)
    return token, name


def _refused() -> ValidationError:
    return ValidationError(
        _(
            "The photo chosen before could not be kept (it was chosen in another "
            "session, or too long ago). Choose it again."
        ),
        code="pending_refused",
    )


def pending_name(token: str, user) -> str:
    """The stored name behind `token`, if `user` made it and it has not expired."""
    try:
        payload = signing.loads(
            token, salt=SALT, max_age=settings.NEWSROOM_PENDING_UPLOAD_MAX_AGE
        )
    except signing.BadSignature:  # altered, or expired (SignatureExpired)
        raise _refused() from None
    if not isinstance(payload, dict) or user is None or payload.get("user") != user.pk:
        raise _refused()
    name = payload.get("name")
    if not (
        isinstance(name, str)
        and name.startswith(f"{PENDING_FOLDER}/")
        and default_storage.exists(name)
    ):
        raise _refused()
    return name


def thumbnail_data_uri(name: str) -> str:
    """A small copy of a pending photo, inline: it is not public yet."""
    with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(
            buffer, "WEBP", quality=70
        )
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode()


class PendingImageInput(ClearableFileInput):
    """A file input that also posts back the pending upload shown beside it."""

    pending_token = None  # set on the form's copy of the widget after an error
    pending_thumbnail = ""

    class Media:
        css = {"all": ["admin/css/pending-upload.css"]}

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if files.get(name):
            return upload  # a new choice replaces the pending one
        token = data.get(name + TOKEN_SUFFIX)
        if token and not data.get(name + DROP_SUFFIX):
            return PendingToken(token)
        return upload

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and not data.get(
            name + TOKEN_SUFFIX
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.pending_token:
            return html
        return html + format_html(
            '<div class="pending-upload">'
            '<input type="hidden" name="{}" value="{}">'
            '<img src="{}" alt="{}">'
            "<p><strong>{}</strong> {}</p>"
            '<label><input type="checkbox" name="{}"> {}</label>'
            "</div>",
            name + TOKEN_SUFFIX,
            self.pending_token,
            self.pending_thumbnail,
            _("The photo you chose"),
            _("The photo you chose will be attached on save."),
            _("Choosing another file replaces it."),
            name + DROP_SUFFIX,
            _("Do not attach it"),
        )


class PendingAdminFileInput(PendingImageInput, AdminThumbnailFileWidget):
    """The same, looking like the admin's own file input, with the current
    picture as a thumbnail."""


def pending_widget(widget):
    """The pending-aware widget in place of `widget` (a class or an instance)."""
    if widget is AdminFileWidget or isinstance(widget, AdminFileWidget):
        return PendingAdminFileInput
    return widget or PendingImageInput


class PendingImagesForm:
    """Form mixin: after an error, a photo that passed the pipeline is kept as a
    pending upload (see the module's docstring). `viewer` is the user."""

    viewer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self._image_fields():
            field.viewer = self.viewer

    def _image_fields(self):
        from newsroom.media.images import ValidatedImageFormField

        return [
            f for f in self.fields.values() if isinstance(f, ValidatedImageFormField)
        ]

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors or self.viewer is None:
            return
        for name, field in self.fields.items():
            chosen = self.cleaned_data.get(name)
            prepared = getattr(chosen, "prepared", None)
            if prepared is None or not isinstance(field.widget, PendingImageInput):
                continue
            if chosen.pending_token:  # kept already, by an earlier error
                token, stored = chosen.pending_token, chosen.pending_name
            else:
                token, stored = keep_pending(prepared, self.viewer)
            field.widget.pending_token = token
            field.widget.pending_thumbnail = thumbnail_data_uri(stored)


class KeepsChosenImagesAdmin:
    """ModelAdmin mixin: its forms keep a chosen photo across a form error."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        keeping = type(
            form.__name__, (PendingImagesForm, form), {"viewer": request.user}
        )
        # The fields as the other mixins left them (the metaclass made new ones
        # from the model: status choices narrowed for this user, for one).
        keeping.base_fields = form.base_fields
        keeping.declared_fields = form.declared_fields
        return keeping
