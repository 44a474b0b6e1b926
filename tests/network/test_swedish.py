"""Swedish as a content language, for Blekinge: PORTAL_LANGUAGES=nb,en,sv, then the steps of the README.

The pages are checked in a subprocess (tests/network/swedish_portal.py) whose settings have Swedish, as
a language changes the models (their `_sv` columns) and the URLs (`/sv/`) at start-up.
"""

import os
import subprocess
import sys

import pytest

from network.settings import BASE_DIR

SWEDISH = {"PORTAL_LANGUAGES": "nb,en,sv"}
# The subprocess runs on its own SQLite database, also when this suite runs on PostgreSQL: its test
# database would otherwise have the same name as this one's, and creating it would drop ours.
OWN_SERVICES = ("DATABASE_URL", "REDIS_URL")


def _run(*args, env=None) -> subprocess.CompletedProcess:
    inherited = {name: value for name, value in os.environ.items() if name not in OWN_SERVICES}
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env={**inherited, **(env or SWEDISH)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_blekinge_is_served_in_swedish_under_sv():
    result = _run(
        "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nomigrations",
        "tests/network/swedish_portal.py",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]


def test_swedish_needs_migrations_for_its_columns():
    """The README's step: without `makemigrations` the `_sv` columns do not exist."""
    result = _run("manage.py", "makemigrations", "--dry-run", "--check", "-v", "3", "events", "network")
    assert result.returncode != 0
    for column in ("title_sv", "tagline_sv", "description_sv", "public_transport_sv"):
        assert column in result.stdout, column


@pytest.mark.parametrize(
    ("value", "message"),
    [("en,nb", "starts with nb,en"), ("nb,en,xx", "Django knows no language xx"), ("nb,en,sv,sv", "once")],
)
def test_a_wrong_language_list_stops_the_start_with_a_clear_message(value, message):
    result = _run("manage.py", "check", env={"PORTAL_LANGUAGES": value})
    assert result.returncode != 0 and message in result.stderr
