"""The Russian catalogues of the back office are complete: no string of the
code, the templates or the admin scripts is left untranslated or fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES"

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None,
    reason="needs GNU gettext (apt-get install gettext)",
)


def entries(*options, catalogue):
    """The entries msgattrib selects with `options`, the header aside."""
    out = subprocess.run(
        ["msgattrib", *options, "--no-wrap", str(LOCALE / catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blocks = [block for block in out.split("\n\n") if "msgid" in block]
    return [block for block in blocks if "Project-Id-Version" not in block]


@pytest.mark.parametrize("catalogue", ["django.po", "djangojs.po"])
def test_no_string_is_left_untranslated_or_fuzzy(catalogue):
    assert entries("--untranslated", catalogue=catalogue) == []
    assert entries("--only-fuzzy", catalogue=catalogue) == []


def test_the_scripts_catalogue_has_the_admin_scripts_strings():
    text = (LOCALE / "djangojs.po").read_text()
    assert 'msgid "The autosave was discarded."' in text
    assert 'msgstr "Автосохранение удалено."' in text
