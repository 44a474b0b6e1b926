"""Adding a language takes the steps the README gives (settings, migrations, messages), and no other.

Run in a subprocess with tests/network/third_language_settings.py, which adds Polish.
"""

import os
import subprocess
import sys

from django.conf import settings

from network.settings import BASE_DIR


def _manage(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.network.third_language_settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_third_language_needs_migrations_for_every_translated_field():
    """Without `makemigrations` a new language crashes with "no such column …_pl": the README says so."""
    result = _manage(
        "makemigrations", "--dry-run", "--check", "-v", "3", "events", "network", "newcomers", "companies"
    )
    assert result.returncode != 0, "adding a language should need migrations"
    for column in ("title_pl", "body_pl", "explanation_pl", "name_pl"):
        assert f"'{column}'" in result.stdout or f"{column}" in result.stdout, column


def test_the_readme_gives_the_steps_to_add_a_language():
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    for step in ("LANGUAGES", "makemigrations", "migrate", "makemessages -l", "compilemessages"):
        assert step in readme.split("## Translations")[1].split("\n## ")[0], step
