"""Reads for the meeting pages, the newcomer's page and the reminders: a constant number of queries
however many times and bookings there are."""

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from .models import Booking, Slot

HISTORY = 10


def _int(value) -> int | None:
    """An id from a URL or a form, or None for anything that cannot be one (forged, too large)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def slots_free(*, now: dt.datetime | None = None, municipality=None, mode: str | None = None):
    """The times still to come that nobody has booked, soonest first."""
    slots = Slot.objects.offered(now or timezone.now()).free().select_related("municipality", "host")
    if municipality is not None:
        slots = slots.filter(municipality=municipality)
    if mode:
        slots = slots.filter(mode=mode)
    return slots.order_by("starts_at", "pk")


def slot_get_free(*, pk, now: dt.datetime | None = None) -> Slot | None:
    """A time that can be booked now; None for an unknown, hidden, past or booked one."""
    pk = _int(pk)
    if pk is None:
        return None
    return slots_free(now=now).filter(pk=pk).first()


def slot_get_offered(*, pk) -> Slot | None:
    """A published time, booked or past or not (the booking page says why it cannot be booked)."""
    pk = _int(pk)
    if pk is None:
        return None
    return Slot.objects.filter(pk=pk, published=True).select_related("municipality", "host").first()


def _mine(user):
    return Booking.objects.filter(person=user).select_related("slot__municipality", "slot__host")


def bookings_for_person(*, user, now: dt.datetime | None = None) -> dict:
    """The person's meetings to come (active), and the latest past or cancelled ones."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        return {"upcoming": [], "history": []}
    upcoming = list(_mine(user).active().filter(slot__starts_at__gt=now).order_by("slot__starts_at"))
    history = list(
        _mine(user).exclude(pk__in=[b.pk for b in upcoming]).order_by("-slot__starts_at", "-pk")[:HISTORY]
    )
    return {"upcoming": upcoming, "history": history}


def booking_get_for_person(*, user, pk) -> Booking | None:
    """The person's own booking; someone else's (or a forged id) is None, answered with a 404."""
    pk = _int(pk)
    if pk is None or not getattr(user, "is_authenticated", False):
        return None
    return _mine(user).filter(pk=pk).first()


def appointments_for_dashboard(*, user) -> dict:
    """The newcomer's page: their meetings to come (one query)."""
    upcoming = _mine(user).active().filter(slot__starts_at__gt=timezone.now()).order_by("slot__starts_at")
    return {"upcoming": list(upcoming)}


def bookings_on_day(*, day: dt.date):
    """The coordinator's day: the active meetings of `day`, with who booked them."""
    return (
        Booking.objects.active()
        .filter(slot__in=Slot.objects.on_day(day))
        .select_related("slot__municipality", "slot__host", "person")
        .order_by("slot__starts_at")
    )


def slots_with_booking(queryset):
    """Slots with their active booking prefetched (the admin's list)."""
    return queryset.prefetch_related(
        Prefetch("bookings", queryset=Booking.objects.active().select_related("person"), to_attr="active")
    )
