"""Media and documents on S3-compatible object storage (MEDIA_STORAGE_URL).

The bucket stays private: nothing in it is readable without a signature. Pages
link every file through the site (`url()` is MEDIA_URL + name, as on disk), and
the media view (newsroom/media/views.py) answers with a short-lived signed
address only after the live check (`signed_url()`). Writes are journaled like
the local disk's (newsroom/media/storage.py): a failed save leaves no object.
"""

from urllib.parse import urljoin

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from newsroom.media.storage import JournaledStorageMixin


class JournaledS3Storage(JournaledStorageMixin, S3Storage):
    write_errors = (OSError, BotoCoreError, ClientError)

    def get_default_settings(self):
        return super().get_default_settings() | {
            # Names are random, but a name that exists is never overwritten
            # (Django's own contract; import_content relies on it).
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": settings.NEWSROOM_MEDIA_SIGNED_URL_SECONDS,
        }

    def url(self, name):
        """The file's address on the site, which applies the live rule."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(self, name, **response_headers) -> str:
        """A signed address of the object in the bucket, valid for
        NEWSROOM_MEDIA_SIGNED_URL_SECONDS; `response_headers` (ContentType=…,
        ContentDisposition=…, CacheControl=…) are what the store answers with."""
        parameters = {f"Response{key}": v for key, v in response_headers.items()}
        return super().url(name, parameters=parameters)
