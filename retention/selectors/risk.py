"""At-risk signals: the people the coordinator should contact, each with the reason.

Signals are computed, never stored: one aggregate query per kind over everyone, whatever their
number, then the profiles and notes of the page shown. A signal begins on a day (`since`); a contact
note about it written on or after that day marks it handled, and it stays listed as handled until
the reason goes away (the partner found work, an activity was attended, the item ticked, a better
answer given). The notes stay, on the household's timeline.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.models import SignUp
from newcomers.households import partner_looking_since
from newcomers.models import NewcomerProfile

from ..models import Answer, ContactNote, SignalKind

JOB_SEARCH_DAYS = 183  # six months
NO_ACTIVITY_DAYS = 183
CHECKLIST_DAYS = 60
LOW_ANSWER = 2  # 1–2 on the scale of 1–5
STAY_KEY = "stay_five_years"
FRIENDS_KEY = "making_friends"
PAGE_SIZE = 50

# The newcomer agreed to share checklist progress with the employer, and the employer's board already
# shows attendance on the same consent: HR sees these kinds, never the survey answers (which were
# given to the network) nor the partner's job search (the partner's own).
EMPLOYER_KINDS = (SignalKind.CHECKLIST, SignalKind.NO_ACTIVITY)


@dataclass
class Signal:
    profile_id: int
    kind: str
    since: dt.date  # the day the signal began
    detail: str
    profile: NewcomerProfile | None = None
    note: ContactNote | None = None  # the latest note about it
    last_contacted: dt.datetime | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return SignalKind(self.kind).label

    @property
    def handled(self) -> bool:
        return self.last_contacted is not None and timezone.localdate(self.last_contacted) >= self.since


def _date(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def profiles_followed(*, municipality_id: int | None = None, company=None):
    """Newcomers still in the region: the people signals are about. HR's company: only its hires who
    agreed to share their progress with the employer."""
    profiles = NewcomerProfile.objects.filter(user__is_active=True, departure__isnull=True).exclude(
        user__hire__left_region_on__isnull=False
    )
    if municipality_id:
        profiles = profiles.filter(municipality_id=municipality_id)
    if company is not None:
        profiles = profiles.filter(user__hire__company=company, share_progress_with_employer=True)
    return profiles


def _partner_job(profiles, today) -> list[Signal]:
    looking = partner_looking_since(profiles=profiles, before=today - dt.timedelta(days=JOB_SEARCH_DAYS))
    return [
        Signal(
            profile_id=pk,
            kind=SignalKind.PARTNER_JOB,
            since=since + dt.timedelta(days=JOB_SEARCH_DAYS),
            detail=_("Looking for work since %(date)s.") % {"date": _date(since)},
        )
        for pk, since in looking.items()
    ]


def _no_activity(profiles, today) -> list[Signal]:
    cutoff = today - dt.timedelta(days=NO_ACTIVITY_DAYS)
    last = (
        SignUp.objects.filter(attended=True)
        .filter(Q(user_id=OuterRef("user_id")) | Q(user_id=OuterRef("partner__user_id")))
        .order_by("-event__starts_at")
        .values("event__starts_at")[:1]
    )
    rows = (
        profiles.filter(arrival_date__lt=cutoff)
        .annotate(last_attended=Subquery(last))
        .filter(Q(last_attended__isnull=True) | Q(last_attended__date__lt=cutoff))
        .values_list("pk", "arrival_date", "last_attended")
    )
    signals = []
    for pk, arrival, attended in rows:
        attended_on = timezone.localdate(attended) if attended else None
        start = max(arrival, attended_on) if attended_on else arrival
        detail = (
            _("Last attended an activity on %(date)s.") % {"date": _date(attended_on)}
            if attended_on
            else _("Has attended no activity since arriving on %(date)s.") % {"date": _date(arrival)}
        )
        signals.append(
            Signal(
                profile_id=pk,
                kind=SignalKind.NO_ACTIVITY,
                since=start + dt.timedelta(days=NO_ACTIVITY_DAYS),
                detail=detail,
            )
        )
    return signals


def _checklist(profiles, today) -> list[Signal]:
    """Items open since the checklist began for the newcomer: the later of finishing onboarding
    (when the portal shows the checklist) and arrival; a tick closes an item."""
    cutoff = today - dt.timedelta(days=CHECKLIST_DAYS)
    rows = (
        profiles.filter(completed_at__isnull=False, completed_at__date__lt=cutoff)
        .filter(Q(arrival_date__isnull=True) | Q(arrival_date__lt=cutoff))
        .with_checklist_progress()
        .filter(checklist_done__lt=F("checklist_total"))
        .values_list("pk", "arrival_date", "completed_at", "checklist_done", "checklist_total")
    )
    signals = []
    for pk, arrival, completed_at, done, total in rows:
        open_since = max(filter(None, [arrival, timezone.localdate(completed_at)]))
        signals.append(
            Signal(
                profile_id=pk,
                kind=SignalKind.CHECKLIST,
                since=open_since + dt.timedelta(days=CHECKLIST_DAYS),
                detail=_("%(open)s of %(total)s items still open since %(date)s.")
                % {"open": total - done, "total": total, "date": _date(open_since)},
            )
        )
    return signals


def _low_answer(profiles, *, key: str, kind: str) -> list[Signal]:
    """The newcomer's latest answer to the question is 1–2: the signal begins the day they answered."""
    answers = Answer.objects.filter(question__key=key, scale__isnull=False)
    latest = answers.filter(response__invitation__profile=OuterRef("pk")).order_by(
        "-response__submitted_at", "-pk"
    )
    rows = (
        profiles.filter(pk__in=answers.filter(scale__lte=LOW_ANSWER).values("response__invitation__profile"))
        .annotate(
            latest_scale=Subquery(latest.values("scale")[:1]),
            latest_at=Subquery(latest.values("response__submitted_at")[:1]),
        )
        .filter(latest_scale__lte=LOW_ANSWER)
        .values_list("pk", "latest_scale", "latest_at")
    )
    return [
        Signal(
            profile_id=pk,
            kind=kind,
            since=timezone.localdate(answered_at),
            detail=_("Answered %(scale)s of 5 on %(date)s.")
            % {"scale": scale, "date": _date(timezone.localdate(answered_at))},
        )
        for pk, scale, answered_at in rows
    ]


def _compute(profiles, kinds, today) -> list[Signal]:
    readers = {
        SignalKind.PARTNER_JOB: lambda: _partner_job(profiles, today),
        SignalKind.NO_ACTIVITY: lambda: _no_activity(profiles, today),
        SignalKind.CHECKLIST: lambda: _checklist(profiles, today),
        SignalKind.UNLIKELY_TO_STAY: lambda: _low_answer(
            profiles, key=STAY_KEY, kind=SignalKind.UNLIKELY_TO_STAY
        ),
        SignalKind.FRIENDS: lambda: _low_answer(profiles, key=FRIENDS_KEY, kind=SignalKind.FRIENDS),
    }
    signals = []
    for kind in kinds:
        signals.extend(readers[kind]())
    return signals


def _mark_contacted(signals: list[Signal], *, notes_queryset) -> None:
    last = {
        (pk, kind): at
        for pk, kind, at in notes_queryset.values_list("profile_id", "kind").annotate(at=Max("contacted_at"))
    }
    for signal in signals:
        signal.last_contacted = last.get((signal.profile_id, signal.kind))


def _attach(signals: list[Signal]) -> None:
    """The profiles and latest notes of the signals shown: two queries."""
    ids = {s.profile_id for s in signals}
    profiles = NewcomerProfile.objects.select_related("user__hire", "municipality", "employer").in_bulk(ids)
    notes = {}
    for note in ContactNote.objects.filter(profile_id__in=ids).select_related("contacted_by"):
        notes.setdefault((note.profile_id, note.kind), note)  # newest first
    for signal in signals:
        signal.profile = profiles.get(signal.profile_id)
        signal.note = notes.get((signal.profile_id, signal.kind))


def signal_list(
    *,
    kind: str | None = None,
    municipality_id: int | None = None,
    company=None,
    page: str | int | None = 1,
    today: dt.date | None = None,
) -> dict:
    """The signals page: counts per kind, and one page of signals (open first, the oldest first),
    each with its person and latest note. For HR (`company`), only the kinds they may see of their
    own consenting hires, without the coordinator's notes. About ten queries, however many people."""
    today = today or timezone.localdate()
    allowed = list(EMPLOYER_KINDS) if company is not None else list(SignalKind)
    kinds = [k for k in allowed if kind in (None, "", k)]
    profiles = profiles_followed(municipality_id=municipality_id, company=company)
    signals = _compute(profiles, kinds, today)
    if company is None:
        _mark_contacted(signals, notes_queryset=ContactNote.objects.filter(kind__in=kinds))
    signals.sort(key=lambda s: (s.handled, s.since, s.profile_id, s.kind))
    counts = {k: [0, 0] for k in kinds}
    for signal in signals:
        counts[signal.kind][signal.handled] += 1
    shown = Paginator(signals, PAGE_SIZE).get_page(page)
    _attach(list(shown.object_list))
    if company is not None:
        for signal in shown.object_list:
            signal.note = None
    return {
        "page": shown,
        "counts": [(SignalKind(k), open_, handled) for k, (open_, handled) in counts.items()],
        "total": len(signals),
    }


def signals_for_profile(*, profile_id: int, company=None, today: dt.date | None = None) -> list[Signal]:
    """One household's signals (for its page), each with the latest note. About eight queries."""
    today = today or timezone.localdate()
    kinds = list(EMPLOYER_KINDS) if company is not None else list(SignalKind)
    profiles = profiles_followed(company=company).filter(pk=profile_id)
    signals = _compute(profiles, kinds, today)
    if company is None:
        _mark_contacted(signals, notes_queryset=ContactNote.objects.filter(profile_id=profile_id))
    return sorted(signals, key=lambda s: s.since)


def signal_for_profile(*, profile_id: int, kind: str) -> Signal | None:
    """The one signal the coordinator is marking contacted, with its person, if it holds."""
    if kind not in SignalKind.values:
        return None
    signal = next((s for s in signals_for_profile(profile_id=profile_id) if s.kind == kind), None)
    if signal is not None:
        _attach([signal])
    return signal
