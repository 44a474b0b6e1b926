"""Who stays: sending the surveys (once per person, survey and year since arrival), the one reminder,
answering by a signed link (once), and recording that a newcomer moved away."""

import datetime as dt

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies import services as company_services
from companies.models import Hire
from network.access import require, roles_of
from network.services import absolute_url, mail_queue_template
from newcomers.models import NewcomerProfile

from .models import (
    CHECK_IN_YEARS,
    Answer,
    Choice,
    ContactNote,
    Departure,
    Invitation,
    Question,
    Response,
    Survey,
)

MOVE_SURVEY_DAYS = 91  # three months after arrival
# An invitation is due on its day; a missed day (the task down, a late arrival date) is caught up
# within this window, and no older ones are sent (nobody gets last year's check-in).
SEND_WINDOW_DAYS = 30
REMINDER_DAYS = 7
LINK_DAYS = 60
_SALT = "retention.survey"
LEFT_KEY = "still_in_region"  # a single-choice question whose "no" records the departure
LEFT_NO = "no"
REASON_KEY = "left_reason"  # its choices are keyed like Departure.Reason


class RetentionError(Exception):
    """Something the rules refuse; the message says why, in words the person understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class LinkError(RetentionError):
    """A survey link that is forged, too old, or already used."""


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- the signed link ------------------------------------------------------------------------------


def link_token(*, invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "p": invitation.profile_id}, salt=_SALT, compress=True)


def link_url(*, invitation: Invitation, language: str) -> str:
    return absolute_url(
        reverse("retention:survey", kwargs={"token": link_token(invitation=invitation)}), language
    )


def invitation_from_token(*, token: str, now: dt.datetime | None = None) -> Invitation:
    """The invitation a link is for, while it can still be answered; LinkError otherwise."""
    invalid = _("This link is not valid. Check that you copied all of it.")
    try:
        data = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired. Thank you all the same!")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError(invalid) from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("i", "p")):
        raise LinkError(invalid)
    invitation = (
        Invitation.objects.select_related("survey", "profile__user")
        .filter(pk=data["i"], profile_id=data["p"], survey__active=True)
        .first()
    )
    if invitation is None:
        raise LinkError(invalid)
    if invitation.responded_at is not None:
        raise LinkError(_("This survey has already been answered with this link. Thank you!"))
    return invitation


# --- sending --------------------------------------------------------------------------------------


def _mail(*, invitation: Invitation, kind: str) -> None:
    user = invitation.profile.user
    mail_queue_template(
        key=f"retention-{kind}-{invitation.pk}",
        user=user,
        template_prefix=f"retention/mail/{kind}",
        context={
            "survey": invitation.survey,
            "year": invitation.year,
            "url": link_url(invitation=invitation, language=user.language),
            "days": LINK_DAYS,
        },
    )


def _due_profiles(*, survey: Survey, year: int, due_from: dt.date, due_to: dt.date):
    """Newcomers still here whose arrival puts this survey's `year` between the two dates."""
    return (
        NewcomerProfile.objects.filter(
            arrival_date__gte=due_from,
            arrival_date__lte=due_to,
            departure__isnull=True,
            user__is_active=True,
        )
        .exclude(survey_invitations__survey=survey, survey_invitations__year=year)
        .select_related("user")
    )


@transaction.atomic
def invitation_send(*, profile: NewcomerProfile, survey: Survey, year: int) -> Invitation | None:
    """Invite one person once (the unique constraint decides a race); None if already invited."""
    invitation, created = Invitation.objects.get_or_create(profile=profile, survey=survey, year=year)
    if not created:
        return None
    invitation.full_clean()
    _mail(invitation=invitation, kind="invitation")
    return invitation


def surveys_send_due(*, today: dt.date | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """The daily run: the move survey three months after arrival, the check-in on each arrival
    anniversary for ten years, and one reminder a week after an unanswered invitation."""
    today = today or timezone.localdate()
    sent = 0
    for survey in Survey.objects.filter(active=True).exclude(trigger=Survey.Trigger.MANUAL):
        if survey.trigger == Survey.Trigger.MOVE:
            schedule = [(0, today - dt.timedelta(days=MOVE_SURVEY_DAYS))]
        else:
            schedule = [(year, years_before(today, year)) for year in range(1, CHECK_IN_YEARS + 1)]
        for year, due_to in schedule:
            due_from = due_to - dt.timedelta(days=SEND_WINDOW_DAYS)
            for profile in _due_profiles(survey=survey, year=year, due_from=due_from, due_to=due_to):
                sent += invitation_send(profile=profile, survey=survey, year=year) is not None
    return {"sent": sent, "reminded": reminders_send(now=now)}


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder, a week after the invitation, while the link still works and nobody answered."""
    now = now or timezone.now()
    due = Invitation.objects.open().filter(
        reminded_at__isnull=True,
        sent_at__lte=now - dt.timedelta(days=REMINDER_DAYS),
        sent_at__gt=now - dt.timedelta(days=LINK_DAYS),
        profile__departure__isnull=True,
        profile__user__is_active=True,
        survey__active=True,
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",))
                .select_related("survey", "profile__user")
                .filter(pk=pk, reminded_at__isnull=True, responded_at__isnull=True)
                .first()
            )
            if invitation is None:
                continue
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
            _mail(invitation=invitation, kind="reminder")
            count += 1
    return count


# --- answering ------------------------------------------------------------------------------------


@transaction.atomic
def response_submit(
    *, invitation_id: int, answers: dict[int, int | list[int] | str], now: dt.datetime | None = None
) -> Response:
    """Store the answers of one invitation, once. `answers` maps question ids to a scale value, a
    list of choice ids, or a text. A "no" to "Do you still live in the region?" records the move."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("profile", "survey")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    if invitation.responded_at is not None:
        raise LinkError(_("This survey has already been answered with this link. Thank you!"))
    profile = invitation.profile
    response = Response(
        survey=invitation.survey,
        invitation=invitation,
        year=invitation.year,
        arrival_year=profile.arrival_date.year if profile.arrival_date else None,
        municipality_id=profile.municipality_id,
        company_id=profile.employer_id,
        submitted_at=now,
    )
    response.full_clean()
    response.save()
    questions = {q.pk: q for q in Question.objects.filter(survey=invitation.survey)}
    valid_choices = dict(
        Choice.objects.filter(question__survey=invitation.survey).values_list("pk", "question_id")
    )
    keys = dict(Choice.objects.filter(question__survey=invitation.survey).values_list("pk", "key"))
    chosen_keys: dict[str, set[str]] = {}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or value in (None, "", []):
            continue
        answer = Answer(response=response, question=question)
        choice_ids: list[int] = []
        if question.kind == Question.Kind.SCALE:
            answer.scale = int(value)
        elif question.kind == Question.Kind.TEXT:
            answer.text = str(value)
        else:
            choice_ids = [
                c
                for c in (value if isinstance(value, list) else [value])
                if valid_choices.get(c) == question.pk
            ]
            if question.kind == Question.Kind.SINGLE:
                choice_ids = choice_ids[:1]
        answer.full_clean(exclude=["response", "question"])
        answer.save()
        if choice_ids:
            answer.choices.set(choice_ids)
            chosen_keys[question.key] = {keys[c] for c in choice_ids}
    invitation.responded_at = now
    invitation.save(update_fields=["responded_at"])
    if LEFT_NO in chosen_keys.get(LEFT_KEY, set()):
        reason = next(iter(sorted(chosen_keys.get(REASON_KEY, set()))), "")
        departure_record(
            profile=profile,
            left_on=timezone.localdate(now),
            reason=reason if reason in Departure.Reason.values else "",
            source=Departure.Source.CHECK_IN,
        )
    return response


# --- moving away ----------------------------------------------------------------------------------


@transaction.atomic
def departure_record(
    *, profile: NewcomerProfile, left_on: dt.date, reason: str = "", source: str
) -> Departure:
    """Record (or correct) that a newcomer left the region; their surveys stop."""
    departure = Departure.objects.select_for_update().filter(profile=profile).first() or Departure(
        profile=profile
    )
    departure.left_on, departure.reason, departure.source = left_on, reason, source
    departure.full_clean()
    departure.save()
    return departure


@transaction.atomic
def departure_undo(*, profile: NewcomerProfile) -> bool:
    """ "I have not moved after all": the record goes and the check-ins start again."""
    deleted, _rows = Departure.objects.filter(profile=profile).delete()
    return bool(deleted)


@transaction.atomic
def hire_left_region_mark(*, hire: Hire, left_on: dt.date, reason: str = "") -> Hire:
    """HR says a hire left the region: the hire's page shows it, and if the newcomer has a profile,
    the departure counts in the retention figures."""
    label = str(Departure.Reason(reason).label) if reason in Departure.Reason.values else ""
    hire = company_services.hire_left_mark(
        hire=hire,
        left_company_on=hire.left_company_on,
        left_region_on=left_on,
        reason=hire.left_reason or label,
    )
    profile = NewcomerProfile.objects.filter(user_id=hire.user_id).first() if hire.user_id else None
    if profile is not None:
        departure_record(profile=profile, left_on=left_on, reason=reason, source=Departure.Source.HR)
    return hire


# --- at-risk signals: the coordinator got in touch -------------------------------------------------


def contact_note_add(*, profile_id: int, kind: str, note: str, by) -> ContactNote:
    """Record that the coordinator contacted a household about a signal, with what was said. Kept
    (never edited), with who and when; the signal then shows as handled."""
    require(roles_of(by).coordinator, _("Only the network's coordinator keeps contact notes."))
    with transaction.atomic():
        profile = NewcomerProfile.objects.filter(pk=profile_id).first()
        if profile is None:
            raise RetentionError(_("This household is no longer in the portal."))
        contact = ContactNote(profile=profile, kind=kind, note=note.strip(), contacted_by=by)
        contact.full_clean()
        contact.save()
    return contact
