"""Reads for newcomers: the checklist that applies to a person, progress, where people get stuck."""

from django.db.models import Count, Q
from django.utils import timezone

from events.selectors import attended_count_for_users

from .models import ChecklistItem, ChecklistTick, CountryGroup, NewcomerProfile


def profile_for_user(user) -> NewcomerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        NewcomerProfile.objects.select_related("municipality", "employer", "professional_field", "user")
        .filter(user=user)
        .first()
    )


def _applicable_filter(*, group: str | None, has_children: bool, has_partner: bool) -> Q:
    condition = Q(active=True)
    if group == CountryGroup.NORDIC:
        condition &= Q(for_nordic=True)
    elif group == CountryGroup.EU_EEA:
        condition &= Q(for_eu=True)
    elif group == CountryGroup.OTHER:
        condition &= Q(for_other=True)
    if not has_children:
        condition &= Q(only_with_children=False)
    if not has_partner:
        condition &= Q(only_with_partner=False)
    return condition


def profile_has_partner(profile: NewcomerProfile) -> bool:
    return hasattr(profile, "partner")


def checklist_for_profile(*, profile: NewcomerProfile) -> list[ChecklistItem]:
    """The items that apply to this newcomer, each with `done_at` (None when still open). Two queries."""
    condition = _applicable_filter(
        group=profile.group, has_children=profile.has_children, has_partner=profile_has_partner(profile)
    )
    items = list(ChecklistItem.objects.filter(condition).order_by("position", "pk"))
    done_at = dict(ChecklistTick.objects.filter(profile=profile).values_list("item_id", "done_at"))
    for item in items:
        item.done_at = done_at.get(item.pk)
    return items


def checklist_progress(*, items: list[ChecklistItem]) -> tuple[int, int]:
    return sum(1 for item in items if item.done_at), len(items)


def checklist_progress_for_users(*, user_ids) -> dict[int, tuple[int, int]]:
    """(done, total) per user, only for newcomers who chose to share progress with their employer."""
    profiles = list(
        NewcomerProfile.objects.filter(user_id__in=list(user_ids), share_progress_with_employer=True)
        .select_related("partner")
        .annotate(n_children=Count("children", distinct=True), n_done=Count("ticks", distinct=True))
    )
    items = list(ChecklistItem.objects.filter(active=True))
    result = {}
    for profile in profiles:
        has_partner = hasattr(profile, "partner")
        applicable = [
            item
            for item in items
            if (item.for_nordic if profile.group == CountryGroup.NORDIC else True)
            and (item.for_eu if profile.group == CountryGroup.EU_EEA else True)
            and (item.for_other if profile.group == CountryGroup.OTHER else True)
            and (profile.has_children or not item.only_with_children)
            and (has_partner or not item.only_with_partner)
        ]
        result[profile.user_id] = (min(profile.n_done, len(applicable)), len(applicable))
    return result


def attended_count_shared_with_employer(*, user_ids) -> dict[int, int]:
    """Activities attended per user, only for newcomers who chose to share progress with their employer."""
    sharing = list(
        NewcomerProfile.objects.filter(
            user_id__in=list(user_ids), share_progress_with_employer=True
        ).values_list("user_id", flat=True)
    )
    counts = attended_count_for_users(user_ids=sharing)
    return {user_id: counts.get(user_id, 0) for user_id in sharing}


def checklist_stuck_items():
    """Per item: how many completed onboardings still have it open, and the average days to tick it.

    The coordinator reads this as "where people get stuck": items at the top stay open longest.
    """
    now = timezone.now()
    items = list(ChecklistItem.objects.filter(active=True).annotate(n_done=Count("ticks")))
    onboarded = list(NewcomerProfile.objects.filter(completed_at__isnull=False).values("pk", "completed_at"))
    ticks = ChecklistTick.objects.filter(profile__completed_at__isnull=False).values(
        "item_id", "profile_id", "done_at"
    )
    ticked: dict[int, dict[int, object]] = {}
    for tick in ticks:
        ticked.setdefault(tick["item_id"], {})[tick["profile_id"]] = tick["done_at"]
    rows = []
    for item in items:
        done = ticked.get(item.pk, {})
        open_days = [(now - p["completed_at"]).days for p in onboarded if p["pk"] not in done]
        done_days = [(done[p["pk"]] - p["completed_at"]).days for p in onboarded if p["pk"] in done]
        rows.append(
            {
                "item": item,
                "open": len(open_days),
                "done": len(done_days),
                "oldest_open_days": max(open_days, default=0),
                "average_days_to_done": round(sum(done_days) / len(done_days), 1) if done_days else None,
            }
        )
    rows.sort(key=lambda row: (row["open"], row["oldest_open_days"]), reverse=True)
    return rows


def user_data_export(*, user) -> dict:
    """Everything stored about a person, for "download my data"."""
    profile = profile_for_user(user)
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "kind": user.kind,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        },
        "profile": None,
        "checklist": [],
        "sign_ups": [
            {
                "activity": signup.event.title,
                "starts_at": signup.event.starts_at.isoformat(),
                "status": signup.status,
                "extra_adults": signup.extra_adults,
                "extra_children": signup.extra_children,
                "childcare_children": signup.childcare_children,
                "childcare_ages": signup.childcare_ages,
                "price_nok": signup.price_nok,
                "created_at": signup.created_at.isoformat(),
            }
            for signup in user.signups.select_related("event").order_by("created_at")
        ],
        "messages": [
            {"subject": m.subject, "message": m.message, "sent_at": m.created_at.isoformat()}
            for m in user.contact_messages.order_by("created_at")
        ],
    }
    if profile:
        partner = getattr(profile, "partner", None)
        data["profile"] = {
            "citizenship": profile.citizenship.code if profile.citizenship else "",
            "arrival_date": profile.arrival_date.isoformat() if profile.arrival_date else None,
            "municipality": profile.municipality.name if profile.municipality else None,
            "employer": profile.employer.name if profile.employer else profile.employer_other,
            "professional_field": profile.professional_field.name if profile.professional_field else None,
            "languages": profile.languages,
            "interests": [i.name for i in profile.interests.all()],
            "partner": {
                "name": partner.name,
                "email": partner.email,
                "looking_for_work": partner.looking_for_work,
            }
            if partner
            else None,
            "children_birth_years": [c.birth_year for c in profile.children.all()],
            "consents": {
                "data_storage": profile.data_consent_at.isoformat(),
                "data_storage_text_version": profile.data_consent_version,
                "contact_by_mentors": profile.contact_by_mentors_at.isoformat()
                if profile.contact_by_mentors_at
                else None,
                "contact_by_companies": profile.contact_by_companies_at.isoformat()
                if profile.contact_by_companies_at
                else None,
                "share_progress_with_employer": profile.share_progress_with_employer,
            },
            "onboarding_completed_at": profile.completed_at.isoformat() if profile.completed_at else None,
            "welcome_pack_sent_at": profile.welcome_pack_sent_at.isoformat()
            if profile.welcome_pack_sent_at
            else None,
        }
        data["checklist"] = [
            {"item": tick.item.title, "done_at": tick.done_at.isoformat()}
            for tick in profile.ticks.select_related("item")
        ]
    return data
