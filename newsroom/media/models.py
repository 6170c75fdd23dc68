"""Images that belong to content: a lead photo (an abstract part of items) and
the images uploaded from CKEditor into bodies; both through one pipeline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.media.images import UploadTo, ValidatedImageField


class LeadImage(models.Model):
    """A photo at the head of an item, with the text that goes with it."""

    lead_image = ValidatedImageField(
        upload_to=UploadTo("images"),
        renditions_field="lead_image_renditions",
        blank=True,
        # The private-media rule looks a photo up by its name on every request
        # for it (newsroom/media/access.py): no scan of the archive.
        db_index=True,
        help_text=_(
            "JPEG, PNG, WebP or GIF. Location and camera data are removed; "
            "smaller copies for phones are made on upload."
        ),
    )
    lead_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it (required "
            "with a photo)."
        ),
    )
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {
                    "lead_image_alt": _(
                        "Describe the photo for people who cannot see it."
                    )
                }
            )


class EditorImage(models.Model):
    """An image uploaded from CKEditor into a body: through the same pipeline."""

    image = ValidatedImageField(
        upload_to=UploadTo("editor"), renditions_field="renditions", db_index=True
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.image.name

    @property
    def body_url(self) -> str:
        """What goes into a body: the 960 px copy, or the image if it is smaller."""
        for source in self.renditions.get("sources", []):
            if source["width"] == 960 and source["format"] == self.renditions["format"]:
                return default_storage.url(source["name"])
        return self.image.url
