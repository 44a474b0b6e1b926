"""One household's case, for the coordinator (and, in part, the employer's HR): a timeline assembled
from every app, in a constant number of queries.

The apps below retention are read here directly; the apps beside it (mentors, careers) add their
parts through `newcomers.households.household_timeline_register`.
"""

from django.utils.translation import gettext as _

from events.models import SignUp
from newcomers.households import TimelineEntry, household_timeline_extra
from newcomers.models import ChecklistTick, NewcomerProfile

from ..models import Answer, ContactNote, Invitation
from .risk import EMPLOYER_KINDS, signals_for_profile


def _households(company=None):
    """Household profiles; for HR, only their own company's hires who share with the employer."""
    profiles = NewcomerProfile.objects.select_related(
        "user", "municipality", "employer", "partner__user", "departure", "user__hire__company"
    ).with_checklist_progress()
    if company is not None:
        profiles = profiles.filter(user__hire__company=company, share_progress_with_employer=True)
    return profiles


def household_get(*, pk: int) -> NewcomerProfile | None:
    return _households().filter(pk=pk).first()


def _hire_entries(hire) -> list[TimelineEntry]:
    if hire is None:
        return []
    steps = [
        (hire.created_at, _("Registered as a hire by %(company)s: %(position)s")),
        (hire.accepted_at, _("Accepted the invitation from %(company)s")),
        (hire.onboarded_at, _("Onboarding recorded on the employer's board")),
        (hire.arrived_on, _("Arrived, as recorded by %(company)s")),
        (hire.left_company_on, _("Left %(company)s")),
        (hire.left_region_on, _("Left the region, as recorded by %(company)s")),
    ]
    values = {"company": hire.company.name, "position": hire.position}
    return [
        TimelineEntry(when=when, section="hire", title=title % values, employer_may_see=True)
        for when, title in steps
        if when
    ]


def _profile_entries(profile) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(when=profile.data_consent_at, section="onboarding", title=_("Joined the portal")),
    ]
    if profile.arrival_date:
        entries.append(
            TimelineEntry(when=profile.arrival_date, section="onboarding", title=_("Arrived in the region"))
        )
    if profile.completed_at:
        entries.append(
            TimelineEntry(
                when=profile.completed_at,
                section="onboarding",
                title=_("Finished onboarding"),
                employer_may_see=True,
            )
        )
    if profile.welcome_pack_sent_at:
        entries.append(
            TimelineEntry(
                when=profile.welcome_pack_sent_at,
                section="welcome",
                title=_("Welcome pack sent"),
                employer_may_see=True,
            )
        )
    departure = getattr(profile, "departure", None)
    if departure is not None:
        entries.append(
            TimelineEntry(
                when=departure.left_on,
                section="departure",
                title=_("Moved away from the region"),
                detail=departure.get_reason_display(),
            )
        )
    return entries


def _checklist_entries(profile) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=tick.done_at, section="checklist", title=_("Checklist: %(item)s done") % {"item": tick.item}
        )
        for tick in ChecklistTick.objects.filter(profile=profile).select_related("item")
    ]


def _activity_entries(profile, user_ids) -> tuple[list[TimelineEntry], int]:
    entries, attended = [], 0
    signups = SignUp.objects.filter(user_id__in=user_ids).select_related("event", "user")
    for signup in signups:
        who = "" if signup.user_id == profile.user_id else _("(the partner)")
        entries.append(
            TimelineEntry(
                when=signup.created_at,
                section="activity",
                title=" ".join(
                    filter(None, [_("Signed up: %(event)s") % {"event": signup.event.title}, who])
                ),
                detail=signup.get_status_display(),
            )
        )
        if signup.attended:
            attended += 1
            entries.append(
                TimelineEntry(
                    when=signup.event.starts_at,
                    section="activity",
                    title=" ".join(
                        filter(None, [_("Attended: %(event)s") % {"event": signup.event.title}, who])
                    ),
                )
            )
    return entries, attended


def _survey_entries(profile) -> list[TimelineEntry]:
    invitations = list(
        Invitation.objects.filter(profile=profile).select_related("survey", "response").order_by("sent_at")
    )
    answers: dict[int, list[str]] = {}
    for answer in (
        Answer.objects.filter(response__invitation__profile=profile)
        .select_related("question")
        .prefetch_related("choices")
        .order_by("question__position", "question_id")
    ):
        if answer.scale is not None:
            value = f"{answer.scale}/5"
        else:
            value = ", ".join(c.text for c in answer.choices.all()) or answer.text
        if value:
            answers.setdefault(answer.response_id, []).append(f"{answer.question.text} {value}")
    entries = []
    for invitation in invitations:
        entries.append(
            TimelineEntry(
                when=invitation.sent_at,
                section="survey",
                title=_("Sent: %(survey)s") % {"survey": invitation.survey.name},
            )
        )
        response = getattr(invitation, "response", None)
        if response is not None:
            entries.append(
                TimelineEntry(
                    when=response.submitted_at,
                    section="survey",
                    title=_("Answered: %(survey)s") % {"survey": invitation.survey.name},
                    detail=" · ".join(answers.get(response.pk, [])),
                )
            )
    return entries


def _note_entries(profile) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=note.contacted_at,
            section="contact",
            title=_("Contacted about: %(signal)s") % {"signal": note.get_kind_display()},
            detail=_("%(note)s (%(who)s)")
            % {"note": note.note, "who": note.contacted_by or _("someone no longer here")},
        )
        for note in ContactNote.objects.filter(profile=profile).select_related("contacted_by")
    ]


def household_case(*, profile: NewcomerProfile, company=None) -> dict:
    """The household's timeline (oldest first), its signals and a summary. For HR (`company`) only
    what the newcomer shares with the employer: the hire, onboarding, the welcome pack, checklist
    progress and attendance as numbers, and the signals of those kinds. About 15 queries."""
    hire = getattr(profile.user, "hire", None)
    partner = getattr(profile, "partner", None)
    user_ids = [profile.user_id] + ([partner.user_id] if partner and partner.user_id else [])
    signals = signals_for_profile(profile_id=profile.pk, company=company)
    activities, attended = _activity_entries(profile, user_ids)
    entries = [*_hire_entries(hire), *_profile_entries(profile)]
    if company is None:
        entries += [
            *_checklist_entries(profile),
            *activities,
            *_survey_entries(profile),
            *household_timeline_extra(profile=profile),
            *_note_entries(profile),
        ]
    entries += [
        TimelineEntry(
            when=signal.since,
            section="signal",
            title=_("Signal: %(signal)s") % {"signal": signal.label},
            detail=signal.detail,
            employer_may_see=signal.kind in EMPLOYER_KINDS,
        )
        for signal in signals
    ]
    if company is not None:
        entries = [entry for entry in entries if entry.employer_may_see]
    entries.sort(key=lambda entry: entry.moment)
    return {
        "profile": profile,
        "hire": hire,
        "partner": partner,
        "entries": entries,
        "signals": signals,
        "checklist": (profile.checklist_done, profile.checklist_total),
        "attended": attended,
    }


def household_for_hire(*, hire) -> NewcomerProfile | None:
    """The household behind HR's hire, only if the newcomer shares with the employer."""
    if hire.user_id is None:
        return None
    return _households(hire.company).filter(user_id=hire.user_id).first()
