import threading

import pytest
from django.db import connection

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
