"""Matching: suggestions with reasons, proposing, both sides answering, and ending.

Lifecycle of a match: proposed → (both sides accept) active → ended; or proposed → declined (by
either side), which puts the request back in the pool and leaves that volunteer out of its
suggestions for good. Contact details are in no page or mail until the match is active.

Every change locks the request and the volunteer (in that order), so two proposals for one
volunteer, or an answer racing an ending, run one after the other: a volunteer never has more
proposed and active matches than their capacity.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User

from .. import selectors
from ..models import Hope, Match, MentorRequest, Scheme, Side, Volunteer
from ..scoring import Suggestion, rank, volunteer_score
from ._common import LinkError, MentorError, link_read, link_url, mail_to, mail_to_coordinator, site_url
from .volunteers import NOT_COORDINATOR

LINK_PURPOSE = "match"


def suggestions_for_request(*, request: MentorRequest, limit: int = 10) -> list[Suggestion]:
    """The volunteers who may be proposed for a request, best first, each with its reasons."""
    today = timezone.localdate()
    household = selectors.household_for_request(request=request, today=today)
    hope_labels = dict(Hope.choices)
    suggestions = [
        volunteer_score(
            household=household,
            volunteer=volunteer,
            free_places=volunteer.capacity - volunteer.load,
            hope_labels=hope_labels,
        )
        for volunteer in selectors.volunteers_eligible(request=request, today=today)
        if volunteer.capacity > volunteer.load
    ]
    return rank(suggestions)[:limit]


def _refusal(*, request: MentorRequest, volunteer: Volunteer, today) -> str | None:
    """Why this volunteer cannot be proposed for this request now, or None."""
    if request.status != MentorRequest.Status.OPEN:
        return _("This request is not waiting for a match.")
    if volunteer.user_id == request.user_id:
        return _("A person cannot be their own mentor.")
    if volunteer.status != Volunteer.Status.APPROVED or not volunteer.user.is_active:
        return _("Only approved volunteers who are not paused can be proposed.")
    if not volunteer.takes(request.scheme):
        return _("This volunteer has not offered to take part in this scheme.")
    if request.scheme == Scheme.GRANDPARENT and not volunteer.certificate_valid_on(today):
        return _("A reserve grandparent needs a police certificate less than three years old.")
    if request.matches.filter(volunteer=volunteer).exists():
        return _("This volunteer has been proposed for this request before.")
    if volunteer.matches.filter(status__in=Match.LIVE).count() >= volunteer.capacity:
        return _("This volunteer has no free place.")
    return None


@transaction.atomic
def match_propose(*, request_id: int, volunteer_id: int, by: User) -> Match:
    """The coordinator proposes a volunteer; both sides are asked by mail, in their languages."""
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    request = MentorRequest.objects.select_for_update(of=("self",)).select_related("user").get(pk=request_id)
    volunteer = (
        Volunteer.objects.select_for_update().select_related("user", "municipality").get(pk=volunteer_id)
    )
    if refusal := _refusal(request=request, volunteer=volunteer, today=timezone.localdate()):
        raise MentorError(refusal)
    scored = next(
        (s for s in suggestions_for_request(request=request, limit=1000) if s.volunteer.pk == volunteer.pk),
        None,
    )
    match = Match(
        request=request,
        volunteer=volunteer,
        score=scored.score if scored else 0,
        reasons=scored.reasons if scored else [],
    )
    match.full_clean()
    match.save()
    request.status = MentorRequest.Status.PROPOSED
    request.save(update_fields=["status"])
    for side, user in ((Side.NEWCOMER, request.user), (Side.VOLUNTEER, volunteer.user)):
        mail_to(
            key=f"mentors:proposed:{match.pk}:{side}",
            user=user,
            template=f"match_proposed_{side}",
            context={
                "match": match,
                "request": request,
                "volunteer": volunteer,
                "url": _answer_url(match, side, user),
            },
        )
    return match


def _answer_url(match: Match, side: str, user: User) -> str:
    return link_url(
        name="mentors:link_answer",
        purpose=LINK_PURPOSE,
        pk=match.pk,
        side=side,
        user=user,
        language=user.language,
    )


def side_of(*, match: Match, user: User) -> str | None:
    if user.pk == match.request.user_id:
        return Side.NEWCOMER
    if match.volunteer_id and user.pk == match.volunteer.user_id:
        return Side.VOLUNTEER
    return None


@transaction.atomic
def match_respond(*, match_id: int, side: str, accept: bool) -> Match:
    """One side accepts or declines a proposal. When both have accepted the match is active and each
    side gets the other's contact details; a decline returns the request to the pool."""
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request__user", "volunteer__user")
        .get(pk=match_id)
    )
    request = MentorRequest.objects.select_for_update().get(pk=match.request_id)
    if side not in (Side.NEWCOMER, Side.VOLUNTEER):
        raise MentorError(_("This link is not valid. Check that you copied all of it."))
    if match.status != Match.Status.PROPOSED:
        raise MentorError(_("This proposal has already been answered."))
    if match.accepted_by(side):
        raise MentorError(_("You have already accepted. We are waiting for the other side."))
    now = timezone.now()
    if not accept:
        match.status, match.declined_by = Match.Status.DECLINED, side
        match.save(update_fields=["status", "declined_by"])
        request.status = MentorRequest.Status.OPEN
        request.save(update_fields=["status"])
        mail_to_coordinator(
            key=f"mentors:declined:{match.pk}",
            template_prefix="mentors/mail/match_declined",
            context={
                "match": match,
                "side": Side(side).label,
                "admin_url": site_url("admin:mentors_mentorrequest_change", language="nb", args=[request.pk]),
            },
        )
        return match
    if side == Side.NEWCOMER:
        match.newcomer_accepted_at = now
    else:
        match.volunteer_accepted_at = now
    if match.newcomer_accepted_at and match.volunteer_accepted_at:
        match.status, match.activated_at = Match.Status.ACTIVE, now
        request.status = MentorRequest.Status.MATCHED
        request.save(update_fields=["status"])
        for to_side, user in ((Side.NEWCOMER, match.request.user), (Side.VOLUNTEER, match.volunteer.user)):
            mail_to(
                key=f"mentors:active:{match.pk}:{to_side}",
                user=user,
                template=f"match_active_{to_side}",
                context={"match": match, "volunteer": match.volunteer, "newcomer": match.request.user},
            )
    match.full_clean()
    match.save()
    return match


@transaction.atomic
def match_respond_as(*, match_id: int, user: User, accept: bool) -> Match:
    """On the site: the logged-in person answers for their own side of a match."""
    match = selectors.match_get_for_party(user=user, pk=match_id)
    side = side_of(match=match, user=user) if match else None
    require(side is not None, _("This match is not yours."))
    return match_respond(match_id=match.pk, side=side, accept=accept)


def match_link_read(*, token: str) -> tuple[Match, str]:
    """The match and side a mailed link answers for; LinkError when forged, too old or no longer
    meant for the person it was sent to."""
    data = link_read(token=token, purpose=LINK_PURPOSE)
    match = selectors.match_get(pk=data["id"])
    if match is None:
        raise LinkError(_("This proposal no longer exists."))
    side = data["s"]
    expected = (
        match.request.user_id
        if side == Side.NEWCOMER
        else (match.volunteer.user_id if match.volunteer_id else None)
    )
    if side not in (Side.NEWCOMER, Side.VOLUNTEER) or expected != data["u"]:
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    return match, side


@transaction.atomic
def match_respond_by_link(*, token: str, accept: bool) -> Match:
    match, side = match_link_read(token=token)
    return match_respond(match_id=match.pk, side=side, accept=accept)


@transaction.atomic
def match_end(*, match_id: int, side: str, feedback: str = "", by: User | None = None) -> Match:
    """End an active match (either side, or the coordinator), with an optional word of feedback.
    The other side is told; the request is closed."""
    if side == Side.COORDINATOR:
        require(by is not None and roles_of(by).coordinator, NOT_COORDINATOR)
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request__user", "volunteer__user")
        .get(pk=match_id)
    )
    request = MentorRequest.objects.select_for_update().get(pk=match.request_id)
    if match.status != Match.Status.ACTIVE:
        raise MentorError(_("Only an active match can be ended."))
    match.status, match.ended_at, match.ended_by = Match.Status.ENDED, timezone.now(), side
    if side == Side.NEWCOMER:
        match.newcomer_feedback = feedback.strip()
    elif side == Side.VOLUNTEER:
        match.volunteer_feedback = feedback.strip()
    match.full_clean()
    match.save()
    request.status, request.closed_at = MentorRequest.Status.CLOSED, match.ended_at
    request.save(update_fields=["status", "closed_at"])
    told = (
        [Side.NEWCOMER, Side.VOLUNTEER]
        if side == Side.COORDINATOR
        else [s for s in (Side.NEWCOMER, Side.VOLUNTEER) if s != side]
    )
    for to_side in told:
        user = (
            match.request.user
            if to_side == Side.NEWCOMER
            else (match.volunteer.user if match.volunteer_id else None)
        )
        if user is not None and user.is_active:
            mail_to(
                key=f"mentors:ended:{match.pk}:{to_side}",
                user=user,
                template="match_ended",
                context={
                    "match": match,
                    "to_side": to_side,
                    "by_side": side,
                    "scheme": request.get_scheme_display(),
                },
            )
    return match


@transaction.atomic
def match_end_as(*, match_id: int, user: User, feedback: str = "") -> Match:
    match = selectors.match_get_for_party(user=user, pk=match_id)
    side = side_of(match=match, user=user) if match else None
    require(side is not None, _("This match is not yours."))
    return match_end(match_id=match.pk, side=side, feedback=feedback)
