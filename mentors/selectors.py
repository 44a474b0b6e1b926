"""Reads for the mentor scheme's pages, mails, admin and tasks: a constant number of queries each."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Municipality
from newcomers.households import TimelineEntry
from newcomers.models import Child, Interest, NewcomerProfile

from .models import FollowUp, Match, MentorRequest, Scheme, Volunteer
from .scoring import Household, child_ages


def volunteer_for_user(*, user) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Volunteer.objects.select_related("municipality", "user")
        .prefetch_related("interests")
        .filter(user=user)
        .first()
    )


def volunteer_is_active(user) -> bool:
    """For `network.access`: an approved volunteer, or one who paused (still one of ours)."""
    return Volunteer.objects.filter(
        user=user, status__in=[Volunteer.Status.APPROVED, Volunteer.Status.PAUSED]
    ).exists()


def volunteers_eligible(*, request: MentorRequest, today: dt.date) -> QuerySet[Volunteer]:
    """Volunteers who may be proposed for `request`: approved, taking its scheme, with a free place,
    not the newcomer, not proposed for it before, and for reserve grandparents with a valid police
    certificate. Annotated with `load`; interests prefetched as `interest_list`."""
    queryset = (
        Volunteer.objects.approved()
        .for_scheme(request.scheme)
        .exclude(user_id=request.user_id)
        .exclude(matches__request=request)
        .with_load()
        .select_related("municipality", "user")
        .prefetch_related(
            Prefetch("interests", queryset=Interest.objects.order_by(), to_attr="interest_list")
        )
    )
    if request.scheme == Scheme.GRANDPARENT:
        queryset = queryset.certificate_valid(today)
    return queryset


def household_for_request(*, request: MentorRequest, today: dt.date) -> Household:
    """What scoring needs of the newcomer behind a request (their profile, interests, children)."""
    profile = (
        NewcomerProfile.objects.select_related("municipality")
        .prefetch_related(
            Prefetch("interests", queryset=Interest.objects.order_by()),
            Prefetch("children", queryset=Child.objects.order_by()),
            Prefetch("municipality__neighbours", queryset=Municipality.objects.order_by()),
        )
        .filter(_household_of(request.user_id))
        .first()
    )
    municipality = profile.municipality if profile else None
    return Household(
        municipality_id=municipality.pk if municipality else None,
        municipality_name=municipality.name if municipality else "",
        neighbour_ids=frozenset(m.pk for m in municipality.neighbours.all()) if municipality else frozenset(),
        languages=frozenset(request.languages or ()),
        interests={i.pk: i.name for i in profile.interests.all()} if profile else {},
        hopes=frozenset(request.hopes or ()),
        child_ages=child_ages([c.birth_year for c in profile.children.all()], today) if profile else (),
        scheme=request.scheme,
    )


def _household_of(user_id) -> Q:
    """The newcomer's profile, whether they are the newcomer or the newcomer's partner."""
    return Q(user_id=user_id) | Q(partner__user_id=user_id) if user_id else Q(pk__in=[])


def household_child_ages(*, user, today: dt.date) -> tuple[int, ...]:
    children = Child.objects.filter(profile__in=NewcomerProfile.objects.filter(_household_of(user.pk)))
    return child_ages(children.values_list("birth_year", flat=True), today)


def requests_for_user(*, user) -> list[MentorRequest]:
    """The person's requests that are not closed, with their live match and its volunteer."""
    live = Match.objects.filter(status__in=Match.LIVE).select_related(
        "volunteer__user", "volunteer__municipality"
    )
    return list(
        MentorRequest.objects.filter(user=user)
        .exclude(status=MentorRequest.Status.CLOSED)
        .prefetch_related(Prefetch("matches", queryset=live, to_attr="live_matches"))
        .order_by("scheme")
    )


def request_get_for_user(*, user, pk) -> MentorRequest | None:
    try:
        return MentorRequest.objects.filter(user=user, pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def matches_for_volunteer(*, volunteer: Volunteer) -> list[Match]:
    """The volunteer's proposed and active matches, then the ended ones, with the newcomer."""
    return list(
        Match.objects.filter(volunteer=volunteer)
        .exclude(status=Match.Status.DECLINED)
        .select_related("request__user")
        .prefetch_related(
            Prefetch(
                "request__user__newcomer_profile",
                queryset=NewcomerProfile.objects.select_related("municipality"),
            )
        )
        .order_by("-proposed_at")
    )


def match_get_for_party(*, user, pk) -> Match | None:
    """A match the user is one side of (the newcomer or the volunteer); None for anyone else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError, OverflowError):
        return None
    if abs(pk) >= 2**63:
        return None
    return (
        Match.objects.select_related("request__user", "volunteer__user", "volunteer__municipality")
        .filter(Q(request__user=user) | Q(volunteer__user=user), pk=pk)
        .first()
    )


def match_get(*, pk: int) -> Match | None:
    return (
        Match.objects.select_related("request__user", "volunteer__user", "volunteer__municipality")
        .filter(pk=pk)
        .first()
    )


def follow_up_get(*, pk: int) -> FollowUp | None:
    return (
        FollowUp.objects.select_related("match__request__user", "match__volunteer__user")
        .filter(pk=pk)
        .first()
    )


def matches_due_for_follow_up(*, now: dt.datetime, month: int) -> QuerySet[Match]:
    """Active matches that have run `month` months (30 days each) and not yet the next milestone."""
    later = [m for m in FollowUp.MONTHS if m > month]
    queryset = Match.objects.filter(
        status=Match.Status.ACTIVE, activated_at__lte=now - dt.timedelta(days=30 * month)
    )
    if later:
        queryset = queryset.filter(activated_at__gt=now - dt.timedelta(days=30 * later[0]))
    return queryset.select_related("request__user", "volunteer__user")


def follow_ups_flagged() -> QuerySet[FollowUp]:
    """Answers saying a match does not go well that the coordinator has not handled yet."""
    return FollowUp.objects.filter(answer=FollowUp.Answer.NOT_WELL, handled_at__isnull=True)


def mentor_for_dashboard(*, user) -> dict:
    """The newcomer dashboard's panel: their requests and matches (contact details once active)."""
    requests = requests_for_user(user=user)
    asked = {r.scheme for r in requests}
    return {
        "mentor_requests": requests,
        "can_ask": [choice for choice in Scheme if choice.value not in asked],
        "now": timezone.now(),
    }


def household_timeline(*, profile) -> list[TimelineEntry]:
    """The household's mentor requests and matches on the coordinator's timeline. Two queries."""
    entries = [
        TimelineEntry(
            when=request.created_at,
            section="mentor",
            title=_("Asked for: %(scheme)s") % {"scheme": request.get_scheme_display()},
            detail=request.get_status_display(),
        )
        for request in MentorRequest.objects.filter(user_id=profile.user_id)
    ]
    for match in Match.objects.filter(request__user_id=profile.user_id).select_related(
        "request", "volunteer__user"
    ):
        volunteer = str(match.volunteer.user) if match.volunteer else _("(erased)")
        scheme = match.request.get_scheme_display()
        entries.append(
            TimelineEntry(
                when=match.proposed_at,
                section="mentor",
                title=_("%(scheme)s proposed: %(volunteer)s") % {"scheme": scheme, "volunteer": volunteer},
                detail=match.get_status_display(),
            )
        )
        if match.activated_at:
            entries.append(
                TimelineEntry(
                    when=match.activated_at,
                    section="mentor",
                    title=_("%(scheme)s match began: %(volunteer)s")
                    % {"scheme": scheme, "volunteer": volunteer},
                )
            )
        if match.ended_at:
            entries.append(
                TimelineEntry(
                    when=match.ended_at,
                    section="mentor",
                    title=_("%(scheme)s match ended") % {"scheme": scheme},
                )
            )
    return entries
