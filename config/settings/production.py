"""Production settings: every secret comes from the environment, none has a default."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_required, env_str

from .base import *  # noqa: F403
from .base import DEFAULT_FROM_EMAIL, SILENCED_SYSTEM_CHECKS

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
# Signed sessions, password-reset links and CSRF tokens are only as strong as
# this key: a weak one refuses to start (check --deploy would only warn,
# security.W009). The test is Django's, with more different characters asked
# for (a hexadecimal key has 16): at least 50 characters, at least 10 different
# ones, and not Django's "django-insecure-" development key.
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 10
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, e.g. "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
env_required("DATABASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind one proxy (nginx with proxy_add_x_forwarded_for): login
# throttling counts the address it wrote, not its own (which would make every
# visitor one address, and five wrong passwords lock everyone out). 0 when
# gunicorn faces the internet itself; 2 behind a load balancer and nginx.
NEWSROOM_TRUSTED_PROXIES = env_int("NEWSROOM_TRUSTED_PROXIES", 1)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading puts the domain, and every subdomain, on browsers' HTTPS-only
    # list for months after it is taken back: the domain's owner decides it
    # (SECURE_HSTS_PRELOAD=1), not a default. Silenced for that reason only.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# E-mail of the desk's notifications, through an SMTP server; the defaults are
# Django's (a relay on this machine, port 25, no TLS).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # a slow server never hangs a save
SERVER_EMAIL = DEFAULT_FROM_EMAIL
