"""Production settings refuse to start with a weak SECRET_KEY (check --deploy
only warns about it): short, few different characters, or Django's
"django-insecure-" development key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG = "kq7R-2vN_x9pLm4T8cZ!bW3sH6yJ0dF5gA1eU+oI=rVnQ&jK$tXiY*wS%zC^"


def load_production(secret_key):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env |= {
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://u@db.example.org/newsroom",
    }
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "key",
    [
        "x" * 50,  # one character repeated
        "abcde" * 12,  # five different characters
        "short-but-varied-Key-1234",  # under 50 characters
        "django-insecure-" + STRONG,  # Django's development key
    ],
    ids=["repeated", "few-characters", "short", "django-insecure"],
)
def test_a_weak_secret_key_refuses_to_start(key):
    result = load_production(key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert key not in result.stderr  # the key itself is never printed


def test_a_strong_secret_key_starts():
    result = load_production(STRONG)
    assert result.returncode == 0, result.stderr


def test_a_hexadecimal_key_of_256_bits_starts():
    """`openssl rand -hex 32`: 16 different characters, 64 of them."""
    hex_key = "dfdfeb33bbc2203c89218bf2fc84bb23168be0ec0fd0bff7ac16c2e3bce64b1c"
    result = load_production(hex_key)
    assert result.returncode == 0, result.stderr
