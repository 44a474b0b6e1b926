"""Settings come from the environment with embedded defaults; production refuses to start unsafe."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], 'sessions': s.SESSION_ENGINE, 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND, 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS}))"
)


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean["DJANGO_SETTINGS_MODULE"] = "network.settings"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_need_no_server():
    result = _settings_with({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("var/db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["sessions"] == "django.contrib.sessions.backends.db"
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_without_redis_or_debug_the_processes_share_one_cache(tmp_path):
    """gunicorn's workers are separate processes: what one caches (a calendar version bumped by a
    sign-up, a rate-limit count) the next must see, or it serves a page from before the sign-up."""
    env = {"DEBUG": "false", "SECRET_KEY": "k3j4h5g6f7d8s9a0-Q" * 4, "CACHE_DIR": str(tmp_path / "cache")}
    clean = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }

    def run(code: str) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import django; django.setup(); from django.core.cache import cache; {code}",
            ],
            env={**clean, **env, "DJANGO_SETTINGS_MODULE": "network.settings"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    run(
        "from events.services import calendar_cache_bump; calendar_cache_bump(); cache.set('probe', 'one worker')"
    )
    assert run("print(cache.get('probe'))") == "one worker"
    version = "from events.selectors import calendar_cache_version; print(calendar_cache_version())"
    first = run(version)
    assert run(version) == first
    run("from events.services import calendar_cache_bump; calendar_cache_bump()")
    assert run(version) != first


def test_environment_variables_switch_to_postgres_redis_and_smtp():
    result = _settings_with(
        {
            "DEBUG": "false",
            "SECRET_KEY": "k3j4h5g6f7d8s9a0-Q" * 4,
            "ALLOWED_HOSTS": "portal.example,www.portal.example",
            "DATABASE_URL": "postgres://u:p@db:5432/portal",
            "REDIS_URL": "redis://redis:6379/0",
            "EMAIL_URL": "smtp://user:pw@mail.example:587",
        }
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["name"] == "portal"
    assert values["cache"].endswith("RedisCache")
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"  # read from Redis
    assert values["eager"] is False
    assert values["broker"] == "redis://redis:6379/0"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["debug"] is False
    assert values["hosts"] == ["portal.example", "www.portal.example"]


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-a-long-random-string-before-any-real-use-0123456789",
        "short-but-random-Zq9",
        "x" * 60,
        "django-insecure-" + "k3j4h5g6f7d8s9a0" * 3,
    ],
)
def test_a_placeholder_or_weak_secret_key_without_debug_is_refused(key):
    result = _settings_with({"DEBUG": "false", "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is a placeholder or too short" in result.stderr


def test_the_compose_file_requires_a_secret_key_and_loads_demo_data_only_when_asked():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["DEMO_DATA"] == "${DEMO_DATA:-false}"
    assert environment["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-0}"
    command = compose["services"]["web"]["command"]
    assert "= true ]; then python manage.py seed_demo; fi" in command


def test_missing_secret_key_without_debug_is_a_clear_error():
    result = _settings_with({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def _settings_env_names() -> set[str]:
    """The variables the settings read, and those the management commands read themselves."""
    source = (ROOT / "network" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    for command in (ROOT / "network" / "management" / "commands").glob("*.py"):
        names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', command.read_text()))
    return names


def test_compose_file_uses_only_the_variables_the_settings_read():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    read = _settings_env_names()
    assert {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= read
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        unknown = set(environment) - read
        assert not unknown, f"{name} sets variables the settings never read: {unknown}"
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"} <= set(environment)
    assert "gunicorn" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_every_scheduled_task_exists():
    from network.celery import app

    app.loader.import_default_modules()
    missing = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in app.tasks
    ]
    assert not missing, f"CELERY_BEAT_SCHEDULE names tasks that do not exist: {missing}"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_the_site_domain_follows_the_setting_after_migrate(settings):
    """Without demo data nothing set the Site, and every link in a production mail said example.com."""
    from django.contrib.sites.models import Site
    from django.core.management import call_command

    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com")
    settings.SITE_DOMAIN = "portal.example.no"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(pk=settings.SITE_ID).domain == "portal.example.no"
