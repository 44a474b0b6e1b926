"""Business rules of the company network: invitations, hires, working groups, services, jobs, talent.

Functions take keyword arguments, change state in one transaction and queue mail under a unique
key (network.services.mail_queue_template), so running one twice sends nothing twice.
"""

import datetime as dt
from collections.abc import Iterable
from typing import TypedDict, Unpack

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import Municipality, User
from network.services import absolute_url, mail_queue_template

from .models import (
    INVITATION_REMINDER_AFTER,
    Campaign,
    Company,
    Hire,
    HRInvitation,
    HRStaff,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    ServiceRequest,
    TalentCandidate,
    TalentInterest,
    WorkingGroup,
    WorkingGroupDocument,
)
from .signals import hire_accepted

HR_INVITATION_DAYS = 14
HIRE_INVITATION_DAYS = 60
CANDIDATE_LINK_DAYS = 365


class InvitationError(Exception):
    """A link that cannot be used; the message says why, in words a visitor understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- signed links ------------------------------------------------------------------------------

_SALT = "companies.link"


def link_token(*, purpose: str, pk: int) -> str:
    return signing.dumps({"p": purpose, "id": pk}, salt=_SALT, compress=True)


def link_read(*, token: str, purpose: str, days: int) -> int:
    """The id a signed link carries; InvitationError when it is forged, for something else, or too old."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=days))
    except signing.SignatureExpired:
        raise InvitationError(_("This link has expired. Ask for a new one.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvitationError(_("This link is not valid. Check that you copied all of it.")) from None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("id"), int):
        raise InvitationError(_("This link is not valid. Check that you copied all of it."))
    return data["id"]


def _link(*, name: str, purpose: str, pk: int, language: str) -> str:
    return absolute_url(
        reverse(name, kwargs={"token": link_token(purpose=purpose, pk=pk)}), language=language
    )


# --- accounts made from an invitation -----------------------------------------------------------


@transaction.atomic
def account_create_for_invitation(
    *, email: str, first_name: str, last_name: str, password: str, kind: str, language: str
) -> User:
    """An account for someone who proved their address by opening an e-mailed link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        kind=kind,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


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


def _require_invited_address(*, invited: str, user: User) -> None:
    """An invitation is accepted only by the account with the address it was sent to."""
    if invited.lower() != user.email.lower():
        raise InvitationError(
            _(
                "This invitation was sent to %(email)s. Log in with that address to accept it, or ask "
                "whoever invited you to send it to the address you use."
            )
            % {"email": invited}
        )


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


def _mail_company_hr(
    *, company: Company, key: str, template_prefix: str, url_name: str, context: dict
) -> None:
    """Mail every current HR staff member of a company, each in their language, with a link to `url_name`."""
    for staff in HRStaff.objects.select_related("user").filter(company=company, left_at__isnull=True):
        mail_queue_template(
            key=f"{key}:{staff.user_id}",
            user=staff.user,
            template_prefix=template_prefix,
            context={**context, "url": absolute_url(reverse(url_name), language=staff.user.language)},
        )


# --- hires -------------------------------------------------------------------------------------


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


# --- working groups ----------------------------------------------------------------------------


@transaction.atomic
def working_group_join(*, group: WorkingGroup, user: User) -> None:
    require(roles_of(user).member_hr, _("Working groups are for HR staff of the network's member companies."))
    group.members.add(user)


@transaction.atomic
def working_group_leave(*, group: WorkingGroup, user: User) -> None:
    group.members.remove(user)


@transaction.atomic
def document_upload(*, group: WorkingGroup, user: User, title: str, kind: str, file) -> WorkingGroupDocument:
    require(
        roles_of(user).member_hr and group.members.filter(pk=user.pk).exists(),
        _("Join the working group to share documents."),
    )
    document = WorkingGroupDocument(group=group, uploaded_by=user, title=title, kind=kind, file=file)
    document.full_clean()
    document.save()
    return document


# --- services between members ------------------------------------------------------------------


@transaction.atomic
def service_request_send(
    *, offer: ServiceOffer, user: User, company: Company, message: str
) -> ServiceRequest:
    roles = roles_of(user)
    require(
        roles.member_hr and roles.hr_company == company,
        _("Only HR staff of a member company can ask for a service on its behalf."),
    )
    request = ServiceRequest(offer=offer, company=company, requested_by=user, message=message)
    request.full_clean()
    request.save()
    _mail_company_hr(
        company=offer.company,
        key=f"companies:service-request:{request.pk}",
        template_prefix="companies/mail/service_request",
        url_name="companies:services",
        context={"request": request, "offer": offer, "sender": user},
    )
    return request


# --- job openings and campaigns ----------------------------------------------------------------


class JobOpeningDetails(TypedDict, total=False):
    title_nb: str
    title_en: str
    professional_field: ProfessionalField | None
    description_nb: str
    description_en: str
    municipality: Municipality
    extent: str
    deadline: dt.date
    apply_url: str
    open_to_partners: bool
    published: bool


class ServiceOfferDetails(TypedDict, total=False):
    title_nb: str
    title_en: str
    description_nb: str
    description_en: str
    active: bool


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


@transaction.atomic
def job_opening_save(
    *, company: Company, opening: JobOpening | None = None, **details: Unpack[JobOpeningDetails]
) -> JobOpening:
    """Create (without `opening`) or change one of the company's own job openings."""
    return _company_object_save(company=company, instance=opening, model=JobOpening, details=details)


@transaction.atomic
def service_offer_save(
    *, company: Company, offer: ServiceOffer | None = None, **details: Unpack[ServiceOfferDetails]
) -> ServiceOffer:
    """Create (without `offer`) or change a service the company offers the other members."""
    return _company_object_save(company=company, instance=offer, model=ServiceOffer, details=details)


@transaction.atomic
def campaign_openings_set(*, campaign: Campaign, company: Company, openings) -> None:
    """Make `openings` the company's contribution to the campaign (only its own openings count)."""
    own = set(JobOpening.objects.filter(company=company).values_list("pk", flat=True))
    chosen = {opening.pk for opening in openings} & own
    campaign.openings.remove(*(own - chosen))
    campaign.openings.add(*chosen)


# --- talent pool -------------------------------------------------------------------------------


def _candidate_links(candidate: TalentCandidate) -> dict:
    kwargs = {"pk": candidate.pk, "language": candidate.language}
    return {
        "confirm_url": _link(name="companies:talent_confirm", purpose="candidate-confirm", **kwargs),
        "withdraw_url": _link(name="companies:talent_withdraw", purpose="candidate-withdraw", **kwargs),
    }


@transaction.atomic
def candidate_register(
    *,
    consent: bool,
    language: str,
    name: str,
    email: str,
    professional_field: ProfessionalField,
    education: str,
    years_experience: int,
    languages: str,
    permit: str,
    cv: File,
) -> TalentCandidate:
    """Add someone to the talent pool (with their consent) and ask them to confirm their address."""
    if not consent:
        raise ValidationError({"consent": _("We can only list you in the talent pool if you agree.")})
    candidate = TalentCandidate(
        name=name,
        email=email,
        professional_field=professional_field,
        education=education,
        years_experience=years_experience,
        languages=languages,
        permit=permit,
        cv=cv,
        language=language,
        consent_at=timezone.now(),
    )
    candidate.full_clean()
    candidate.save()
    mail_queue_template(
        key=f"companies:candidate-confirm:{candidate.pk}",
        to=candidate.email,
        language=language,
        template_prefix="companies/mail/candidate_confirm",
        context={"candidate": candidate, **_candidate_links(candidate)},
    )
    return candidate


def candidate_from_token(*, token: str, purpose: str) -> TalentCandidate:
    pk = link_read(token=token, purpose=purpose, days=CANDIDATE_LINK_DAYS)
    candidate = TalentCandidate.objects.filter(pk=pk).first()
    if candidate is None:
        raise InvitationError(_("This registration no longer exists; it may have been withdrawn."))
    return candidate


@transaction.atomic
def candidate_confirm(*, candidate: TalentCandidate) -> TalentCandidate:
    if candidate.confirmed_at is None:
        candidate.confirmed_at = timezone.now()
        candidate.save(update_fields=["confirmed_at"])
    return candidate


@transaction.atomic
def candidate_withdraw(*, candidate: TalentCandidate) -> None:
    """Remove the candidate and their CV; nothing about them stays in the pool."""
    storage, name = candidate.cv.storage, candidate.cv.name
    candidate.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def talent_interest_mark(*, candidate: TalentCandidate, company: Company, user: User) -> bool:
    """Record a member company's interest and tell the candidate which company it is (once)."""
    interest, created = TalentInterest.objects.get_or_create(
        candidate=candidate, company=company, defaults={"marked_by": user}
    )
    if created:
        mail_queue_template(
            key=f"companies:talent-interest:{candidate.pk}:{company.pk}",
            to=candidate.email,
            language=candidate.language,
            template_prefix="companies/mail/talent_interest",
            context={
                "candidate": candidate,
                "company": company,
                "contact": user,
                **_candidate_links(candidate),
            },
        )
    return created
