"""Queries of the companies app. Everything an HR user reads is filtered by their own company here."""

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.selectors import municipalities_within

from .models import (
    Campaign,
    Company,
    Hire,
    HRStaff,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    ServiceRequest,
    TalentCandidate,
    WorkingGroup,
    WorkingGroupDocument,
)


def hr_company_for_user(user) -> Company | None:
    """The company an HR user currently works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    position = HRStaff.objects.select_related("company").filter(user=user, left_at__isnull=True).first()
    return position.company if position else None


def hr_users_of_company(company: Company):
    """The users who are HR staff of the company now."""
    return get_user_model().objects.filter(hr_positions__company=company, hr_positions__left_at__isnull=True)


def _one(queryset, pk):
    """The row with this id in `queryset`, or None (also for an id that is not a number)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return queryset.filter(pk=pk).first()


# --- public ------------------------------------------------------------------------------------


def company_directory(*, municipality=None, field=None) -> QuerySet[Company]:
    companies = (
        Company.objects.members().select_related("municipality").prefetch_related("fields").order_by("name")
    )
    if municipality:
        companies = companies.filter(municipality=municipality)
    if field:
        companies = companies.filter(fields=field)
    return companies


def company_get_public(*, slug: str) -> Company | None:
    return company_directory().filter(slug=slug).first()


def openings_public(*, today: dt.date | None = None) -> QuerySet[JobOpening]:
    return (
        JobOpening.objects.published(today=today)
        .select_related("company", "municipality", "professional_field")
        .order_by("deadline", "title")
    )


def openings_filtered(*, filters: dict) -> QuerySet[JobOpening]:
    openings = openings_public()
    if filters.get("field"):
        openings = openings.filter(professional_field=filters["field"])
    if filters.get("municipality"):
        openings = openings.filter(municipality=filters["municipality"])
    if filters.get("extent"):
        openings = openings.filter(extent=filters["extent"])
    if filters.get("partners"):
        openings = openings.filter(open_to_partners=True)
    if filters.get("kind"):
        openings = openings.filter(kind=filters["kind"])
    if filters.get("public"):
        openings = openings.filter(company__sector=Company.Sector.PUBLIC)
    if filters.get("within_minutes") and filters.get("within_of"):
        reachable = municipalities_within(
            origin=filters["within_of"],
            minutes=filters["within_minutes"],
            mode=filters.get("within_mode") or "car",
        )
        openings = openings.filter(municipality_id__in=reachable)
    if filters.get("q"):
        q = filters["q"]
        openings = openings.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(company__name__icontains=q)
        )
    return openings


def campaign_get_public(*, slug: str) -> Campaign | None:
    return (
        Campaign.objects.published()
        .filter(slug=slug)
        .prefetch_related(Prefetch("openings", queryset=openings_public()))
        .first()
    )


def campaigns_current(*, today: dt.date | None = None) -> QuerySet[Campaign]:
    today = today or timezone.localdate()
    return Campaign.objects.published().filter(ends_on__gte=today).order_by("starts_on")


def competence_map() -> list[ProfessionalField]:
    """Per professional field: its member companies and how many newcomers share it (a count only)."""
    members = Company.objects.members().order_by("name")
    return list(
        ProfessionalField.objects.annotate(
            newcomer_count=Count("newcomer_profiles", distinct=True),
        ).prefetch_related(Prefetch("companies", queryset=members, to_attr="member_companies"))
    )


# --- HR: the company's own data ----------------------------------------------------------------


def hires_for_company(*, company: Company) -> QuerySet[Hire]:
    return (
        Hire.objects.filter(company=company)
        .select_related("professional_field", "municipality", "user__newcomer_profile")
        .order_by("start_date", "name")
    )


def hire_get_for_company(*, company: Company, pk) -> Hire | None:
    return _one(hires_for_company(company=company), pk)


def hire_stages(*, company: Company, today: dt.date | None = None) -> list[tuple[str, str, list[Hire]]]:
    """The company's hires in columns by stage, each marked when its invitation waits too long."""
    today = today or timezone.localdate()
    columns = {stage: [] for stage in Hire.Stage.values}
    for hire in hires_for_company(company=company).annotate_overdue():
        columns[hire.stage(today)].append(hire)
    return [(stage, Hire.Stage(stage).label, columns[stage]) for stage in Hire.Stage.values]


# What the onboarding board shows of each hire that the apps built on companies know: name ->
# function(user_ids=...) -> {user_id: value}, set on each hire under that name. The newcomers app
# adds "progress" and "attended", for the newcomers who agreed to share them with their employer.
HIRE_BOARD_EXTRAS: dict[str, Callable[..., dict]] = {}


def hire_board_extra_register(name: str, function: Callable[..., dict]) -> None:
    HIRE_BOARD_EXTRAS[name] = function


# Templates that apps above `companies` add to a hire's page (each gets `hire` in its context):
# the mentors app's "suggest a mentor" button.
HIRE_ACTIONS: list[str] = []
# Templates an app above adds to an opening's public page (such as the partner's "I'm interested"),
# each with the context `read(opening=…, request=…)` returns (None leaves it out).
OPENING_ACTIONS: dict[str, object] = {}


def opening_action_register(template_name: str, read) -> None:
    OPENING_ACTIONS[template_name] = read


def opening_actions(*, opening: JobOpening, request) -> list[tuple[str, dict]]:
    actions = []
    for template_name, read in OPENING_ACTIONS.items():
        context = read(opening=opening, request=request)
        if context is not None:
            actions.append((template_name, context))
    return actions


def hire_action_register(template_name: str) -> None:
    if template_name not in HIRE_ACTIONS:
        HIRE_ACTIONS.append(template_name)


def hire_actions() -> list[str]:
    return list(HIRE_ACTIONS)


def hire_board(*, company: Company, today: dt.date | None = None) -> list[tuple[str, str, list[Hire]]]:
    """`hire_stages` with what each newcomer agreed to share (see HIRE_BOARD_EXTRAS)."""
    columns = hire_stages(company=company, today=today)
    user_ids = [hire.user_id for _stage, _label, hires in columns for hire in hires if hire.user_id]
    extras = {name: read(user_ids=user_ids) if user_ids else {} for name, read in HIRE_BOARD_EXTRAS.items()}
    for _stage, _label, hires in columns:
        for hire in hires:
            for name, values in extras.items():
                setattr(hire, name, values.get(hire.user_id))
    return columns


def openings_for_company(*, company: Company) -> QuerySet[JobOpening]:
    return JobOpening.objects.filter(company=company).select_related("municipality").order_by("-created_at")


def opening_get_for_company(*, company: Company, pk) -> JobOpening | None:
    return _one(openings_for_company(company=company), pk)


def service_offers_for_network() -> QuerySet[ServiceOffer]:
    return ServiceOffer.objects.filter(active=True, company__in=Company.objects.members()).select_related(
        "company"
    )


def service_offer_get_for_company(*, company: Company, pk) -> ServiceOffer | None:
    return _one(ServiceOffer.objects.filter(company=company), pk)


def service_requests_received(*, company: Company) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(offer__company=company).select_related(
        "offer", "company", "requested_by"
    )


def service_requests_sent(*, company: Company) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(company=company).select_related("offer__company", "requested_by")


def working_groups_with_membership(*, user) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.annotate(
        member_count=Count("members", distinct=True),
        is_member=Count("members", filter=Q(members=user), distinct=True),
    ).order_by("name")


def document_get_for_reader(*, user, pk) -> WorkingGroupDocument | None:
    """A working group's document, for the coordinator and the group's own members only.

    None when there is no such document; PermissionDenied for anyone else (a member company's HR
    staff who are not in the group included: the group decides what it shares).
    """
    document = _one(WorkingGroupDocument.objects.select_related("group"), pk)
    if document is None:
        return None
    roles = roles_of(user)
    require(
        roles.coordinator or (roles.member_hr and document.group.members.filter(pk=user.pk).exists()),
        _("Documents of a working group are for its members."),
    )
    return document


def working_group_detail(*, slug: str) -> WorkingGroup | None:
    from events.models import Event

    return (
        WorkingGroup.objects.filter(slug=slug)
        .prefetch_related(
            "members__hr_positions__company",
            Prefetch("meetings", queryset=Event.objects.order_by("starts_at")),
            "documents__uploaded_by",
        )
        .first()
    )


def network_meetings_upcoming(*, limit: int = 5):
    from events.models import Audience
    from events.selectors import event_list_upcoming

    return event_list_upcoming(audiences=[Audience.COMPANIES], limit=limit)


def talent_search(*, filters: dict) -> QuerySet[TalentCandidate]:
    candidates = TalentCandidate.objects.filter(confirmed_at__isnull=False).select_related(
        "professional_field"
    )
    if filters.get("field"):
        candidates = candidates.filter(professional_field=filters["field"])
    if filters.get("education"):
        candidates = candidates.filter(education=filters["education"])
    if filters.get("permit"):
        candidates = candidates.filter(permit=filters["permit"])
    if filters.get("language"):
        candidates = candidates.filter(languages__icontains=filters["language"])
    return candidates.order_by("-created_at")


def talent_get(*, pk) -> TalentCandidate | None:
    return _one(talent_search(filters={}), pk)
