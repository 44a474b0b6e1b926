"""Bookings: holding a unit's nights, answering an offer, extending, ending early, cancelling,
rent due per month, and the reminder before moving out.

No unit is ever double-booked. Every change that takes nights locks the unit's row first
(`select_for_update`), then looks for a booking or offer on any of those nights, so two
approvals for one unit run one after the other and the second is refused with a clear message.
On PostgreSQL the exclusion constraint of migration 0002 holds it as well, for any writer; its
refusal (an IntegrityError) is turned into the same message.
"""

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User

from ..models import Application, Booking, HousingSettings, RentCharge, Unit, add_months
from ._common import NOT_COORDINATOR, HousingError, _date, mail_to, mail_to_coordinator, site_url

NOT_YOURS = _("This booking is not yours.")


def _taken_message(unit: Unit, clash: Booking) -> str:
    return _(
        "%(unit)s is already booked or offered from %(start)s to %(end)s, which overlaps this period. "
        "Choose another unit or other dates."
    ) % {"unit": unit.title, "start": _date(clash.starts_on), "end": _date(clash.ends_on)}


def _lock_unit(unit_id: int) -> Unit:
    unit = Unit.objects.select_for_update().filter(pk=unit_id).first()
    if unit is None:
        raise HousingError(_("This unit does not exist."))
    return Unit.objects.select_related("residence__municipality").get(pk=unit.pk)


def _check_free(*, unit: Unit, start: dt.date, end: dt.date, exclude_id: int | None = None) -> None:
    """Refuse unless the unit (whose row the caller holds locked) is free on every night."""
    clash = Booking.objects.blocking().overlapping(start, end).filter(unit=unit)
    if exclude_id:
        clash = clash.exclude(pk=exclude_id)
    clash = clash.order_by("starts_on").first()
    if clash is not None:
        raise HousingError(_taken_message(unit, clash))


def _save(booking: Booking, *, unit: Unit, update_fields=None) -> None:
    """Save under a savepoint: PostgreSQL's exclusion constraint answers like the service's check."""
    booking.full_clean()
    try:
        with transaction.atomic():
            booking.save(update_fields=update_fields)
    except IntegrityError as error:
        if "housing_booking_no_overlap" in str(error):
            raise HousingError(
                _("%(unit)s is already booked for part of this period.") % {"unit": unit.title}
            ) from None
        raise


def booking_hold(
    *,
    unit_id: int,
    start: dt.date,
    end: dt.date,
    persons: int,
    tenant: User | None,
    application: Application | None,
    offer: bool,
) -> Booking:
    """Hold a unit's nights (a confirmed booking, or an offer that expires). Call inside a transaction."""
    unit = _lock_unit(unit_id)
    if not unit.active or not unit.residence.published:
        raise HousingError(_("%(unit)s is not let out at the moment.") % {"unit": unit.title})
    if persons > unit.beds:
        raise HousingError(
            _("%(unit)s has %(beds)d bed(s): too few for %(persons)d persons.")
            % {"unit": unit.title, "beds": unit.beds, "persons": persons}
        )
    if start < unit.available_from:
        raise HousingError(
            _("%(unit)s is available from %(date)s.")
            % {"unit": unit.title, "date": _date(unit.available_from)}
        )
    _check_free(unit=unit, start=start, end=end)
    now = timezone.now()
    booking = Booking(
        unit=unit,
        application=application,
        tenant=tenant,
        starts_on=start,
        ends_on=end,
        persons=persons,
        rent_nok=unit.rent_nok,
        status=Booking.Status.OFFERED if offer else Booking.Status.CONFIRMED,
        offer_expires_at=now + dt.timedelta(days=HousingSettings.current().offer_days) if offer else None,
        confirmed_at=None if offer else now,
    )
    _save(booking, unit=unit)
    if not offer:
        rent_charges_sync(booking=booking)
    return booking


# --- rent due ------------------------------------------------------------------------------------


def _months(start: dt.date, end: dt.date):
    """(first day of month, nights of the stay in it) for each month the stay has nights in."""
    month = start.replace(day=1)
    while month < end:
        following = add_months(month, 1)
        nights = (min(end, following) - max(start, month)).days
        if nights > 0:
            yield month, nights
        month = following


def rent_for(*, rent_nok: int, month: dt.date, nights: int) -> int:
    """A month's rent, for the nights stayed in it (a whole month costs the monthly rent)."""
    days = calendar.monthrange(month.year, month.month)[1]
    return round(rent_nok * nights / days)


def rent_charges_sync(*, booking: Booking) -> None:
    """Keep the unpaid rent of a booking in step with its period; what is paid stays as it was."""
    wanted = (
        dict(_months(booking.starts_on, booking.ends_on))
        if booking.status == Booking.Status.CONFIRMED
        else {}
    )
    existing = {charge.month: charge for charge in RentCharge.objects.filter(booking=booking)}
    for month, charge in existing.items():
        if charge.paid_at is None and month not in wanted:
            charge.delete()
    for month, nights in wanted.items():
        amount = rent_for(rent_nok=booking.rent_nok, month=month, nights=nights)
        charge = existing.get(month)
        if charge is None:
            charge = RentCharge(booking=booking, month=month, nights=nights, amount_nok=amount)
            charge.full_clean()
            charge.save()
        elif charge.paid_at is None and (charge.nights, charge.amount_nok) != (nights, amount):
            charge.nights, charge.amount_nok = nights, amount
            charge.save(update_fields=["nights", "amount_nok"])


@transaction.atomic
def rent_mark_paid(*, charge_ids, paid: bool, by: User) -> int:
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    charges = RentCharge.objects.select_for_update().filter(pk__in=list(charge_ids))
    if paid:
        return charges.filter(paid_at__isnull=True).update(paid_at=timezone.now())
    return charges.filter(paid_at__isnull=False).update(paid_at=None)


# --- the waiting list ----------------------------------------------------------------------------


def waiting_next(*, municipality_id: int, start: dt.date, end: dt.date) -> Application | None:
    """The first application waiting in the municipality whose period overlaps nights that came free."""
    if start >= end:
        return None
    return (
        Application.objects.waiting()
        .filter(municipality_id=municipality_id, move_in__lt=end, move_out__gt=start)
        .select_related("user", "unit__residence", "municipality")
        .first()
    )


# --- the applicant's answer, and offers that expire --------------------------------------------


def _lock_booking(booking_id: int) -> Booking:
    booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None:
        raise HousingError(_("This booking no longer exists."))
    return Booking.objects.select_related("unit__residence__municipality", "tenant", "application").get(
        pk=booking.pk
    )


def _context(booking: Booking, **extra) -> dict:
    language = booking.tenant.language if booking.tenant else None
    return {
        "booking": booking,
        "unit": booking.unit,
        "residence": booking.unit.residence,
        "url": site_url("housing:mine", language=language),
        **extra,
    }


def _reopen(application: Application | None) -> None:
    if application is not None and application.status == Application.Status.OFFERED:
        application.status = Application.Status.OPEN
        application.save(update_fields=["status"])


@transaction.atomic
def offer_answer(*, booking_id: int, user: User, accept: bool) -> Booking:
    """The applicant accepts an offer (the nights are theirs) or declines it (they keep waiting)."""
    booking = _lock_booking(booking_id)
    require(booking.tenant_id == user.pk, NOT_YOURS)
    if booking.status != Booking.Status.OFFERED:
        raise HousingError(_("This offer has already been answered or has expired."))
    if booking.offer_expires_at <= timezone.now():
        raise HousingError(_("This offer has expired. The coordinator can make you a new one."))
    application = (
        Application.objects.select_for_update().filter(pk=booking.application_id).first()
        if booking.application_id
        else None
    )
    if accept:
        booking.status, booking.confirmed_at = Booking.Status.CONFIRMED, timezone.now()
        booking.save(update_fields=["status", "confirmed_at"])
        rent_charges_sync(booking=booking)
        if application is not None:
            application.status = Application.Status.BOOKED
            application.save(update_fields=["status"])
    else:
        booking.status = Booking.Status.DECLINED
        booking.save(update_fields=["status"])
        _reopen(application)
    mail_to_coordinator(
        key=f"housing:offer-answered:{booking.pk}",
        template="offer_answered",
        context={
            **_context(booking),
            "accepted": accept,
            "admin_url": site_url("admin:housing_booking_change", language="nb", args=[booking.pk]),
        },
    )
    return booking


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Offers not answered in time free their unit; the applicant keeps waiting and is told."""
    now = now or timezone.now()
    count = 0
    for booking_id in Booking.objects.filter(
        status=Booking.Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            booking = _lock_booking(booking_id)
            if booking.status != Booking.Status.OFFERED or booking.offer_expires_at > now:
                continue
            booking.status = Booking.Status.EXPIRED
            booking.save(update_fields=["status"])
            if booking.application_id:
                _reopen(Application.objects.select_for_update().get(pk=booking.application_id))
            mail_to(
                key=f"housing:offer-expired:{booking.pk}",
                user=booking.tenant,
                template="offer_expired",
                context=_context(booking),
            )
            count += 1
    return count


# --- changing a stay -----------------------------------------------------------------------------


def _require_tenant_or_coordinator(booking: Booking, by: User) -> bool:
    """Whether `by` acts as the coordinator; refuses anyone but the tenant and the coordinator."""
    as_coordinator = roles_of(by).coordinator
    require(as_coordinator or booking.tenant_id == by.pk, NOT_YOURS)
    return as_coordinator


@transaction.atomic
def booking_extend(*, booking_id: int, ends_on: dt.date, by: User) -> Booking:
    """Stay longer, if the unit is free for the extra nights and the stay stays within the maximum."""
    booking = _lock_booking(booking_id)
    _require_tenant_or_coordinator(booking, by)
    if booking.status != Booking.Status.CONFIRMED:
        raise HousingError(_("Only a booked stay can be extended."))
    if ends_on <= booking.ends_on:
        raise HousingError(
            _("To extend, choose a move-out date after %(date)s.") % {"date": _date(booking.ends_on)}
        )
    rules = HousingSettings.current()
    if ends_on > add_months(booking.starts_on, rules.max_stay_months):
        raise HousingError(_("The longest stay is %(months)d months.") % {"months": rules.max_stay_months})
    unit = _lock_unit(booking.unit_id)
    _check_free(unit=unit, start=booking.ends_on, end=ends_on, exclude_id=booking.pk)
    old_end = booking.ends_on
    booking.ends_on, booking.reminded_at = ends_on, None
    _save(booking, unit=unit, update_fields=["ends_on", "reminded_at"])
    rent_charges_sync(booking=booking)
    mail_to(
        key=f"housing:extended:{booking.pk}:{ends_on.isoformat()}",
        user=booking.tenant,
        template="changed",
        context=_context(booking, change="extended", old_end=old_end),
    )
    return booking


@transaction.atomic
def booking_end_early(*, booking_id: int, ends_on: dt.date, by: User) -> tuple[Booking, Application | None]:
    """Move out earlier. Returns the booking and who is next on the waiting list for the freed nights."""
    booking = _lock_booking(booking_id)
    _require_tenant_or_coordinator(booking, by)
    if booking.status != Booking.Status.CONFIRMED:
        raise HousingError(_("Only a booked stay can be ended early."))
    today = timezone.localdate()
    if not booking.starts_on < ends_on < booking.ends_on:
        raise HousingError(
            _("Choose a move-out date after %(start)s and before %(end)s.")
            % {"start": _date(booking.starts_on), "end": _date(booking.ends_on)}
        )
    if ends_on < today:
        raise HousingError(_("The new move-out date cannot be in the past."))
    freed = (ends_on, booking.ends_on)
    booking.ends_on, booking.ended_early_at = ends_on, timezone.now()
    _save(booking, unit=booking.unit, update_fields=["ends_on", "ended_early_at"])
    rent_charges_sync(booking=booking)
    mail_to(
        key=f"housing:ended:{booking.pk}:{ends_on.isoformat()}",
        user=booking.tenant,
        template="changed",
        context=_context(booking, change="ended"),
    )
    return booking, waiting_next(
        municipality_id=booking.unit.residence.municipality_id, start=freed[0], end=freed[1]
    )


@transaction.atomic
def booking_cancel(*, booking_id: int, by: User) -> tuple[Booking, Application | None]:
    """Cancel a stay (or an offer) that has not begun. Returns it and who is next on the waiting list."""
    booking = _lock_booking(booking_id)
    as_coordinator = _require_tenant_or_coordinator(booking, by)
    if booking.status not in Booking.BLOCKING:
        raise HousingError(_("This booking is already cancelled."))
    if booking.starts_on <= timezone.localdate():
        raise HousingError(_("This stay has begun: it can be ended early, not cancelled."))
    booking.status, booking.cancelled_at = Booking.Status.CANCELLED, timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    rent_charges_sync(booking=booking)
    if booking.application_id:
        application = Application.objects.select_for_update().get(pk=booking.application_id)
        if application.status in (Application.Status.BOOKED, Application.Status.OFFERED):
            application.status = Application.Status.WITHDRAWN
            application.save(update_fields=["status"])
    if as_coordinator:
        mail_to(
            key=f"housing:cancelled:{booking.pk}",
            user=booking.tenant,
            template="changed",
            context=_context(booking, change="cancelled"),
        )
    else:
        mail_to_coordinator(
            key=f"housing:cancelled:{booking.pk}",
            template="cancelled_coordinator",
            context={
                **_context(booking),
                "admin_url": site_url("admin:housing_booking_change", language="nb", args=[booking.pk]),
            },
        )
    return booking, waiting_next(
        municipality_id=booking.unit.residence.municipality_id, start=booking.starts_on, end=booking.ends_on
    )


# --- before moving out ---------------------------------------------------------------------------


def move_out_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell tenants (and the coordinator) about a month before they move out, once per move-out
    date, with the practical page on finding a home for the longer term."""
    today = today or timezone.localdate()
    rules = HousingSettings.current()
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminded_at__isnull=True,
        ends_on__gt=today,
        ends_on__lte=today + dt.timedelta(days=rules.reminder_days),
    ).values_list("pk", flat=True)
    count = 0
    for booking_id in due:
        with transaction.atomic():
            booking = _lock_booking(booking_id)
            if booking.reminded_at is not None or booking.status != Booking.Status.CONFIRMED:
                continue
            key = f"housing:move-out:{booking.pk}:{booking.ends_on.isoformat()}"
            language = booking.tenant.language if booking.tenant else "nb"
            context = {
                **_context(booking),
                "info_url": site_url("info:page", language=language, args=["housing"]),
                "days": (booking.ends_on - today).days,
            }
            mail_to(key=key, user=booking.tenant, template="move_out_reminder", context=context)
            mail_to_coordinator(
                key=f"{key}:coordinator",
                template="move_out_coordinator",
                context={
                    **context,
                    "info_url": site_url("info:page", language="nb", args=["housing"]),
                    "admin_url": site_url("admin:housing_booking_change", language="nb", args=[booking.pk]),
                },
            )
            booking.reminded_at = timezone.now()
            booking.save(update_fields=["reminded_at"])
            count += 1
    return count
