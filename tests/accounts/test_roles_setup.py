"""Roles are set up the way Django sets up permissions: after every migrate
(post_migrate), from the registry, on any fresh database; sync_roles by hand."""

import io
import os
import pathlib
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from newsroom.accounts.roles import (
    EDITOR,
    REPORTER,
    ROLE_NAMES,
    SITE_ADMINISTRATOR,
    role_permissions,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]


def granted(role):
    return sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    )


@pytest.mark.django_db
def test_every_role_has_exactly_its_permissions_after_migrate():
    for role, names in role_permissions().items():
        assert granted(role) == names


@pytest.mark.django_db
def test_sync_roles_puts_back_what_was_changed_by_hand():
    reporter = Group.objects.get(name=REPORTER)
    reporter.permissions.add(Permission.objects.get(codename="publish_newsitem"))
    Group.objects.filter(name=SITE_ADMINISTRATOR).delete()
    out = io.StringIO()
    call_command("sync_roles", stdout=out)
    assert "publish_newsitem" not in " ".join(granted(REPORTER))
    assert set(ROLE_NAMES) <= set(Group.objects.values_list("name", flat=True))
    assert "Roles are in sync." in out.getvalue()


@pytest.mark.django_db
def test_editors_get_the_record_and_site_administrators_the_accounts():
    assert "publishing.view_workflowevent" in granted(EDITOR)
    assert "publishing.view_workflowevent" not in granted(REPORTER)
    assert "auth.change_user" in granted(SITE_ADMINISTRATOR)
    assert "auth.change_user" not in granted(EDITOR)
    assert "auth.delete_user" not in granted(SITE_ADMINISTRATOR)


def test_no_migration_imports_the_roles():
    """A data migration that imports live code breaks `migrate` on a fresh
    database as soon as the code names a model migrated later."""
    for path in (ROOT / "newsroom").glob("*/migrations/*.py"):
        assert "accounts.roles" not in path.read_text(), path


def test_a_fresh_database_migrates_and_gets_every_role(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from django.contrib.auth.models import Group;"
        "print(sorted((g.name, g.permissions.filter("
        "content_type__app_label='statements').count()) for g in Group.objects.all()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(
        sorted([(EDITOR, 5), (REPORTER, 4), (SITE_ADMINISTRATOR, 5)])
    )
