"""A real Celery worker on Redis executes what Django sends (run by `make test` when CI=true)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.db import connection

from network.models import OutgoingMail
from network.services import mail_queue
from network.tasks import ping

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, tmp_path_factory):
    """Start `celery worker` against the test database, in the background; stop it at the end."""
    assert settings.REDIS_URL, "the integration tests need REDIS_URL"
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql", "the worker needs the test database on PostgreSQL"
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        # django-environ strips one leading slash from the path: four make an absolute one.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    log = (mail_dir.parent / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "network", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield {"process": process, "mail_dir": Path(mail_dir)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_the_worker_executes_a_task_and_returns_its_result(celery_worker_process):
    # Celery keeps "a task is running here, do not block on results" in a process-wide flag that
    # eager tasks set and reset; eager tasks run concurrently by the live server's threads in the
    # browser tests can leave it set. This test is not inside a task, so joining is allowed.
    with allow_join_result():
        assert ping.delay().get(timeout=60) == "pong"


@pytest.mark.django_db(transaction=True)
def test_a_mail_queued_in_django_is_sent_by_the_worker(celery_worker_process):
    assert connection.vendor == "postgresql"
    mail = mail_queue(
        key="integration:1", to="worker@example.com", language="en", subject="Hello", body_text="Body"
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        mail.refresh_from_db()
        if mail.sent_at:
            break
        time.sleep(0.5)
    assert mail.sent_at is not None, "the worker did not send the mail within 60 s"
    assert mail.attempts == 1
    written = list(celery_worker_process["mail_dir"].iterdir())
    assert len(written) == 1
    assert "worker@example.com" in written[0].read_text()
    assert OutgoingMail.objects.filter(sent_at__isnull=False).count() == 1
