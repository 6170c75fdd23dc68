from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.models import Publishable


class Statement(Publishable):
    """An official statement of one of the organisation's bodies (the Council of
    Foreign Ministers, the Secretary General, …), dated; its authentic text can
    be attached as a document."""

    organ = models.CharField(
        _("issued by"),
        max_length=200,
        help_text=_(
            'The body that made the statement, e.g. "Council of Foreign Ministers".'
        ),
    )
    issued_on = models.DateField(_("date of the statement"))
    place = models.CharField(max_length=255, blank=True)
    attachments = GenericRelation("documents.Attachment")

    class Meta(Publishable.Meta):
        permissions = [
            (
                "publish_statement",
                "Can publish, schedule, unpublish and archive statements",
            )
        ]
        ordering = ["-issued_on", "-id"]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["-issued_on"], name="statements_statement_issued"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(organ=""),
                name="statements_statement_organ_not_empty",
            ),
        ]
