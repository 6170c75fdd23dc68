"""Project-wide checks: migrations, system checks, settings that must fail fast."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


def test_system_checks_pass():
    call_command("check", stdout=io.StringIO())


def run_python(code, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_python(
        "import config.settings.production",
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="postgres://x@localhost/x",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_local_settings_have_a_development_key_only_with_debug_on():
    with_debug = run_python(
        "import config.settings.local as s; print(s.DEBUG, bool(s.SECRET_KEY))"
    )
    assert with_debug.stdout.split() == ["True", "True"]

    without_debug = run_python("import config.settings.local", DEBUG="0")
    assert without_debug.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in without_debug.stderr


def test_production_settings_load_with_their_environment():
    result = run_python(
        "import config.settings.production as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE)",
        SECRET_KEY="kq7R-2vN_x9pLm4T8cZ!bW3sH6yJ0dF5gA1eU+oI=rVnQ&jK$tXiY*wS%zC^",
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="postgres://u@db.example.org/newsroom",
    )
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "True",
    ], result.stderr
