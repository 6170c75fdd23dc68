"""Static files of installed apps, without the ones a browser never needs.

django-ckeditor ships CKEditor 4's whole distribution: its changelog and
README name the exact version (and so its known advisories), and test pages,
build configuration and licences are no part of the running editor. This finder
hides them from `collectstatic` (so WhiteNoise, which serves what collectstatic
wrote, never has them) and from the development and test servers, which ask
the finders for each file.
"""

from django.contrib.staticfiles.finders import AppDirectoriesFinder
from django.contrib.staticfiles.utils import matches_patterns

# fnmatch patterns on the path under STATIC_URL; "*" also matches "/".
NOT_SERVED = [
    "ckeditor/ckeditor/*.md",  # CHANGES.md, README.md, LICENSE.md, SECURITY.md…
    "ckeditor/ckeditor/*/LICENSE",
    "ckeditor/ckeditor/*/tests",
    "ckeditor/ckeditor/*/tests/*",
    "ckeditor/ckeditor/samples",
    "ckeditor/ckeditor/samples/*",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/build-config.js",
]


class RuntimeAppDirectoriesFinder(AppDirectoriesFinder):
    """AppDirectoriesFinder that neither lists nor finds NOT_SERVED files."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *NOT_SERVED])

    def find_in_app(self, app, path):
        if matches_patterns(path, NOT_SERVED):
            return None
        return super().find_in_app(app, path)
