"""What the mentor scheme holds about a person, for their data export and their erasure.

Called through the newcomers app's privacy registry (`newcomers.privacy`), which the mentors app
joins in its AppConfig.ready: the erasure stays one transaction across every app.
"""

from django.db import transaction
from django.db.models import Q

from ..models import FollowUp, Match, MentorRequest, Side, Volunteer
from .matching import match_end, match_respond


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> dict:
    volunteer = (
        Volunteer.objects.filter(user=user)
        .select_related("municipality")
        .prefetch_related("interests")
        .first()
    )
    matches = (
        Match.objects.filter(Q(request__user=user) | Q(volunteer__user=user))
        .select_related("request__user", "volunteer__user")
        .order_by("proposed_at")
    )
    return {
        "volunteer": {
            "mentor": volunteer.mentor,
            "reserve_grandparent": volunteer.grandparent,
            "municipality": volunteer.municipality.name,
            "languages": volunteer.languages,
            "interests": [i.name for i in volunteer.interests.all()],
            "can_offer": volunteer.offers,
            "frequency": volunteer.frequency,
            "capacity": volunteer.capacity,
            "children_ages": [volunteer.child_age_min, volunteer.child_age_max],
            "phone": volunteer.phone,
            "presentation": volunteer.presentation,
            "agreed_to_be_contacted_at": _iso(volunteer.contact_consent_at),
            "status": volunteer.status,
            "police_certificate_issued": _iso(volunteer.police_certificate_date),
            "applied_at": _iso(volunteer.created_at),
        }
        if volunteer
        else None,
        "requests": [
            {
                "scheme": r.scheme,
                "hopes": r.hopes,
                "message": r.message,
                "languages": r.languages,
                "status": r.status,
                "created_at": _iso(r.created_at),
                "closed_at": _iso(r.closed_at),
            }
            for r in MentorRequest.objects.filter(user=user).order_by("created_at")
        ],
        "matches": [
            {
                "as": Side.NEWCOMER if m.request.user_id == user.pk else Side.VOLUNTEER,
                "with": str(
                    m.volunteer.user
                    if m.request.user_id == user.pk and m.volunteer_id
                    else m.request.user or ""
                ),
                "status": m.status,
                "proposed_at": _iso(m.proposed_at),
                "active_since": _iso(m.activated_at),
                "ended_at": _iso(m.ended_at),
                "my_feedback": m.newcomer_feedback if m.request.user_id == user.pk else m.volunteer_feedback,
                "follow_ups": [
                    {
                        "after_months": f.month,
                        "answer": f.answer,
                        "comment": f.comment,
                        "answered_at": _iso(f.answered_at),
                    }
                    for f in m.follow_ups.all()
                    if f.side == (Side.NEWCOMER if m.request.user_id == user.pk else Side.VOLUNTEER)
                ],
            }
            for m in matches.prefetch_related("follow_ups")
        ],
    }


@transaction.atomic
def person_erase(*, user) -> int:
    """End the person's proposals and matches (the other side is told), then keep only anonymous
    rows: requests and matches stay as counts (scheme, dates, status) without who or what was said."""
    count = 0
    for match in Match.objects.filter(
        Q(request__user=user) | Q(volunteer__user=user), status__in=Match.LIVE
    ).select_related("request", "volunteer"):
        side = Side.NEWCOMER if match.request.user_id == user.pk else Side.VOLUNTEER
        if match.status == Match.Status.PROPOSED:
            match_respond(match_id=match.pk, side=side, accept=False)
        else:
            match_end(match_id=match.pk, side=side)
        count += 1
    as_newcomer = Match.objects.filter(request__user=user)
    as_volunteer = Match.objects.filter(volunteer__user=user)
    FollowUp.objects.filter(
        Q(match__in=as_newcomer, side=Side.NEWCOMER) | Q(match__in=as_volunteer, side=Side.VOLUNTEER)
    ).update(comment="")
    as_newcomer.update(newcomer_feedback="")
    as_volunteer.update(volunteer_feedback="", volunteer=None)
    count += (
        MentorRequest.objects.filter(user=user)
        .exclude(status=MentorRequest.Status.CLOSED)
        .update(status=MentorRequest.Status.CLOSED)
    )
    MentorRequest.objects.filter(user=user).update(
        user=None, message="", languages=[], hopes=[], suggested_by_company=None
    )
    count += Volunteer.objects.filter(user=user).delete()[0]
    return count
