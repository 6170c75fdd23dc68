"""Every string wrapped for translation has its Russian: makemessages, run as
`make catalogue` runs it on a copy of the tree, leaves no entry of
locale/ru untranslated or fuzzy."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
# The code and templates whose strings the catalogue holds (`make catalogue`
# reads the same: everything but tests, the virtualenv and build output).
LINKED = ("newsroom", "templates", "static")
# Copied, not linked: the settings find the tree (BASE_DIR, LOCALE_PATHS)
# from where config/ is, and makemessages writes into locale/.
COPIED = ("config", "locale", "manage.py")

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="needs gettext (apt-get install gettext)"
)


def entries(po_text: str) -> list[str]:
    """The msgids of a .po text's entries, without the header."""
    found = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        msgid, inside = [], False
        for line in lines:
            if line.startswith("msgid "):
                inside = True
                msgid.append(line[len("msgid ") :].strip('"'))
            elif inside and line.startswith('"'):
                msgid.append(line.strip('"'))
            else:
                inside = False
        if msgid and "".join(msgid):
            found.append("".join(msgid))
    return found


def untranslated_and_fuzzy(
    tree: pathlib.Path, domain: str = "django"
) -> tuple[list[str], list[str]]:
    """Runs makemessages for Russian in `tree` (the templates' and code's
    strings, or the admin scripts' for "djangojs"), then msgattrib on it."""
    subprocess.run(
        [
            sys.executable, "manage.py", "makemessages", "-l", "ru", "-d", domain,
            "--symlinks", "--add-location=file", "--no-obsolete", "--ignore=tests",
            "--ignore=.venv", "--ignore=var", "--ignore=staticfiles",
            "--ignore=static/ckeditor/*",
        ],
        cwd=tree, check=True, capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )  # fmt: skip
    po = tree / "locale" / "ru" / "LC_MESSAGES" / f"{domain}.po"

    def attrib(flag):
        result = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(po)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return entries(result.stdout)

    return attrib("--untranslated"), attrib("--only-fuzzy")


@pytest.fixture
def tree(tmp_path):
    """A copy of the project as makemessages sees it."""
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc")
            )
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_is_complete(tree, domain):
    untranslated, fuzzy = untranslated_and_fuzzy(tree, domain)
    assert untranslated == [], f"Translate these in locale/ru/LC_MESSAGES/{domain}.po"
    assert fuzzy == [], "Check these and remove their '#, fuzzy'"
    if domain == "djangojs":  # the admin scripts' strings are gathered at all
        po = (tree / "locale" / "ru" / "LC_MESSAGES" / "djangojs.po").read_text()
        assert 'msgstr "Автосохранение удалено."' in po


def test_a_wrapped_string_without_its_russian_is_found(tree):
    """The check above can fail: a new wrapped string nobody translated."""
    probe = tree / "probe"
    probe.mkdir()
    (probe / "probe.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody has translated" %}</p>\n'
    )
    untranslated, _fuzzy = untranslated_and_fuzzy(tree)
    assert untranslated == ["A sentence nobody has translated"]
