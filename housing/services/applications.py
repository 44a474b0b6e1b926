"""Applications: a household (or HR for a hire) applies; the coordinator approves, offers or declines.

Lifecycle: open → (approved) booked; open → (offered) offered → accepted: booked, or declined /
expired: open again; open → declined by the coordinator; open or offered → withdrawn by the
applicant. Every decision locks the application first and then the unit (see bookings.py).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Hire
from network.access import require, roles_of
from network.models import Municipality, User

from ..models import Application, Booking, HousingSettings, Unit
from ._common import (
    NOT_COORDINATOR,
    HousingError,
    household_profile,
    mail_to,
    mail_to_coordinator,
    period_refusal,
    site_url,
)
from .bookings import booking_hold

NO_PROFILE = _(
    "Start housing is for newcomers and their households. Complete your newcomer profile first, then apply."
)
ALREADY_WAITING = _(
    "You already have an application for start housing that is waiting. Withdraw it before you apply again."
)


def _target(*, unit_id: int | None, municipality_id: int | None) -> tuple[Unit | None, Municipality, int]:
    """The unit or municipality applied for, and the most beds on offer there."""
    if unit_id:
        unit = Unit.objects.active().select_related("residence__municipality").filter(pk=unit_id).first()
        if unit is None:
            raise HousingError(_("This unit does not take applications. Choose another."))
        return unit, unit.residence.municipality, unit.beds
    beds = (
        Unit.objects.active()
        .filter(residence__municipality_id=municipality_id)
        .aggregate(most=Max("beds"))["most"]
    )
    municipality = Municipality.objects.filter(pk=municipality_id).first() if municipality_id else None
    if municipality is None or not beds:
        raise HousingError(_("There is no start housing in this municipality. Choose another."))
    return None, municipality, beds


def _create(
    *,
    user: User,
    by: User,
    company,
    unit_id: int | None,
    municipality_id: int | None,
    move_in: dt.date,
    move_out: dt.date,
    persons: int,
    message: str,
) -> Application:
    if household_profile(user) is None:
        raise HousingError(NO_PROFILE)
    unit, municipality, beds = _target(unit_id=unit_id, municipality_id=municipality_id)
    rules = HousingSettings.current()
    if refusal := period_refusal(move_in=move_in, move_out=move_out, today=timezone.localdate(), rules=rules):
        raise HousingError(refusal)
    if persons > beds:
        raise HousingError(
            _("%(persons)d persons is more than the beds on offer here (at most %(beds)d).")
            % {"persons": persons, "beds": beds}
        )
    if Application.objects.filter(user=user, status__in=Application.LIVE).exists():
        raise HousingError(ALREADY_WAITING)
    application = Application(
        user=user,
        applied_by=by if by.pk != user.pk else None,
        company=company,
        unit=unit,
        municipality=municipality,
        move_in=move_in,
        move_out=move_out,
        persons=persons,
        message=message.strip(),
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same person applying twice at once
        raise HousingError(ALREADY_WAITING) from None
    mail_to_coordinator(
        key=f"housing:applied:{application.pk}",
        template="applied_coordinator",
        context={
            "application": application,
            "admin_url": site_url("admin:housing_application_decide", language="nb", args=[application.pk]),
        },
    )
    return application


@transaction.atomic
def application_create(
    *,
    user: User,
    unit_id: int | None = None,
    municipality_id: int | None = None,
    move_in: dt.date,
    move_out: dt.date,
    persons: int,
    message: str = "",
) -> Application:
    """A newcomer or their partner applies for a unit, or for any unit in a municipality."""
    require(roles_of(user).household, NO_PROFILE)
    return _create(
        user=user,
        by=user,
        company=None,
        unit_id=unit_id,
        municipality_id=municipality_id,
        move_in=move_in,
        move_out=move_out,
        persons=persons,
        message=message,
    )


@transaction.atomic
def application_create_for_hire(
    *,
    hire_id: int,
    by: User,
    unit_id: int | None = None,
    municipality_id: int | None = None,
    move_in: dt.date,
    move_out: dt.date,
    persons: int,
    message: str = "",
) -> Application:
    """HR applies on behalf of a hire of their own company; the newcomer is told and sees it."""
    company = roles_of(by).hr_company
    require(company is not None, _("This is for HR staff of the network's companies."))
    hire = Hire.objects.select_related("user").filter(pk=hire_id, company=company).first()
    require(hire is not None, _("This hire is not at your company."))
    if hire.user is None or not hire.user.is_active:
        raise HousingError(
            _(
                "The newcomer has no account on the portal yet. Invite them first; then you can apply for them."
            )
        )
    if hire.left_on:
        raise HousingError(_("This newcomer has left the company."))
    application = _create(
        user=hire.user,
        by=by,
        company=company,
        unit_id=unit_id,
        municipality_id=municipality_id,
        move_in=move_in,
        move_out=move_out,
        persons=persons,
        message=message,
    )
    mail_to(
        key=f"housing:applied-for:{application.pk}",
        user=hire.user,
        template="applied_on_behalf",
        context={
            "application": application,
            "company": company,
            "url": site_url("housing:mine", language=hire.user.language),
        },
    )
    return application


@transaction.atomic
def application_withdraw(*, application_id: int, user: User) -> Application:
    """The applicant takes back an application that waits (a pending offer is declined with it)."""
    application = Application.objects.select_for_update().filter(pk=application_id, user=user).first()
    require(application is not None, _("This application is not yours."))
    if application.status not in Application.LIVE:
        raise HousingError(_("Only an application that is waiting can be withdrawn."))
    Booking.objects.filter(application=application, status=Booking.Status.OFFERED).update(
        status=Booking.Status.DECLINED
    )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


def _lock_open(application_id: int) -> Application:
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise HousingError(_("This application no longer exists."))
    application = Application.objects.select_related("user", "unit__residence", "municipality").get(
        pk=application.pk
    )
    if application.status != Application.Status.OPEN:
        raise HousingError(
            _("This application is not waiting (it is: %(status)s).")
            % {"status": application.get_status_display()}
        )
    if application.user is None:
        raise HousingError(_("The applicant's account has been deleted."))
    return application


def _decided(application: Application, status: str, note: str = "") -> None:
    application.status, application.decided_at = status, timezone.now()
    application.decision_note = note.strip()[:500]
    application.save(update_fields=["status", "decided_at", "decision_note"])


def _mail_context(application: Application, booking: Booking | None = None) -> dict:
    return {
        "application": application,
        "booking": booking,
        "unit": booking.unit if booking else None,
        "residence": booking.unit.residence if booking else None,
        "url": site_url("housing:mine", language=application.user.language),
    }


@transaction.atomic
def application_approve(
    *, application_id: int, by: User, unit_id: int | None = None, note: str = ""
) -> Booking:
    """The coordinator books a unit (the one asked for, unless another is given) for the period asked."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    application = _lock_open(application_id)
    unit_id = unit_id or application.unit_id
    if not unit_id:
        raise HousingError(
            _("Choose the unit to book: the applicant asked for any unit in the municipality.")
        )
    return _hold_and_tell(
        application,
        unit_id=unit_id,
        start=application.move_in,
        end=application.move_out,
        offer=False,
        note=note,
    )


def _hold_and_tell(application: Application, *, unit_id: int, start, end, offer: bool, note: str) -> Booking:
    """Take the unit's nights for the application (a stay, or an offer that holds them), record the
    decision and tell the applicant in their language."""
    booking = booking_hold(
        unit_id=unit_id,
        start=start,
        end=end,
        persons=application.persons,
        tenant=application.user,
        application=application,
        offer=offer,
    )
    _decided(application, Application.Status.OFFERED if offer else Application.Status.BOOKED, note)
    template = "offered" if offer else "booked"
    mail_to(
        key=f"housing:{template}:{booking.pk}",
        user=application.user,
        template=template,
        context=_mail_context(application, booking),
    )
    return booking


@transaction.atomic
def application_offer(
    *,
    application_id: int,
    by: User,
    unit_id: int,
    move_in: dt.date | None = None,
    move_out: dt.date | None = None,
    note: str = "",
) -> Booking:
    """The coordinator offers a unit and period (perhaps not the ones asked for); the nights are held
    until the applicant answers or the offer expires."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    application = _lock_open(application_id)
    move_in, move_out = move_in or application.move_in, move_out or application.move_out
    rules = HousingSettings.current()
    if refusal := period_refusal(move_in=move_in, move_out=move_out, today=timezone.localdate(), rules=rules):
        raise HousingError(refusal)
    return _hold_and_tell(application, unit_id=unit_id, start=move_in, end=move_out, offer=True, note=note)


@transaction.atomic
def application_decline(*, application_id: int, by: User, note: str = "") -> Application:
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    application = _lock_open(application_id)
    _decided(application, Application.Status.DECLINED, note)
    mail_to(
        key=f"housing:declined:{application.pk}",
        user=application.user,
        template="declined",
        context=_mail_context(application),
    )
    return application
