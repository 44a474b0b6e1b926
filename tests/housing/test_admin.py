"""The coordinator's screens: applications in order with free units, deciding, stays changing
(with the waiting list's next), occupancy, moves, the CSV export and rent due — each saying what it did."""

import datetime as dt

import pytest

from housing.models import Application, Booking, RentCharge
from tests.network.factories import ContactPersonFactory, CoordinatorFactory

from .factories import ApplicationFactory, BookingFactory, UnitFactory, today

pytestmark = pytest.mark.django_db


def _days(n):
    return today() + dt.timedelta(days=n)


@pytest.fixture
def admin_client(client):
    ContactPersonFactory()
    client.force_login(CoordinatorFactory())
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_open_applications_in_order_with_free_units_and_a_decision(
    admin_client, django_assert_max_num_queries
):
    unit = UnitFactory()
    UnitFactory(residence=unit.residence)
    BookingFactory(unit=unit, starts_on=_days(20), ends_on=_days(30))
    application = ApplicationFactory(unit=unit, move_in=_days(10), move_out=_days(70))
    ApplicationFactory.create_batch(3, unit=None, municipality=unit.residence.municipality)
    with django_assert_max_num_queries(14):
        page = admin_client.get("/en/admin/housing/application/")
    assert page.status_code == 200
    free = {a.pk: a.free_units for a in page.context["cl"].result_list}
    assert free[application.pk] == 1  # the unit asked for is taken for part of the period
    with django_assert_max_num_queries(16):
        decide = admin_client.get(f"/en/admin/housing/application/{application.pk}/decide/")
    assert [u.pk for u in decide.context["free_units"]] == [unit.residence.units.exclude(pk=unit.pk).get().pk]
    refused = admin_client.post(
        f"/en/admin/housing/application/{application.pk}/decide/", {"action": "approve"}
    )
    assert refused.status_code == 200 and "already booked or offered" in refused.content.decode()
    other = unit.residence.units.exclude(pk=unit.pk).get()
    done = admin_client.post(
        f"/en/admin/housing/application/{application.pk}/decide/",
        {"action": "offer", "unit": other.pk, "move_in": _days(10), "move_out": _days(70)},
        follow=True,
    )
    assert any("Offered" in m for m in _messages(done))
    application.refresh_from_db()
    assert application.status == Application.Status.OFFERED


def test_bulk_approve_and_decline_say_what_they_did(admin_client):
    unit = UnitFactory()
    first, clash = ApplicationFactory(unit=unit), ApplicationFactory(unit=unit)
    response = admin_client.post(
        "/en/admin/housing/application/",
        {"action": "approve_as_asked", "_selected_action": [first.pk, clash.pk]},
        follow=True,
    )
    messages = _messages(response)
    assert "1 application booked." in messages and any("already booked" in m for m in messages)
    response = admin_client.post(
        "/en/admin/housing/application/", {"action": "decline", "_selected_action": [clash.pk]}, follow=True
    )
    assert "1 application declined." in _messages(response)


def test_ending_a_stay_early_in_admin_names_the_next_on_the_waiting_list(admin_client):
    booking = BookingFactory(starts_on=_days(1), ends_on=_days(200))
    waiting = ApplicationFactory(
        unit=None, municipality=booking.unit.residence.municipality, move_in=_days(100), move_out=_days(150)
    )
    response = admin_client.post(
        f"/en/admin/housing/booking/{booking.pk}/period/", {"ends_on": _days(90)}, follow=True
    )
    messages = _messages(response)
    assert any("now ends" in m for m in messages)
    who = waiting.user.get_full_name() or waiting.user.email
    assert any("Next on the waiting list" in m and who in m for m in messages)
    extended = admin_client.post(
        f"/en/admin/housing/booking/{booking.pk}/period/", {"ends_on": _days(95)}, follow=True
    )
    assert any("extended" in m for m in _messages(extended))


def test_reports_export_and_rent(admin_client, django_assert_max_num_queries):
    bookings = [BookingFactory(starts_on=_days(5 + n), ends_on=_days(50 + n)) for n in range(3)]
    for path in (
        "/en/admin/housing/booking/occupancy/",
        "/nb/admin/housing/booking/moves/",
        "/en/admin/housing/booking/",
        "/en/admin/housing/rentcharge/",
        "/en/admin/housing/residence/",
    ):
        with django_assert_max_num_queries(16):
            assert admin_client.get(path).status_code == 200, path
    bookings[0].tenant.first_name = "=HYPERLINK(1)"
    bookings[0].tenant.save()
    csv = admin_client.post(
        "/en/admin/housing/booking/", {"action": "export_csv", "_selected_action": [b.pk for b in bookings]}
    )
    lines = csv.content.decode().splitlines()
    assert len(lines) == 4 and "'=HYPERLINK(1)" in csv.content.decode()
    from housing import services

    for booking in bookings:
        services.rent_charges_sync(booking=booking)
    charges = list(RentCharge.objects.values_list("pk", flat=True))
    paid = admin_client.post(
        "/en/admin/housing/rentcharge/", {"action": "mark_paid", "_selected_action": charges}, follow=True
    )
    assert any("marked as paid" in m for m in _messages(paid))
    assert not RentCharge.objects.filter(paid_at__isnull=True).exists()
    cancelled = admin_client.post(
        "/en/admin/housing/booking/",
        {"action": "cancel_bookings", "_selected_action": [bookings[1].pk]},
        follow=True,
    )
    assert any("1 booking cancelled" in m for m in _messages(cancelled))
    assert Booking.objects.get(pk=bookings[1].pk).status == Booking.Status.CANCELLED
