"""Delete pending uploads nobody saved (newsroom/media/pending.py).

A photo chosen on a form that then failed waits under `pending/` for the next
save; its token expires after NEWSROOM_PENDING_UPLOAD_MAX_AGE seconds, so older
files can never be attached. Run daily from cron.
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.media.pending import PENDING_FOLDER


class Command(BaseCommand):
    help = "Delete pending uploads (photos kept across a form error) that expired."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(
            seconds=settings.NEWSROOM_PENDING_UPLOAD_MAX_AGE
        )
        try:
            _folders, names = default_storage.listdir(PENDING_FOLDER)
        except FileNotFoundError:
            names = []
        deleted = 0
        for filename in names:
            name = f"{PENDING_FOLDER}/{filename}"
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
                deleted += 1
        self.stdout.write(f"Deleted {deleted} expired pending upload(s).")
