"""Hires: the people a company registers, their invitation to the portal and its reminder, and the
onboarding board's stages (accepted, arrived, onboarded, left)."""

import datetime as dt
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import roles_of
from network.models import Municipality, User
from network.services import mail_queue_template

from ..models import INVITATION_REMINDER_AFTER, Company, Hire, ProfessionalField
from ..signals import hire_accepted
from .links import InvitationError, _link, _mail_company_hr, _require_invited_address, link_read

HIRE_INVITATION_DAYS = 60


class HireDetails(TypedDict, total=False):
    """What HR records about a hire; name, email, position and start_date are required."""

    name: str
    email: str
    position: str
    professional_field: ProfessionalField | None
    start_date: dt.date
    expected_arrival: dt.date | None
    country: str
    with_partner: bool
    children: int
    municipality: Municipality | None
    language: str


@transaction.atomic
def hire_register(*, company: Company, registered_by: User | None, **details: Unpack[HireDetails]) -> Hire:
    """Register a hire and invite them to the portal."""
    hire = Hire(company=company, registered_by=registered_by, **details)
    hire.full_clean()
    hire.save()
    hire_invite(hire=hire)
    return hire


def _hire_mail(*, hire: Hire, key: str, template: str) -> bool:
    language = hire.language
    return (
        mail_queue_template(
            key=key,
            to=hire.email,
            language=language,
            template_prefix=template,
            context={
                "hire": hire,
                "company": hire.company,
                "url": _link(name="companies:hire_invitation", purpose="hire", pk=hire.pk, language=language),
                "days": HIRE_INVITATION_DAYS,
            },
        )
        is not None
    )


@transaction.atomic
def hire_invite(*, hire: Hire, resend: bool = False) -> bool:
    """E-mail the hire an invitation to the portal (a re-send gets a fresh link)."""
    if hire.accepted_at or hire.left_on:
        return False
    now = timezone.now()
    key = f"companies:hire-invitation:{hire.pk}"
    if resend:
        key = f"{key}:resend:{now.isoformat()}"
    if not _hire_mail(hire=hire, key=key, template="companies/mail/hire_invitation"):
        return False
    Hire.objects.filter(pk=hire.pk).update(invited_at=now, reminded_at=None if resend else hire.reminded_at)
    hire.invited_at = now
    return True


def hire_from_token(*, token: str) -> Hire:
    pk = link_read(token=token, purpose="hire", days=HIRE_INVITATION_DAYS)
    hire = Hire.objects.select_related("company").filter(pk=pk).first()
    if hire is None or hire.left_on:
        raise InvitationError(
            _("This invitation is no longer valid. Contact the HR department of your employer.")
        )
    if hire.accepted_at:
        raise InvitationError(_("This invitation has already been accepted. Log in to continue."))
    return hire


@transaction.atomic
def hire_accept(*, hire: Hire, user: User) -> Hire:
    """Link the newcomer's account to the hire (the newcomers app hears of it through `hire_accepted`)."""
    hire = Hire.objects.select_for_update().select_related("company").get(pk=hire.pk)
    if hire.accepted_at:
        raise InvitationError(_("This invitation has already been accepted. Log in to continue."))
    if not roles_of(user).household:
        raise InvitationError(_("This invitation is for a newcomer. Log out and open the link again."))
    if Hire.objects.filter(user=user).exists():
        raise InvitationError(_("Your account is already linked to an employer."))
    # The link alone is not enough: whoever holds it would see the employer's view of "their" hire.
    _require_invited_address(invited=hire.email, user=user)
    hire.user, hire.accepted_at = user, timezone.now()
    hire.save(update_fields=["user", "accepted_at"])
    hire_accepted.send(sender=Hire, hire=hire, user=user)
    return hire


@transaction.atomic
def hire_onboarded_mark(*, user: User, at: dt.datetime) -> int:
    """Record on the person's hire when they finished onboarding (the hire's stage "onboarded")."""
    return Hire.objects.filter(user=user, onboarded_at__isnull=True).update(onboarded_at=at)


@transaction.atomic
def hire_update(*, hire: Hire, **changes: Unpack[HireDetails]) -> Hire:
    """Correct what HR recorded about a hire; the invitation and the dates are left as they are."""
    for name, value in changes.items():
        setattr(hire, name, value)
    hire.full_clean()
    hire.save(update_fields=list(changes))
    return hire


@transaction.atomic
def hire_arrival_mark(*, hire: Hire, arrived_on: dt.date) -> Hire:
    hire.arrived_on = arrived_on
    hire.save(update_fields=["arrived_on"])
    return hire


@transaction.atomic
def hire_left_mark(
    *, hire: Hire, left_company_on: dt.date | None, left_region_on: dt.date | None, reason: str = ""
) -> Hire:
    hire.left_company_on, hire.left_region_on, hire.left_reason = left_company_on, left_region_on, reason
    hire.full_clean()
    hire.save(update_fields=["left_company_on", "left_region_on", "left_reason"])
    return hire


def hire_invitation_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind overdue hires (`Hire.objects.overdue`) once, and tell their HR staff."""
    now = now or timezone.now()
    due = Hire.objects.overdue(now).filter(reminded_at__isnull=True).select_related("company")
    sent = 0
    for hire in due:
        with transaction.atomic():
            locked = Hire.objects.select_for_update().filter(pk=hire.pk, reminded_at__isnull=True).first()
            if locked is None:
                continue
            _hire_mail(
                hire=hire, key=f"companies:hire-reminder:{hire.pk}", template="companies/mail/hire_reminder"
            )
            _mail_company_hr(
                company=hire.company,
                key=f"companies:hire-reminder-hr:{hire.pk}",
                template_prefix="companies/mail/hire_reminder_hr",
                url_name="companies:board",
                context={"hire": hire, "days": INVITATION_REMINDER_AFTER.days},
            )
            Hire.objects.filter(pk=hire.pk).update(reminded_at=now)
            sent += 1
    return sent
