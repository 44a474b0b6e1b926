"""Fixtures shared by every app's tests."""

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest
from django.core.cache import cache
from django.db import transaction

from network.celery import app as celery_app

# live_server runs in a thread while sync Playwright drives the browser from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
T = TypeVar("T")


def pytest_collection_modifyitems(config, items):
    run_integration = os.environ.get("RUN_INTEGRATION") == "1"
    in_ci = os.environ.get("CI") == "true"
    have_chromium = shutil.which("chromium") or os.path.exists(CHROMIUM)
    for item in items:
        # A test that takes pytest-playwright's `page` (say, a parametrize named so) is parametrized by
        # its session-wide browser, and pytest then runs it among the browser tests, whose database
        # flush would come before the non-transactional tests that follow.
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "browser_name" in params and "browser" not in item.keywords:
            raise pytest.UsageError(f"{item.nodeid} takes Playwright's fixtures without the browser mark")
        if "integration" in item.keywords and not run_integration:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL, Redis and a Celery worker (CI=true)"))
        # In CI a missing chromium must fail the browser tests, so they are only skipped on a laptop.
        if "browser" in item.keywords and not have_chromium and not in_ci:
            item.add_marker(
                pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)")
            )


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_celery(request):
    """Each test starts with an empty cache; tasks run in-process unless a test needs the worker."""
    cache.clear()
    if "integration" in request.keywords:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /en/ in one test must not leave
    English active for the next (Django keeps the last activated language per thread)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads written by a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A visitor's browser in Norway, in British English (the language and time zone pages see)."""
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/Oslo"}


@pytest.fixture
def coordinator(db):
    """The region's coordinator: staff, in the Coordinator group (the admin's only users)."""
    from tests.network.factories import CoordinatorFactory

    return CoordinatorFactory()


@pytest.fixture
def on_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def close_download(response) -> None:
    """Close a streamed download as a server would, but the way Django's test client closes its own
    responses: without letting request_finished close the database connection that the test's
    transaction is still using (on PostgreSQL that breaks every later query of the test)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@contextmanager
def shared_rows(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Rows that `build` creates once and every test of a module sees (for a module-scoped
    fixture that takes seconds to build).

    They are created inside a transaction that stays open while the module's tests run: each
    test's own transaction (pytest-django's) becomes a savepoint inside it, so every test starts
    from the same rows, and they are rolled back at the end. Not for a wider scope, nor for a
    module with `django_db(transaction=True)` tests (browser tests), which need committed rows.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
