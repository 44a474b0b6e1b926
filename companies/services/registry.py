"""The registry of companies: HR staff invited, accepted and leaving, and the profile a company's HR
staff keep up to date (plus the create-or-change rule for anything else a company owns)."""

import datetime as dt
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import User
from network.services import mail_queue_template

from ..models import Company, HRInvitation, HRStaff, ProfessionalField
from .links import InvitationError, _link, _require_invited_address, link_read

HR_INVITATION_DAYS = 14


# --- HR staff ----------------------------------------------------------------------------------


@transaction.atomic
def hr_invitation_create(
    *, company: Company, email: str, invited_by: User | None, language: str = "nb"
) -> HRInvitation:
    now = timezone.now()
    invitation = HRInvitation.objects.create(
        company=company,
        email=email.strip(),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=HR_INVITATION_DAYS),
    )
    mail_queue_template(
        key=f"companies:hr-invitation:{invitation.pk}",
        to=invitation.email,
        language=language,
        template_prefix="companies/mail/hr_invitation",
        context={
            "invitation": invitation,
            "url": _link(name="companies:hr_invitation", purpose="hr", pk=invitation.pk, language=language),
            "days": HR_INVITATION_DAYS,
        },
    )
    return invitation


@transaction.atomic
def hr_invitation_revoke(*, invitation: HRInvitation) -> bool:
    updated = HRInvitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return bool(updated)


def hr_invitation_from_token(*, token: str) -> HRInvitation:
    pk = link_read(token=token, purpose="hr", days=HR_INVITATION_DAYS)
    invitation = HRInvitation.objects.select_related("company").filter(pk=pk).first()
    if invitation is None:
        raise InvitationError(_("This invitation no longer exists."))
    status = invitation.status()
    if status == "revoked":
        raise InvitationError(_("This invitation has been withdrawn. Contact the network coordinator."))
    if status == "expired":
        raise InvitationError(_("This invitation has expired. Ask the network coordinator for a new one."))
    if status == "accepted":
        raise InvitationError(_("This invitation has already been accepted. Log in to continue."))
    return invitation


@transaction.atomic
def hr_invitation_accept(*, invitation: HRInvitation, user: User) -> HRStaff:
    """Tie the account to the company; an HR user who moves company leaves the former one."""
    invitation = HRInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status() != "open":
        raise InvitationError(_("This invitation can no longer be used."))
    _require_invited_address(invited=invitation.email, user=user)
    now = timezone.now()
    position = HRStaff.objects.select_for_update().filter(user=user, left_at__isnull=True).first()
    if position and position.company_id != invitation.company_id:
        position.left_at = now
        position.save(update_fields=["left_at"])
        position = None
    if position is None:
        position = HRStaff.objects.create(user=user, company=invitation.company)
    if not user.is_staff and user.kind != User.Kind.HR:
        user.kind = User.Kind.HR
        user.save(update_fields=["kind"])
    invitation.accepted_at, invitation.accepted_by = now, user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return position


@transaction.atomic
def hr_leave(*, user: User) -> bool:
    """An HR user leaves their company (the coordinator removes one the same way, in admin)."""
    return bool(HRStaff.objects.filter(user=user, left_at__isnull=True).update(left_at=timezone.now()))


# --- the company's profile and what it owns ----------------------------------------------------


class CompanyProfile(TypedDict, total=False):
    """What a company's own HR staff keep up to date; a key left out is left as it is."""

    presentation_nb: str
    presentation_en: str
    website: str
    sector: str
    size: str
    fields: Iterable[ProfessionalField]
    logo: File | None  # None (or False, as a cleared file input gives) removes the logo


@transaction.atomic
def company_update(*, company: Company, **profile: Unpack[CompanyProfile]) -> Company:
    """Change the company's profile as its HR staff see it."""
    changes = dict(profile)
    fields = changes.pop("fields", None)
    if "logo" in changes:
        changes["logo"] = changes["logo"] or ""
    for name, value in changes.items():
        setattr(company, name, value)
    company.full_clean()
    company.save(update_fields=list(changes))
    if fields is not None:
        company.fields.set(fields)
    return company


def _company_object_save(*, company: Company, instance, model, details: dict):
    adding = instance is None
    if adding:
        instance = model(company=company)
    elif instance.company_id != company.pk:
        raise ValueError(f"{instance!r} belongs to another company")
    for name, value in details.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save(update_fields=None if adding else list(details))
    return instance
