"""Editorial notes on items, and each staff member's choice of e-mails.

Notes are for the people who write and review an item: never on a public page,
in a feed, search, the sitemap or structured data (nothing public reads this
app). They are kept in the backup archive (newsroom/archive) with the items.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 2000


class NoteQuerySet(models.QuerySet):
    def about(self, obj):
        """The thread of `obj`, oldest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).order_by("created_at", "pk")


class EditorialNote(models.Model):
    """A word from one staff member to the others about an item ("Return to the
    author" requires one). Linked to any editorial kind by content type and id."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept beside the link: the thread still says who wrote it if the account goes.
    author_name = models.CharField(_("by"), max_length=150)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(max_length=NOTE_MAX_LENGTH)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"],
                name="desk_note_item_newest",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(LessThanOrEqual(Length("text"), NOTE_MAX_LENGTH))
                & ~models.Q(text=""),
                name="desk_note_text_1_to_2000",
            )
        ]

    def __str__(self):
        return f"{self.author_name}, {self.created_at:%d.%m.%Y %H:%M}"


class NotificationPreference(models.Model):
    """Which e-mails a staff member gets; no row means all of them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    on_submission = models.BooleanField(
        _("an item is submitted for review"),
        default=True,
        help_text=_("Sent to those who may publish it."),
    )
    on_return = models.BooleanField(
        _("my item is returned to me"),
        default=True,
        help_text=_("With the editor's note."),
    )
    on_publication = models.BooleanField(
        _("my item is published or scheduled"), default=True
    )

    def __str__(self):
        return f"E-mails of {self.user}"
