"""The talent pool: candidates who register (with consent) and confirm or withdraw by e-mailed link,
and the interest member companies show in them."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import User
from network.services import mail_queue_template

from ..models import Company, ProfessionalField, TalentCandidate, TalentInterest
from .links import InvitationError, _link, link_read

CANDIDATE_LINK_DAYS = 365


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
