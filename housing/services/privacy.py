"""What start housing holds about a person, for their data export and their erasure.

Joined through the newcomers app's privacy registry (`newcomers.privacy`) in HousingConfig.ready,
so the erasure stays one transaction across every app.
"""

from django.db import transaction
from django.utils import timezone

from ..models import Application, Booking
from .bookings import rent_charges_sync


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> dict:
    return {
        "applications": [
            {
                "unit": str(a.unit) if a.unit_id else None,
                "municipality": a.municipality.name,
                "move_in": _iso(a.move_in),
                "move_out": _iso(a.move_out),
                "persons": a.persons,
                "message": a.message,
                "status": a.status,
                "applied_by_employer": a.company.name if a.company_id else None,
                "applied_at": _iso(a.created_at),
            }
            for a in Application.objects.filter(user=user).select_related(
                "unit__residence", "municipality", "company"
            )
        ],
        "bookings": [
            {
                "unit": str(b.unit),
                "move_in": _iso(b.starts_on),
                "move_out": _iso(b.ends_on),
                "persons": b.persons,
                "status": b.status,
                "monthly_rent_nok": b.rent_nok,
            }
            for b in Booking.objects.filter(tenant=user).select_related("unit__residence")
        ],
    }


@transaction.atomic
def person_erase(*, user) -> int:
    """Give up offers and stays to come (the units come free), then keep only anonymous rows:
    bookings stay as occupancy counts, applications without who or what they wrote."""
    today = timezone.localdate()
    count = 0
    for booking in Booking.objects.select_for_update().filter(
        tenant=user, status__in=Booking.BLOCKING, starts_on__gt=today
    ):
        booking.status, booking.cancelled_at = Booking.Status.CANCELLED, timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        rent_charges_sync(booking=booking)
        count += 1
    Booking.objects.filter(tenant=user, status=Booking.Status.OFFERED).update(status=Booking.Status.DECLINED)
    count += Booking.objects.filter(tenant=user).update(tenant=None)
    Application.objects.filter(user=user, status__in=Application.LIVE).update(
        status=Application.Status.WITHDRAWN
    )
    count += Application.objects.filter(user=user).update(user=None, message="", decision_note="")
    Application.objects.filter(applied_by=user).update(applied_by=None)
    return count
