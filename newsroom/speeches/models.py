from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.events.models import Event
from newsroom.officials.models import Official
from newsroom.publishing.models import Publishable


class Speech(Publishable):
    speaker = models.ForeignKey(
        Official,
        # An official who gave speeches cannot be deleted: their words stay online.
        on_delete=models.PROTECT,
        related_name="speeches",
    )
    delivered_on = models.DateField()
    location = models.CharField(max_length=255, blank=True)
    occasion = models.CharField(
        max_length=255, blank=True, help_text=_("What the speech was given at.")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speeches",
        verbose_name=_("related event"),
    )
    attachments = GenericRelation("documents.Attachment")

    class Meta(Publishable.Meta):
        permissions = [
            ("publish_speech", "Can publish, schedule, unpublish and archive speeches")
        ]
        verbose_name_plural = _("speeches")
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(
                fields=["speaker", "-delivered_on"], name="speeches_speech_speaker"
            ),
            models.Index(fields=["-delivered_on"], name="speeches_speech_delivered"),
        ]
