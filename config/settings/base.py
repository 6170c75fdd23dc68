"""Settings shared by every environment; values come from environment variables."""

import datetime
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Run-time files of a checkout (SQLite database, uploads, cache); git-ignored.
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

DJANGO_APPS = [
    # django.contrib.admin with the back office's own AdminSite.
    "newsroom.publishing.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "axes",
    # Two-factor login for staff: TOTP devices (authenticator apps), their
    # throttling, one use per code (newsroom/accounts/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ckeditor",
    "django_filters",
    "reversion",
    "reversion_compare",
]
LOCAL_APPS = [
    # Shared mechanisms: the publishing core (with the content-kind registry),
    # images, documents, search.
    "newsroom.publishing",
    "newsroom.caching",
    "newsroom.media",
    "newsroom.documents",
    "newsroom.search",
    "newsroom.identity",
    # One app per kind of content; each declares its kinds in its content.py.
    "newsroom.officials",
    "newsroom.events",
    "newsroom.news",
    "newsroom.speeches",
    "newsroom.statements",
    # What reads the registry: roles, and the pages that cross kinds.
    "newsroom.accounts",
    "newsroom.site",
    "newsroom.desk",  # the admin's home: queues, editorial notes, notifications
    "newsroom.archive",  # backups: export_content and import_content
]
# Development only (local and test settings): demo content, samples, benchmarks.
DEVELOPMENT_APPS = ["newsroom.demo"]
# Sections, officials and the site identity in every language: a column per
# language and field (name_en, name_ru), read in the active language with a
# fall-back to the default (newsroom/*/translation.py). It patches the models
# before the admin registers them, so it comes first.
INSTALLED_APPS = ["modeltranslation", *DJANGO_APPS, *THIRD_PARTY_APPS, *LOCAL_APPS]

MIDDLEWARE = [
    # --- Caching, outermost (issue 14, newsroom/caching/middleware.py) ---
    # A visitor's page in the shared cache is answered here, as the whole stack
    # below finished it when it was stored (headers included), with a fresh
    # CSP nonce; nothing below runs for it.
    "newsroom.caching.middleware.PageCacheMiddleware",
    # gzip for public text, never beside a CSRF token; then ETag and
    # Last-Modified answered with 304 outside the security headers, so a 304
    # carries no new CSP nonce (the browser would pair it with the old body).
    "newsroom.caching.middleware.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # --- Security headers next ---
    # Outside all that may refuse a request, so that every response carries
    # them, the refusals answered by the middlewares below (413, 503) included;
    # none of these reads the body.
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: the public or the admin policy, by path (see below).
    "newsroom.site.csp.PathContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # --- Limits and faults (issue 12) ---
    # Before anything reads the body: a request body over the path's limit is
    # refused (413) unread (newsroom/site/limits.py, limits below).
    "newsroom.site.limits.RequestBodyLimitMiddleware",
    # The database unreachable in a view: the 503 page (newsroom/site/faults.py).
    "newsroom.site.faults.DatabaseUnavailableMiddleware",
    # Files a failed save wrote are removed; a storage failure is a 503 page
    # (newsroom/media/storage.py).
    "newsroom.media.storage.UploadJournalMiddleware",
    # --- end of limits and faults ---
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a public page is its address (/ru/…; none: the default
    # language); the admin's comes from the language cookie (the switch in its
    # header) or the browser (newsroom/publishing/admin/locale.py).
    "newsroom.publishing.admin.locale.BackOfficeLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): logged in with a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Between the password and the code (or enrolment, where the role requires
    # it) a session opens only the two-factor pages (accounts/two_factor.py).
    "newsroom.accounts.two_factor.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Public pages get their validators and Cache-Control, and are marked for
    # PageCacheMiddleware to keep: after sessions, CSRF, auth and messages, which
    # tell whether anything in the page is a visitor's own.
    "newsroom.caching.middleware.PageValidatorsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.site.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite in the checkout by default; postgres://user@host:port/name in production.
_default_database_url = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", "") or _default_database_url
if DATABASE_URL == _default_database_url:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two staff members saving at the same moment must queue, not fail with
    # "database is locked": every transaction takes the write lock when it
    # begins (IMMEDIATE), so none has to upgrade a read lock half-way (which
    # SQLite refuses at once); a writer waits up to `timeout` seconds for the
    # one before it; WAL lets pages be read while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# Shared between processes, so a publish on one worker shows on all (README
# "Caching"): Redis when REDIS_URL is set, else a file cache when CACHE_DIR is
# set (one machine only), else a table of the database (`createcachetable`,
# run by `make migrate`). Never a process's own memory outside tests.
REDIS_URL = env_str("REDIS_URL", "")
CACHE_DIR = env_str("CACHE_DIR", "")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "newsroom")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A Redis that does not answer costs a request half a second at
            # most; the page is then rendered uncached (newsroom/caching/safe.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Django's default of 300 files would cull pages, fragments and the
            # generation itself (a lost generation is a new one: everything
            # rendered again) within a few hundred addresses.
            "OPTIONS": {"MAX_ENTRIES": 50000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsroom_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Anonymous pages kept in the cache (newsroom/caching/middleware.py); every
# change to the content leaves them behind at once, this only bounds memory.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
# Bytes of cached pages each process also keeps in its memory, for as long as
# the generation they were stored under is current (the shared cache is still
# asked for the generation on every request): a hot page costs one small read
# of the shared cache instead of two. 0 turns it off.
NEWSROOM_PAGE_MEMO_BYTES = env_int("NEWSROOM_PAGE_MEMO_BYTES", 32 * 1024 * 1024)
# Parts of pages the same for every visitor (the chrome, a listing's results,
# an item's article) kept in the same cache, also with the page cache off;
# every change to the content leaves them behind at once
# (newsroom/caching/fragments.py).
NEWSROOM_FRAGMENT_CACHE = env_bool("NEWSROOM_FRAGMENT_CACHE", True)
# The version of the code in every key of cached pages and fragments, so that
# a deploy never serves what the old code rendered (newsroom/caching/
# release.py); empty: a digest of the code, templates and static manifest.
NEWSROOM_RELEASE = env_str("NEWSROOM_RELEASE", "")
# Seconds a shared proxy or CDN may serve a public page without asking
# (Cache-Control s-maxage): the longest a publication may take to reach the
# visitors behind it. Browsers always revalidate (max-age=0, then a 304).
NEWSROOM_PROXY_MAX_AGE = env_int("NEWSROOM_PROXY_MAX_AGE", 1)
# Sessions in the database every process shares (Django's default, named).
SESSION_ENGINE = "django.contrib.sessions.backends.db"


# --- Authentication -------------------------------------------------------
# OWASP ASVS level 1: 12 characters or more, common passwords refused, any
# Unicode and spaces kept as typed, up to 4096 characters (newsroom/accounts/
# passwords.py says why; PBKDF2 costs the same for any length, measured 2.0 s
# for 12 characters, 4096 and 2.5 MB alike on a loaded 2-core machine).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "newsroom.accounts.passwords.MaximumLengthValidator"},
]
LOGIN_URL = "admin:login"

# Login throttling (django-axes: maintained, counts in the database every
# worker shares, and ships the reset commands; hand-made counters get proxies
# and races wrong). AXES_FAILURE_LIMIT wrong passwords lock the account, from
# any address, and the address, for any account, for AXES_COOLOFF_TIME; the
# lock ends by itself (an attacker cannot keep an editor out for good: guesses
# during the lock do not prolong it) and `manage.py axes_reset_username NAME`
# lifts it sooner. Logins without a request (the shell, the test client's
# login()) are not counted: see newsroom/accounts/throttling.py.
AUTHENTICATION_BACKENDS = [
    "newsroom.accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.throttling.locked_out"
# The address counted is REMOTE_ADDR: a client's own X-Forwarded-For is never
# believed. Behind proxies that append to X-Forwarded-For, say how many.
AXES_CLIENT_IP_CALLABLE = "newsroom.accounts.throttling.client_address"
NEWSROOM_TRUSTED_PROXIES = env_int("NEWSROOM_TRUSTED_PROXIES", 0)

# Two-factor login (django-otp's TOTP). A wrong code also counts as a failed
# login for the throttle above; besides, each wrong code doubles the wait before
# the device takes another (1 s, 2 s, 4 s, …), and a code is accepted once.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_TOTP_ISSUER = env_str("SITE_NAME", "Newsroom")

# --- Internationalisation -------------------------------------------------
# The default language: its pages have no prefix (/news/), the others their
# code (/ru/news/). A further language is a line here plus locale/<code>/.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
# An empty Russian name of a section shows the default language's, not nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
LOCALE_PATHS = [BASE_DIR / "locale"]
# The organisation sits in Moscow: dates on its pages are Moscow dates.
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
# How the back office names that zone beside every time it shows or takes
# ("Moscow time"); by default the zone's city.
TIME_ZONE_LABEL = env_str("TIME_ZONE_LABEL", "") or (
    TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ") + " time"
)
# One format for dates and times the admin shows without a format of its own
# (lists, read-only fields, history): 24.04.2024 12:00 (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env_str("STATIC_ROOT", "") or str(VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# --- Media storage (issues 12 and 14) ---
# Uploads (images, their renditions, documents) are served by the site itself
# under MEDIA_URL (newsroom/media/views.py), which applies the live rule: never
# let a web server or a public bucket serve MEDIA_ROOT. On disk by default;
# on S3-compatible object storage (a private bucket) when MEDIA_STORAGE_URL is
# s3://KEY:SECRET@HOST:PORT/BUCKET?region=R&tls=0|1 (config/env.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", "") or str(VAR_DIR / "media")
MEDIA_STORAGE_URL = env_str("MEDIA_STORAGE_URL", "")
# Behind nginx, with files on disk: after the check the site answers with
# `X-Accel-Redirect: <this prefix><name>` and nginx sends the file from an
# `internal` location aliased to MEDIA_ROOT (README, "Scaling"). Empty: the
# site streams the file itself.
NEWSROOM_MEDIA_ACCEL_REDIRECT = env_str("NEWSROOM_MEDIA_ACCEL_REDIRECT", "")
# Object storage: how long the signed address of an image stays valid.
NEWSROOM_MEDIA_SIGNED_URL_SECONDS = env_int("NEWSROOM_MEDIA_SIGNED_URL_SECONDS", 300)
# How long browsers and proxies may keep an image of a live item (its name
# never changes, but the item may be unpublished).
NEWSROOM_MEDIA_MAX_AGE = env_int("NEWSROOM_MEDIA_MAX_AGE", 300)
STORAGES = {
    # Journaled: what a failed save wrote is removed (issue 12).
    "default": media_storage(MEDIA_STORAGE_URL),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# --- end of media storage ---
# Uploaded images (see newsroom/media/images.py): limits and rendition widths.
NEWSROOM_MAX_IMAGE_BYTES = env_int("NEWSROOM_MAX_IMAGE_BYTES", 20 * 1024 * 1024)
# --- Image pixel limit (issue 12) ---
# Decoding and re-encoding a 1-colour PNG (a few hundred KB) through
# prepare_image costs, measured (peak RSS over the process's, seconds):
# RGBA 50 MP +639 MB 3.6 s, 40 MP +514 MB 4.6 s, 25 MP +327 MB 2.0 s;
# RGB 50 MP +449 MB 2.4 s, 25 MP +232 MB 1.4 s. 25 MP keeps one worker under
# a 512 MB budget and still takes a 24 MP (6000x4000) photo.
NEWSROOM_MAX_IMAGE_PIXELS = env_int("NEWSROOM_MAX_IMAGE_PIXELS", 25_000_000)
# --- end of image pixel limit ---
NEWSROOM_IMAGE_WIDTHS = (480, 960, 1600)
# --- Nothing lost (issue 11) ---
# A photo chosen on a form that failed is kept this long as a pending upload
# (newsroom/media/pending.py); `manage.py clean_pending_uploads` deletes older ones.
NEWSROOM_PENDING_UPLOAD_MAX_AGE = env_int("NEWSROOM_PENDING_UPLOAD_MAX_AGE", 24 * 3600)
# The change form autosaves this often, and says "still here" (presence) this
# often; someone is no longer shown as editing once silent for
# NEWSROOM_PRESENCE_TIMEOUT (newsroom/publishing/admin/autosave.py, presence.py).
NEWSROOM_AUTOSAVE_SECONDS = env_int("NEWSROOM_AUTOSAVE_SECONDS", 60)
NEWSROOM_PRESENCE_HEARTBEAT_SECONDS = env_int("NEWSROOM_PRESENCE_HEARTBEAT_SECONDS", 30)
NEWSROOM_PRESENCE_TIMEOUT = env_int("NEWSROOM_PRESENCE_TIMEOUT", 120)
# An autosave's form data, at most (a long speech is ~100 KB of HTML).
NEWSROOM_AUTOSAVE_MAX_BYTES = env_int("NEWSROOM_AUTOSAVE_MAX_BYTES", 1024 * 1024)
# --- end of nothing lost ---
# Documents attached to items (see newsroom/documents/formats.py).
NEWSROOM_MAX_DOCUMENT_BYTES = env_int("NEWSROOM_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644
# --- Request body limits (issue 12, newsroom/site/limits.py) ---
# Refused with 413 while streaming, before the body is read or stored: under
# /admin/ the largest upload limit plus the form's other fields; elsewhere
# (public pages take no uploads; the search form is a GET) a small form.
NEWSROOM_MAX_FORM_OVERHEAD_BYTES = 1024 * 1024
NEWSROOM_MAX_PUBLIC_BODY_BYTES = 64 * 1024
# More fields than this, or more non-file bytes, is a 400 (Django's own checks).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# --- end of request body limits ---

# --- Security headers that hold in every environment ----------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Content-Security-Policy (django-csp), editor files not served -------
# Public pages: only this site's own files; an inline <script> or <style> needs
# the response's nonce (`{{ request.csp_nonce }}`), inline style="" attributes
# and event handlers are refused. JSON-LD blocks are data, never executed, so
# CSP does not apply to them. Under NEWSROOM_ADMIN_CSP_PREFIXES the admin
# policy below replaces it (newsroom/site/csp.py).
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402 - kept inside this block

_CSP_MEDIA = [MEDIA_URL] if MEDIA_URL.startswith(("https://", "http://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *_CSP_MEDIA],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
NEWSROOM_ADMIN_CSP_PREFIXES = ["/admin/"]
NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_CSP_MEDIA],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Not served either: CKEditor's changelog, README, licences, samples, tests and
# build files name its version and are no part of the running editor; this
# finder hides them from collectstatic (so from WhiteNoise) and from the
# development server (newsroom/site/staticfiles.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "newsroom.site.staticfiles.RuntimeAppDirectoriesFinder",
]
# --- end of Content-Security-Policy -----------------------------------------

# --- Rich text editor -----------------------------------------------------
# CKEditor 4 runs only in the admin, for trusted staff; every body is sanitised
# on the server when it is saved (newsroom/publishing/sanitize.py), so what the
# editor lets through never reaches a public page unfiltered. The toolbar below
# is also CKEditor's Advanced Content Filter: no source mode, no full-page
# editing, no scripts, styles, iframes or forms.
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format", "Bold", "Italic", "Underline", "Strike"],
            ["Subscript", "Superscript", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "HorizontalRule"],
            ["Link", "Unlink", "Image", "Table"],
            ["Undo", "Redo", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4;h5;h6",
        "removePlugins": "exportpdf,iframe,flash,forms,smiley,stylescombo,font,"
        "colorbutton,justify,sourcearea",
        "disallowedContent": "script; style; iframe; object; embed; form; *[on*]; *{*}",
        "fullPage": False,
        "versionCheck": False,
        # Uploads and the image browser: our own views (media/editor_uploads.py),
        # by XHR with the CSRF token in a header (static/admin/js/editor-csrf.js).
        "filebrowserUploadUrl": "/admin/editor/upload/",
        "filebrowserBrowseUrl": "/admin/editor/browse/",
        "filebrowserUploadMethod": "xhr",
        "uploadUrl": "/admin/editor/upload/",
        "extraPlugins": "uploadimage",
        "image_prefillDimensions": False,
        "height": 360,
        "width": "100%",
    },
}
CKEDITOR_ALLOW_NONIMAGE_FILES = False
# django-ckeditor warns (ckeditor.W001) that it bundles CKEditor 4, which no longer
# gets free security fixes. We keep it because it is the editor this product is
# specified with and works inside the Django admin without a build step; the
# editor's own XSS advisories concern the staff member's browser, and public pages
# never show editor output unsanitised (see README, "Rich text and CKEditor 4").
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- Logging ----------------------------------------------------------------
# One handler, on the root logger. Django's own "django" logger comes with a
# console handler (DEBUG only) and also propagates to the root: every line was
# printed twice. Configuring "django" here drops its handlers, so its records
# reach the console once, through the root. A refusal (4xx: a 403, a 400 from
# django.security) is one line without a traceback; a 5xx keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_without_traceback": {
            "()": "newsroom.site.logs.ClientErrorsWithoutTraceback"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# --- The site -----------------------------------------------------------------
# The name until site administrators fill in the identity (Site identity in the
# admin, newsroom/identity), and the canonical host name; both come from that
# record once it exists, unless SITE_DOMAIN is set here.
SITE_NAME = env_str("SITE_NAME", "Newsroom")
SITE_DOMAIN = env_str("SITE_DOMAIN", "")
# The address staff reach the site at, for links in e-mail ("https://press.example.org");
# empty: https:// and the canonical domain (newsroom/desk/notifications.py).
SITE_URL = env_str("SITE_URL", "")

# --- E-mail (notifications of the desk) ----------------------------------------
# Development prints mail to the console, tests keep it in memory; production
# sends through SMTP as configured in the environment (production.py).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")
