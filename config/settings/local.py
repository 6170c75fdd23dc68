"""Development settings: `make run` uses these (DEBUG on unless DEBUG=0)."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool

from .base import *  # noqa: F403
from .base import (
    DEVELOPMENT_APPS,
    INSTALLED_APPS,
    SECRET_KEY,
    SITE_URL,
    STORAGES,
)

DEBUG = env_bool("DEBUG", True)

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: never used with DEBUG off.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production"

# Serve static files through WhiteNoise in runserver too, as in production.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS, *DEVELOPMENT_APPS]
STORAGES = {
    "default": STORAGES["default"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Mail (the desk's notifications) is printed by `make run`, never sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SITE_URL = SITE_URL or "http://127.0.0.1:8000"
