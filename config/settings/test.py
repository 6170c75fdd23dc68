"""Fast, isolated settings for pytest; DATABASE_URL picks SQLite or PostgreSQL."""

import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, DEVELOPMENT_APPS, INSTALLED_APPS, STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": STORAGES["default"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
INSTALLED_APPS = [*INSTALLED_APPS, *DEVELOPMENT_APPS]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, as in production, not Django's shared in-memory database: two
    # threads saving at once then meet SQLite's real locking
    # (tests/test_two_staff_save_at_the_same_moment.py).
    _test_db_dir = tempfile.mkdtemp(prefix="newsroom-test-db-")
    DATABASES["default"]["TEST"] = {"NAME": f"{_test_db_dir}/test.sqlite3"}
    # A test database need not survive a power cut: no waiting for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] += "; PRAGMA synchronous=OFF"
