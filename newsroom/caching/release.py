"""Which version of the code made a cached page or fragment.

The content generation says when the *content* changed; a deploy changes the
code that renders it (templates, views, the static files' hashed names)
without touching the content. Every key of rendered output holds the release,
so the first request after a deploy renders afresh instead of serving what
the old code made, while the generation stays shared by every process: a
change made through a server still on the old release shows on the new ones
at once, and the other way round.

The release is NEWSROOM_RELEASE when set (a commit hash, a build number), else
a digest of what renders pages: the Python code, the templates, the compiled
catalogues and the static files' manifest, read once per process.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.dispatch import receiver
from django.test.signals import setting_changed

# What rendering depends on, under BASE_DIR.
RENDERING_FILES = ("newsroom/**/*.py", "config/**/*.py", "templates/**/*.html",
                   "newsroom/**/*.html", "locale/**/*.mo")  # fmt: skip


@functools.cache
def release() -> str:
    if settings.NEWSROOM_RELEASE:
        return hashlib.sha256(settings.NEWSROOM_RELEASE.encode()).hexdigest()[:12]
    base = Path(settings.BASE_DIR)
    files = sorted({path for pattern in RENDERING_FILES for path in base.glob(pattern)})
    manifest = Path(settings.STATIC_ROOT or "") / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.is_file():
        files.append(manifest)
    digest = hashlib.sha256()
    for path in files:
        digest.update(
            str(path.relative_to(base) if path.is_relative_to(base) else path).encode()
        )
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@receiver(setting_changed)
def _forget_release(setting, **kwargs):
    # Tests that set NEWSROOM_RELEASE (a deploy) get the new release at once.
    if setting in ("NEWSROOM_RELEASE", "STATIC_ROOT"):
        release.cache_clear()
