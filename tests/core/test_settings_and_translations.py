import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "kopa" / "locale"


def _start(env):
    code = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'kopa.settings'); django.setup()"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KOPA_", "DJANGO_"))}
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_the_default_secret_key():
    result = _start({"KOPA_ENV": "production"})
    assert result.returncode != 0 and "KOPA_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _start({"KOPA_ENV": "production", "KOPA_SECRET_KEY": "x" * 50, "KOPA_DEBUG": "1"})
    assert result.returncode != 0 and "KOPA_DEBUG" in result.stderr


def test_production_starts_with_a_real_key():
    assert _start({"KOPA_ENV": "production", "KOPA_SECRET_KEY": "k" * 50}).returncode == 0


@pytest.mark.parametrize("language", ["lv", "lt", "en"])
def test_every_interface_string_is_translated(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        catalog = read_po(handle, locale=language)
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not (all(m.string) if m.pluralizable else m.string))]
    assert missing == []
