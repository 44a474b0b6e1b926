"""Reads for the careers pages: the partner's profile and household, ranked openings, the pool."""

import datetime as dt

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import JobOpening, ProfessionalField
from companies.selectors import openings_public
from network.access import roles_for
from network.languages import CEFR_ORDER
from network.selectors import travel_minutes, travel_table
from newcomers.households import TimelineEntry
from newcomers.models import Partner

from . import scoring
from .models import CareerProfile, CompanyInterest, OpeningInterest

SUGGESTIONS_SHOWN = 20


def profile_for_user(user) -> CareerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CareerProfile.objects.filter(user=user)
        .prefetch_related(Prefetch("professional_fields", queryset=ProfessionalField.objects.all()))
        .first()
    )


def household_for_user(user) -> Partner | None:
    """The partner row linking this account to its household (newcomer and municipality), or None."""
    return Partner.objects.select_related("profile__user", "profile__municipality").filter(user=user).first()


def _seeker(profile: CareerProfile, household: Partner | None) -> scoring.Seeker:
    municipality = household.profile.municipality if household else None
    return scoring.Seeker(
        field_ids=frozenset(f.pk for f in profile.professional_fields.all()),
        norwegian_level=profile.norwegian_level,
        max_commute_minutes=profile.max_commute_minutes,
        mode=profile.travel_mode,
        home_name=municipality.name if municipality else "",
        extent=profile.extent_wanted,
    )


def suggestions_for(
    *, profile: CareerProfile, household: Partner | None
) -> list[tuple[JobOpening, scoring.Suggestion]]:
    """The public openings ranked for this partner, each with its score and reasons (three queries)."""
    ranked = _ranked(
        profile=profile, household=household, openings=list(openings_public()), table=travel_table()
    )
    return ranked[:SUGGESTIONS_SHOWN]


def _ranked(*, profile, household, openings, table) -> list[tuple[JobOpening, scoring.Suggestion]]:
    home_id = household.profile.municipality_id if household else None
    seeker = _seeker(profile, household)
    by_pk = {opening.pk: opening for opening in openings}
    plain = [
        scoring.Opening(
            pk=o.pk,
            title=o.title,
            deadline=o.deadline,
            field_id=o.professional_field_id,
            open_to_partners=o.open_to_partners,
            norwegian_level_required=o.norwegian_level_required,
            extent=o.extent,
            minutes=travel_minutes(
                origin=home_id, destination=o.municipality_id, mode=seeker.mode, table=table
            ),
        )
        for o in openings
    ]
    return [(by_pk[s.opening.pk], s) for s in scoring.rank(seeker, plain)]


# A new opening goes into the weekly mail when it is at least in the partner's field or open to partners.
WEEKLY_MIN_SCORE = scoring.OPEN_TO_PARTNERS


def weekly_suggestions(
    *, since: dt.datetime
) -> list[tuple[CareerProfile, list[tuple[JobOpening, scoring.Suggestion]]]]:
    """For each partner who wants the weekly mail and is still looking: the openings published since
    `since` that fit them (a constant number of queries however many partners)."""
    openings = list(openings_public().filter(created_at__gte=since))
    if not openings:
        return []
    table = travel_table()
    profiles = (
        CareerProfile.objects.looking()
        .filter(weekly_mail=True, user__is_active=True)
        .select_related("user__partner_of__profile__municipality")
        .prefetch_related(Prefetch("professional_fields", queryset=ProfessionalField.objects.all()))
    )
    found = []
    for profile in profiles:
        household = getattr(profile.user, "partner_of", None)
        ranked = _ranked(profile=profile, household=household, openings=openings, table=table)
        fitting = [(o, s) for o, s in ranked if s.score >= WEEKLY_MIN_SCORE]
        if fitting:
            found.append((profile, fitting))
    return found


def interest_opening_ids(*, profile: CareerProfile | None) -> set[int]:
    if profile is None:
        return set()
    return set(profile.interests.values_list("opening_id", flat=True))


def interests_for_profile(*, profile: CareerProfile) -> QuerySet[OpeningInterest]:
    return profile.interests.select_related("opening__company").order_by("-created_at")


def company_interests_for_profile(*, profile: CareerProfile) -> QuerySet[CompanyInterest]:
    return profile.company_interests.select_related("company", "marked_by").order_by("-created_at")


def opening_action_for(*, opening: JobOpening, request) -> dict | None:
    """The "I'm interested" part of an opening's page: for partners only."""
    if not roles_for(request).partner:
        return None
    profile = CareerProfile.objects.filter(user=request.user).first()
    interested = bool(profile and profile.interests.filter(opening=opening).exists())
    return {"opening": opening, "profile": profile, "interested": interested}


# --- the companies' dual-career pool ------------------------------------------------------------


def _pool() -> QuerySet[CareerProfile]:
    return (
        CareerProfile.objects.shown()
        .looking()
        .select_related("user__partner_of__profile__municipality")
        .prefetch_related(Prefetch("professional_fields", queryset=ProfessionalField.objects.all()))
    )


def home_municipality(profile: CareerProfile):
    partner = getattr(profile.user, "partner_of", None)
    return partner.profile.municipality if partner else None


def pool_search(*, filters: dict) -> list[CareerProfile]:
    """Consenting partners still looking, filtered by field, Norwegian level and commute (two queries
    plus the travel table): `commute_to` keeps those who can reach that municipality within their
    own maximum, by their own mode."""
    profiles = _pool().order_by("-shown_to_companies_at")
    if filters.get("field"):
        profiles = profiles.filter(professional_fields=filters["field"])
    if filters.get("norwegian"):
        at_least = CEFR_ORDER[filters["norwegian"]]
        profiles = profiles.filter(norwegian_level__in=[c for c, r in CEFR_ORDER.items() if r >= at_least])
    profiles = list(profiles.distinct())
    table = travel_table()
    for profile in profiles:
        profile.home = home_municipality(profile)
        profile.commute = None
        if filters.get("commute_to") and profile.home:
            profile.commute = travel_minutes(
                origin=profile.home, destination=filters["commute_to"], mode=profile.travel_mode, table=table
            )
    if filters.get("commute_to"):
        profiles = [p for p in profiles if p.commute is not None and p.commute <= p.max_commute_minutes]
    return profiles


def pool_get(*, pk: int) -> CareerProfile | None:
    """A profile a member company may see (consent holds), or None: a withdrawn consent is a 404."""
    profile = _pool().filter(pk=pk).first()
    if profile is not None:
        profile.home = home_municipality(profile)
    return profile


def pool_interest_marked(*, company, profiles) -> set[int]:
    return set(
        CompanyInterest.objects.filter(company=company, profile__in=[p.pk for p in profiles]).values_list(
            "profile_id", flat=True
        )
    )


def pool_interests_in_company(*, company) -> list[OpeningInterest]:
    """Consenting partners who said "I'm interested" in one of this company's openings."""
    return list(
        OpeningInterest.objects.filter(
            opening__company=company,
            profile__in=CareerProfile.objects.shown(),
        )
        .select_related("opening", "profile__user")
        .order_by("-created_at")
    )


def profile_interests_in_company(*, company, profile: CareerProfile) -> list[OpeningInterest]:
    return list(profile.interests.filter(opening__company=company).select_related("opening"))


# --- the coordinator's overview -----------------------------------------------------------------

BUCKETS = ((0, 3, "0–3"), (3, 6, "3–6"), (6, 12, "6–12"), (12, None, "12+"))


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def bucket_of(months: int) -> str:
    for low, high, label in BUCKETS:
        if months >= low and (high is None or months < high):
            return label
    return BUCKETS[-1][2]


def coordinator_overview(*, today: dt.date | None = None) -> dict:
    """Partners looking for work per municipality and duration, how many found work (in all and per
    municipality), and those looking for more than six months (a retention risk). Two queries
    however many partners.

    `table` has one row per municipality: its name, the count in each band of `buckets` (months
    looking), and how many found work there — the page and the CSV show the same rows."""
    today = today or timezone.localdate()
    profiles = list(CareerProfile.objects.select_related("user__partner_of__profile__municipality"))
    labels = [label for _low, _high, label in BUCKETS]
    rows: dict[str, dict[str, int]] = {}
    found_in: dict[str, int] = {}
    long_looking = []
    found = {"network": 0, "elsewhere": 0}
    for profile in profiles:
        home = home_municipality(profile)
        name = home.name if home else "–"
        row = rows.setdefault(name, dict.fromkeys(labels, 0))
        if profile.found_work_on:
            found[profile.found_work_how] = found.get(profile.found_work_how, 0) + 1
            found_in[name] = found_in.get(name, 0) + 1
            continue
        months = months_between(profile.looking_since, today)
        row[bucket_of(months)] += 1
        if months >= 6:
            profile.home = home
            profile.months = months
            long_looking.append(profile)
    long_looking.sort(key=lambda p: p.looking_since)
    return {
        "buckets": labels,
        "table": [(name, list(row.values()), found_in.get(name, 0)) for name, row in sorted(rows.items())],
        "found": found,
        "found_total": sum(found.values()),
        "looking_total": sum(sum(r.values()) for r in rows.values()),
        "long_looking": long_looking,
    }


# --- the coordinator's view of a household (through newcomers.households) ------------------------


def partner_looking_since(*, profiles, before: dt.date) -> dict[int, dt.date]:
    """{household profile id: since when} for partners still looking for work since before `before`:
    the career profile's date, or, for a partner who said "looking for work" in the household
    questions and has no career profile, the household's arrival. Two queries."""
    found = dict(
        CareerProfile.objects.looking()
        .filter(user__partner_of__profile__in=profiles, looking_since__lt=before)
        .values_list("user__partner_of__profile_id", "looking_since")
    )
    without_profile = Partner.objects.filter(
        profile__in=profiles,
        looking_for_work=True,
        profile__arrival_date__lt=before,
        user__career_profile__isnull=True,
    ).values_list("profile_id", "profile__arrival_date")
    return {**dict(without_profile), **found}


def household_timeline(*, profile) -> list:
    """The partner's job search on the household's timeline. One query."""
    career = CareerProfile.objects.filter(user__partner_of__profile=profile).first()
    if career is None:
        return []
    entries = [
        TimelineEntry(
            when=career.looking_since,
            section="career",
            title=_("The partner started looking for work"),
            detail=_("Career profile, shown to member companies")
            if career.shown_to_companies_at
            else _("Career profile, not shown to member companies"),
        )
    ]
    if career.found_work_on:
        entries.append(
            TimelineEntry(
                when=career.found_work_on,
                section="career",
                title=_("The partner found work"),
                detail=career.get_found_work_how_display(),
            )
        )
    return entries


def norwegian_level_subquery() -> Subquery:
    """The Norwegian level on the career profile of the user OuterRef("pk"), for `events.selectors.norwegian_level_of`."""
    return Subquery(CareerProfile.objects.filter(user=OuterRef("pk")).values("norwegian_level")[:1])
