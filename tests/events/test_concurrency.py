import threading
import time

import pytest
from django.db import connection, transaction

from events import services
from events.models import Event, SignUp
from network.models import User

from .factories import EventFactory

SIGNUPS = 200
SEATS = 30
# PostgreSQL allows 100 connections by default and other test runs share the server: all 200
# threads start together, but at most this many hold a connection at a time.
MAX_CONNECTIONS = 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_signups_never_overbook_and_number_the_waiting_list():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL row locks (run with DATABASE_URL=postgres://...); SQLite locks the whole file"
        )
    event = EventFactory(capacity=SEATS)
    users = User.objects.bulk_create(
        [User(email=f"racer{n}@example.com", kind=User.Kind.NEWCOMER, language="en") for n in range(SIGNUPS)]
    )
    start = threading.Barrier(SIGNUPS)
    slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
    errors = []

    def sign_up(user):
        start.wait()
        with slots:
            try:
                services.signup_create(event=Event.objects.get(pk=event.pk), user=user)
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)
            finally:
                connection.close()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    confirmed = SignUp.objects.filter(event=event, status=SignUp.Status.CONFIRMED).count()
    positions = sorted(
        SignUp.objects.filter(event=event, status=SignUp.Status.WAITING).values_list(
            "waitlist_position", flat=True
        )
    )
    assert confirmed == SEATS
    assert positions == list(range(1, SIGNUPS - SEATS + 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_admin_capacity_change_waits_for_the_lock_and_keeps_what_happened_meanwhile(client):
    """The coordinator saves a larger capacity while another transaction holds the event and
    cancels it: the admin's save waits for the lock and then changes only the capacity."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (run with DATABASE_URL=postgres://...)")
    from django.test import Client
    from django.urls import reverse

    from tests.network.factories import CoordinatorFactory, UserFactory

    from .test_admin import change_data

    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    waiting = services.signup_create(event=event, user=UserFactory())
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    data = change_data(client, event, capacity=2)
    holding, release = threading.Event(), threading.Event()
    responses, errors = [], []

    def cancel_and_hold():
        try:
            with transaction.atomic():
                services.event_cancel(event=Event.objects.get(pk=event.pk), reason="Storm")
                holding.set()
                release.wait(timeout=30)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            holding.set()
            connection.close()

    def save_in_admin():
        admin = Client()
        admin.force_login(coordinator)
        try:
            responses.append(admin.post(reverse("admin:events_event_change", args=[event.pk]), data))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    holder = threading.Thread(target=cancel_and_hold)
    holder.start()
    holding.wait(timeout=30)
    saver = threading.Thread(target=save_in_admin)
    saver.start()
    try:
        assert _someone_waits_for_a_lock(), "the admin's save never waited for the event's row lock"
    finally:
        release.set()
        holder.join()
        saver.join()

    assert errors == []
    assert responses[0].status_code == 302
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert (event.status, event.capacity) == (Event.Status.CANCELLED, 2)
    assert waiting.status == SignUp.Status.WAITING


def _someone_waits_for_a_lock(timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False
