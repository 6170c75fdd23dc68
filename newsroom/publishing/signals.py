"""Keep edit_version moving forward on raw saves (revision restores, loaddata).

Raw saves bypass Publishable.save(); reversion does not store the counter, so a
restored object would carry the field's default. Moving on from the stored
value makes every form opened before the restore stale, as after any save.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from newsroom.publishing.models import Publishable


@receiver(pre_save)
def advance_edit_version_on_raw_save(sender, instance, raw, **kwargs):
    if not raw or not issubclass(sender, Publishable):
        return
    current = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("edit_version", flat=True)
        .first()
    )
    instance.edit_version = (current or 0) + 1
