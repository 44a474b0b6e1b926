"""No double booking under real concurrency (PostgreSQL): twenty newcomers book the same time at the
same moment — exactly one gets it, the others are told it was taken and nothing else is written."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from appointments import services
from appointments.models import Booking
from network.models import OutgoingMail
from tests.network.factories import UserFactory

from .factories import BookingFactory, SlotFactory

PEOPLE = 20

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (DATABASE_URL=postgres://...)")


def test_twenty_simultaneous_bookings_of_one_time_give_exactly_one():
    slot = SlotFactory()
    people = [UserFactory() for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    booked, refused, errors = [], [], []

    def book(user):
        barrier.wait()
        try:
            booked.append(services.booking_create(user=user, slot_id=slot.pk, topic="tax").pk)
        except services.AppointmentError as error:
            refused.append(str(error.message))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(booked) == 1 and len(refused) == PEOPLE - 1
    assert Booking.objects.filter(slot=slot).count() == 1
    # Only the one booking was confirmed: to its person and to the contact person.
    assert OutgoingMail.objects.filter(key__startswith=f"appointments:booking:{booked[0]}:").count() == 2
    assert OutgoingMail.objects.count() == 2


def test_the_database_refuses_a_second_active_booking_written_past_the_services():
    booking = BookingFactory()
    with pytest.raises(IntegrityError, match="appointment_one_booking_per_slot"), transaction.atomic():
        BookingFactory(slot=booking.slot)
