"""Volunteers: applying, the coordinator's decision and the police certificate, pausing, withdrawing,
and the coordinator's messages to volunteers."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.languages import SPOKEN_LANGUAGES
from network.mailings import mailing_create
from network.models import Municipality, User
from newcomers.models import Interest

from ..models import Frequency, Hope, Match, Side, Volunteer, VolunteerMessage
from ._common import MentorError, mail_to, mail_to_coordinator, site_url

NOT_COORDINATOR = _("Only the coordinator may do this.")
_LANGUAGE_CODES = {code for code, _name in SPOKEN_LANGUAGES}


def _clean_codes(values, allowed) -> list[str]:
    return sorted({v for v in values if v in allowed})


@transaction.atomic
def volunteer_apply(
    *,
    user: User,
    mentor: bool,
    grandparent: bool,
    municipality_id: int,
    languages: list[str],
    interest_ids: list[int],
    offers: list[str],
    frequency: str,
    capacity: int,
    child_age_min: int = 0,
    child_age_max: int = 12,
    phone: str = "",
    presentation: str,
    contact_consent: bool,
) -> Volunteer:
    """Apply to volunteer, or update an application. A new application (or one after a decline or a
    withdrawal) waits for the coordinator; an approved volunteer's changes apply at once."""
    require(roles_of(user).authenticated and user.is_active, _("Log in to apply."))
    if not contact_consent:
        raise MentorError(_("We can only pass your details on to newcomers if you agree to be contacted."))
    if not (mentor or grandparent):
        raise MentorError(_("Choose at least one: mentor or reserve grandparent."))
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    is_new = volunteer is None or volunteer.status in (Volunteer.Status.DECLINED, Volunteer.Status.WITHDRAWN)
    if volunteer is None:
        volunteer = Volunteer(user=user, contact_consent_at=timezone.now())
    volunteer.mentor, volunteer.grandparent = bool(mentor), bool(grandparent)
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:  # (reading an unset foreign key on a new row would raise instead)
        raise MentorError(_("Choose the municipality where you live."))
    volunteer.municipality = municipality
    volunteer.languages = _clean_codes(languages, _LANGUAGE_CODES)
    volunteer.offers = _clean_codes(offers, set(Hope.values))
    volunteer.frequency = frequency if frequency in Frequency.values else Frequency.FLEXIBLE
    volunteer.capacity = capacity
    volunteer.child_age_min, volunteer.child_age_max = child_age_min, child_age_max
    volunteer.phone = phone.strip()
    volunteer.presentation = presentation.strip()
    if is_new:
        volunteer.status = Volunteer.Status.APPLIED
        volunteer.status_changed_at = timezone.now()
        volunteer.contact_consent_at = timezone.now()
        volunteer.decision_note = ""
    if volunteer.pk and capacity < (taken := volunteer.matches.filter(status__in=Match.LIVE).count()):
        raise MentorError(
            _("You have %(n)s matches now: you cannot take fewer than that at once.") % {"n": taken}
        )
    if volunteer.child_age_min > volunteer.child_age_max:
        raise MentorError(_("The youngest age cannot be above the oldest."))
    volunteer.full_clean()
    volunteer.save()
    volunteer.interests.set(Interest.objects.filter(pk__in=interest_ids))
    # Someone who signed up only to volunteer is a volunteer, not a newcomer (their start page).
    roles = roles_of(user)
    if user.kind == User.Kind.NEWCOMER and not hasattr(user, "newcomer_profile") and not roles.hr:
        User.objects.filter(pk=user.pk).update(kind=User.Kind.VOLUNTEER)
        user.kind = User.Kind.VOLUNTEER
    if is_new:
        mail_to_coordinator(
            key=f"mentors:applied:{volunteer.pk}:{volunteer.status_changed_at.isoformat()}",
            template_prefix="mentors/mail/volunteer_applied",
            context={
                "volunteer": volunteer,
                "admin_url": site_url("admin:mentors_volunteer_change", language="nb", args=[volunteer.pk]),
            },
        )
    return volunteer


@transaction.atomic
def volunteer_decide(*, volunteer_id: int, approve: bool, by: User, note: str = "") -> Volunteer:
    """The coordinator approves or declines an application; the applicant hears in their language."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    volunteer = Volunteer.objects.select_for_update().select_related("user").get(pk=volunteer_id)
    if volunteer.status != Volunteer.Status.APPLIED:
        raise MentorError(_("Only applications waiting for approval can be approved or declined."))
    volunteer.status = Volunteer.Status.APPROVED if approve else Volunteer.Status.DECLINED
    volunteer.status_changed_at = timezone.now()
    volunteer.decision_note = note.strip()[:500]
    volunteer.full_clean()
    volunteer.save(update_fields=["status", "status_changed_at", "decision_note", "updated_at"])
    mail_to(
        key=f"mentors:decision:{volunteer.pk}:{volunteer.status_changed_at.isoformat()}",
        user=volunteer.user,
        template="volunteer_approved" if approve else "volunteer_declined",
        context={
            "volunteer": volunteer,
            "needs_certificate": volunteer.grandparent and not volunteer.police_certificate_date,
            "home_url": site_url("mentors:volunteer_home", language=volunteer.user.language),
        },
    )
    return volunteer


@transaction.atomic
def volunteer_certificate_record(*, volunteer_id: int, issued_on: dt.date | None, by: User) -> Volunteer:
    """Record that the coordinator has seen the volunteer's police certificate, and its date."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer_id)
    if issued_on and issued_on > timezone.localdate():
        raise MentorError(_("A police certificate cannot be issued in the future."))
    volunteer.police_certificate_date = issued_on
    volunteer.police_certificate_seen_at = timezone.now() if issued_on else None
    volunteer.police_certificate_seen_by = by if issued_on else None
    volunteer.save(
        update_fields=[
            "police_certificate_date",
            "police_certificate_seen_at",
            "police_certificate_seen_by",
            "updated_at",
        ]
    )
    return volunteer


def _own(user: User) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    if volunteer is None:
        raise MentorError(_("You have not applied to volunteer."))
    return volunteer


@transaction.atomic
def volunteer_pause(*, user: User) -> Volunteer:
    """Take no new matches for a while (the matches one has go on)."""
    volunteer = _own(user)
    if volunteer.status != Volunteer.Status.APPROVED:
        raise MentorError(_("Only an approved volunteer can pause."))
    volunteer.status, volunteer.status_changed_at = Volunteer.Status.PAUSED, timezone.now()
    volunteer.save(update_fields=["status", "status_changed_at", "updated_at"])
    # A proposal not yet accepted by the volunteer is declined: pausing means "not now".
    from .matching import match_respond

    for match in volunteer.matches.filter(status=Match.Status.PROPOSED, volunteer_accepted_at__isnull=True):
        match_respond(match_id=match.pk, side=Side.VOLUNTEER, accept=False)
    return volunteer


@transaction.atomic
def volunteer_resume(*, user: User) -> Volunteer:
    volunteer = _own(user)
    if volunteer.status != Volunteer.Status.PAUSED:
        raise MentorError(_("Only a paused volunteer can resume."))
    volunteer.status, volunteer.status_changed_at = Volunteer.Status.APPROVED, timezone.now()
    volunteer.save(update_fields=["status", "status_changed_at", "updated_at"])
    return volunteer


@transaction.atomic
def volunteer_withdraw(*, user: User) -> Volunteer:
    """Stop volunteering: proposals are declined and active matches end, and the newcomers are told."""
    from .matching import match_end, match_respond

    volunteer = _own(user)
    if volunteer.status == Volunteer.Status.WITHDRAWN:
        raise MentorError(_("You have already withdrawn."))
    for match in volunteer.matches.filter(status__in=Match.LIVE).order_by("pk"):
        if match.status == Match.Status.PROPOSED:
            match_respond(match_id=match.pk, side=Side.VOLUNTEER, accept=False)
        else:
            match_end(match_id=match.pk, side=Side.VOLUNTEER)
    volunteer.status, volunteer.status_changed_at = Volunteer.Status.WITHDRAWN, timezone.now()
    volunteer.save(update_fields=["status", "status_changed_at", "updated_at"])
    return volunteer


@transaction.atomic
def volunteers_audience(*, volunteer_ids: list[int]) -> list[Volunteer]:
    """Of these volunteers, those who receive messages: approved or paused, with an active account."""
    return list(
        Volunteer.objects.filter(
            pk__in=volunteer_ids,
            status__in=[Volunteer.Status.APPROVED, Volunteer.Status.PAUSED],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def volunteers_message(
    *,
    volunteer_ids: list[int],
    subject_nb: str = "",
    body_nb: str = "",
    subject_en: str = "",
    body_en: str = "",
    by: User,
) -> VolunteerMessage:
    """The coordinator writes to volunteers at once (each in their own mail and language, never a list
    of addresses). Only approved or paused volunteers receive it; the mailing keeps who got it and
    sends each mail once (`network.mailings`), so a retried delivery never reaches anyone twice."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    volunteers = volunteers_audience(volunteer_ids=volunteer_ids)
    volunteer_of = {volunteer.user_id: volunteer.pk for volunteer in volunteers}
    message = VolunteerMessage(subject_nb=subject_nb, body_nb=body_nb, subject_en=subject_en, body_en=body_en)
    mailing_create(
        mailing=message,
        users=[volunteer.user for volunteer in volunteers],
        by=by,
        extra={"volunteer_id": lambda user: volunteer_of[user.pk]},
    )
    return message
