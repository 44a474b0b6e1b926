"""Settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE).

The tests run against the laptop profile of network.settings (plain http, no SSL redirect,
static files from the finders, a development SECRET_KEY), whatever DEBUG the shell has, so
`pytest` and `make test` behave alike. DATABASE_URL and REDIS_URL still choose the servers
(CI's PostgreSQL run). The production profile is tested by loading network.settings in a
subprocess (tests/network/test_settings.py, tests/quality/test_security.py).
"""

import os

_shell_debug = os.environ.get("DEBUG")
os.environ["DEBUG"] = "true"
try:
    from network.settings import *  # noqa: F403
finally:
    # Subprocesses started by tests (manage.py, a Celery worker) get the shell's environment.
    if _shell_debug is None:
        del os.environ["DEBUG"]
    else:
        os.environ["DEBUG"] = _shell_debug

# PBKDF2 at its production cost takes most of a second per user the factories create.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
