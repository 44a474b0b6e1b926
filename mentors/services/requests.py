"""What newcomers ask for: a mentor and/or reserve grandparents; HR may suggest a mentor for a hire."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.languages import SPOKEN_LANGUAGES
from network.models import User
from newcomers.services import profile_mentor_contact_allow

from ..models import Hope, Match, MentorRequest, Scheme, Side
from ._common import MentorError, mail_to, site_url

FOR_HOUSEHOLDS = _("Mentors and reserve grandparents are for newcomers and their partners.")
_LANGUAGE_CODES = {code for code, _name in SPOKEN_LANGUAGES}


@transaction.atomic
def request_create(
    *, user: User, scheme: str, hopes: list[str], message: str, languages: list[str], contact_consent: bool
) -> MentorRequest:
    """Ask for a mentor or reserve grandparents (confirming the employer's suggestion, if there is one).
    Asking means agreeing that the proposed volunteer sees a little about the person and, once both
    said yes, contacts them: the newcomer's profile records that consent."""
    require(roles_of(user).household, FOR_HOUSEHOLDS)
    if not contact_consent:
        raise MentorError(_("We can only find someone for you if you agree."))
    if scheme not in Scheme.values:
        raise MentorError(_("Choose a mentor or reserve grandparents."))
    if scheme == Scheme.GRANDPARENT:
        from ..selectors import household_child_ages

        if not household_child_ages(user=user, today=timezone.localdate()):
            raise MentorError(
                _(
                    "Reserve grandparents are for families with children under 18: add your children to your profile first."
                )
            )
    live = (
        MentorRequest.objects.select_for_update()
        .filter(user=user, scheme=scheme)
        .exclude(status=MentorRequest.Status.CLOSED)
        .first()
    )
    if live is not None and live.status != MentorRequest.Status.SUGGESTED:
        raise MentorError(
            _("You have already asked for this. The coordinator is looking for someone for you.")
        )
    request = live or MentorRequest(user=user, scheme=scheme)
    request.hopes = sorted({h for h in hopes if h in Hope.values})
    request.message = message.strip()
    request.languages = sorted({code for code in languages if code in _LANGUAGE_CODES})
    request.status = MentorRequest.Status.OPEN
    request.opened_at = timezone.now()
    request.full_clean()
    profile_mentor_contact_allow(user=user)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:  # a second click at the same moment
        raise MentorError(
            _("You have already asked for this. The coordinator is looking for someone for you.")
        ) from None
    return request


@transaction.atomic
def request_suggest_for_hire(*, hire, by: User) -> MentorRequest:
    """HR suggests a mentor for one of their hires; the newcomer is asked to confirm it."""
    roles = roles_of(by)
    require(
        roles.hr and roles.hr_company.pk == hire.company_id,
        _("Only HR staff of the hire's company may suggest a mentor."),
    )
    if hire.user_id is None:
        raise MentorError(
            _("The newcomer has not accepted the invitation yet: suggest a mentor once they have.")
        )
    newcomer = hire.user
    if not roles_of(newcomer).household:
        raise MentorError(FOR_HOUSEHOLDS)
    existing = MentorRequest.objects.filter(user=newcomer, scheme=Scheme.MENTOR).exclude(
        status=MentorRequest.Status.CLOSED
    )
    if existing.exists():
        raise MentorError(_("A mentor has already been asked for or suggested for this person."))
    request = MentorRequest(
        user=newcomer,
        scheme=Scheme.MENTOR,
        status=MentorRequest.Status.SUGGESTED,
        suggested_by_company_id=hire.company_id,
    )
    request.full_clean()
    request.save()
    mail_to(
        key=f"mentors:suggested:{request.pk}",
        user=newcomer,
        template="request_suggested",
        context={
            "request": request,
            "company": hire.company,
            "url": site_url("newcomers:dashboard", language=newcomer.language),
        },
    )
    return request


@transaction.atomic
def request_withdraw(*, request_id: int, user: User) -> MentorRequest:
    """The newcomer no longer wants it: a proposal is declined, an active match ends."""
    from .matching import match_end, match_respond

    request = MentorRequest.objects.select_for_update().filter(pk=request_id, user=user).first()
    if request is None:
        raise MentorError(_("This request is not yours or no longer exists."))
    if request.status == MentorRequest.Status.CLOSED:
        raise MentorError(_("This request is already closed."))
    for match in request.matches.filter(status__in=Match.LIVE):
        if match.status == Match.Status.PROPOSED:
            match_respond(match_id=match.pk, side=Side.NEWCOMER, accept=False)
        else:
            match_end(match_id=match.pk, side=Side.NEWCOMER)
    request.refresh_from_db()
    if request.status != MentorRequest.Status.CLOSED:
        request.status, request.closed_at = MentorRequest.Status.CLOSED, timezone.now()
        request.save(update_fields=["status", "closed_at"])
    return request
