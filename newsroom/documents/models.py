"""Documents attached to news items, speeches and events (PDF, DOCX, XLSX, ODT,
plain text), downloaded through /documents/<id>/<name> only."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom.documents.formats import (
    CONTENT_TYPES,
    DocumentField,
    DocumentFormat,
    inspect_document,
)
from newsroom.media.images import UploadTo

# Russian titles would vanish from an ASCII file name: spelled in Latin instead.
_CYRILLIC = str.maketrans(
    dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m",
             "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
             "", "y", "", "e", "iu", "ia"],
            strict=True,
        )
    )
)  # fmt: skip


def ascii_slug(text: str) -> str:
    """A lowercase ASCII slug of `text`, Cyrillic transliterated."""
    latin = text.lower().translate(_CYRILLIC)
    return slugify(latin)  # accents dropped, anything else non-ASCII too


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    OTHER = "other", _("Other")


class Attachment(models.Model):
    """A downloadable document of an editorial item.

    Visitors may download it when its item is live (`.live()`); staff who may
    change the item, before that too (newsroom/documents/views.py).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    title = models.CharField(
        max_length=255,
        help_text=_("Visitors see “Download document:” followed by this title."),
    )
    file = DocumentField(upload_to=UploadTo("documents"), max_length=255)
    language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    order = models.PositiveIntegerField(
        _("display order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    # Read from the file when it is uploaded, never typed.
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    format = models.CharField(
        max_length=8, choices=DocumentFormat.choices, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("document")
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="documents_attachment_item"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(format__in=DocumentFormat.values),
                name="documents_attachment_format_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(title=""),
                name="documents_attachment_title_not_empty",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A new file's format and size are read from it here, the one place;
        a file that did not come through the form is checked the same way."""
        if self.file and not self.file._committed:
            upload = self.file.file
            self.format = getattr(upload, "document_format", None) or (
                inspect_document(upload)
            )
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "documents:download",
            kwargs={"pk": self.pk, "filename": self.download_name},
        )

    @property
    def download_name(self) -> str:
        """The file name visitors get: the title as an ASCII slug + extension."""
        stem = ascii_slug(self.title)[:80].strip("-") or f"document-{self.pk}"
        return f"{stem}.{self.format}"

    @property
    def mime_type(self) -> str:
        return CONTENT_TYPES[self.format]
