"""What the appointments app holds about a person, for their data export and their erasure.

Joined through the newcomers app's privacy registry in AppointmentsConfig.ready, so the erasure stays
one transaction across every app.
"""

from django.db import transaction

from .models import Booking


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> list[dict]:
    bookings = Booking.objects.filter(person=user).select_related("slot__municipality").order_by("created_at")
    return [
        {
            "starts_at": _iso(booking.slot.starts_at),
            "municipality": booking.slot.municipality.name,
            "mode": booking.slot.mode,
            "topic": booking.topic,
            "note": booking.note,
            "status": booking.status,
            "booked_at": _iso(booking.created_at),
            "cancelled_at": _iso(booking.cancelled_at),
        }
        for booking in bookings
    ]


@transaction.atomic
def person_erase(*, user) -> None:
    """Remove the person's bookings (their topic and note); their times to come are free again."""
    Booking.objects.filter(person=user).delete()
