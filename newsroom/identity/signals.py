"""What saving the identity does: the derived pictures are made when the
emblem changes, and the cached copy is dropped on every change."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from PIL import Image

from newsroom.identity import marks
from newsroom.identity.models import SiteIdentity, SocialLink


def derive_pictures(identity: SiteIdentity) -> dict:
    """Store the favicon, icons and share image made from the emblem."""
    if not identity.emblem:
        return {}
    with default_storage.open(identity.emblem.name, "rb") as stored:
        emblem = Image.open(io.BytesIO(stored.read()))
        emblem.load()
    pictures = {"source": identity.emblem.name}
    stem = identity.emblem.name.rsplit(".", 1)[0]
    for filename, content in marks.derive(emblem, identity.name).items():
        pictures[filename] = default_storage.save(
            f"{stem}-{filename}", ContentFile(content)
        )
    return pictures


@receiver(post_save, sender=SiteIdentity)
def identity_saved(sender, instance, raw, **kwargs):
    if not raw and instance.pictures.get("source", "") != (instance.emblem.name or ""):
        instance.pictures = derive_pictures(instance)
        SiteIdentity.objects.filter(pk=instance.pk).update(pictures=instance.pictures)
    transaction.on_commit(SiteIdentity.forget)
    SiteIdentity.forget()


@receiver(post_delete, sender=SiteIdentity)
@receiver(post_save, sender=SocialLink)
@receiver(post_delete, sender=SocialLink)
def identity_changed(sender, **kwargs):
    transaction.on_commit(SiteIdentity.forget)
    SiteIdentity.forget()
