"""No double booking under real concurrency (PostgreSQL): 20 coordinators' approvals of overlapping
stays in one unit at the same moment — exactly one is booked, the others are refused and write nothing."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from housing import services
from housing.models import Application, Booking, RentCharge
from network.models import OutgoingMail
from tests.network.factories import CoordinatorFactory

from .factories import ApplicationFactory, BookingFactory, UnitFactory, today

APPROVALS = 20

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and the exclusion constraint (DATABASE_URL=postgres://...)")


def test_twenty_simultaneous_approvals_book_exactly_one():
    coordinator = CoordinatorFactory()
    unit = UnitFactory(beds=2)
    start = today() + dt.timedelta(days=10)
    applications = [
        ApplicationFactory(
            unit=unit, move_in=start + dt.timedelta(days=n), move_out=start + dt.timedelta(days=60 + n)
        )
        for n in range(APPROVALS)
    ]
    mails_before = OutgoingMail.objects.count()
    barrier = threading.Barrier(APPROVALS)
    booked, refused, errors = [], [], []

    def approve(application_id):
        barrier.wait()
        try:
            booked.append(services.application_approve(application_id=application_id, by=coordinator).pk)
        except services.HousingError as error:
            refused.append(error.message)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a.pk,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(booked) == 1 and len(refused) == APPROVALS - 1
    assert Booking.objects.count() == 1
    assert Application.objects.filter(status=Application.Status.BOOKED).count() == 1
    assert Application.objects.filter(status=Application.Status.OPEN).count() == APPROVALS - 1
    assert set(RentCharge.objects.values_list("booking_id", flat=True)) == set(booked)
    assert OutgoingMail.objects.count() == mails_before + 1


def test_the_database_refuses_an_overlap_written_past_the_services():
    booking = BookingFactory()
    with pytest.raises(IntegrityError, match="housing_booking_no_overlap"), transaction.atomic():
        BookingFactory(
            unit=booking.unit,
            starts_on=booking.starts_on + dt.timedelta(days=5),
            ends_on=booking.ends_on + dt.timedelta(days=5),
        )
    # Back to back is fine, and so is an overlap with a cancelled booking.
    BookingFactory(
        unit=booking.unit, starts_on=booking.ends_on, ends_on=booking.ends_on + dt.timedelta(days=30)
    )
    BookingFactory(unit=booking.unit, status=Booking.Status.CANCELLED)
