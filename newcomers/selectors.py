"""Reads for newcomers: the checklist that applies to a person, progress, where people get stuck."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from companies.models import Hire
from companies.services import privacy as company_privacy
from events.selectors import attended_count_for_users
from network.selectors import outgoing_mail_about

from .models import (
    ChecklistItem,
    ChecklistItemMunicipalLink,
    ChecklistTick,
    NewcomerProfile,
    PartnerRequest,
    subquery_count,
)
from .privacy import PRIVACY


def profile_for_user(user) -> NewcomerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        NewcomerProfile.objects.select_related("municipality", "employer", "professional_field", "user")
        .filter(user=user)
        .first()
    )


def checklist_for_profile(*, profile: NewcomerProfile) -> list[ChecklistItem]:
    """The items that apply to this newcomer, each with `done_at` (None when still open) and the link
    for their municipality where it has its own. Three queries."""
    items = list(ChecklistItem.objects.applicable_to(profile).order_by("position", "pk"))
    done_at = dict(ChecklistTick.objects.filter(profile=profile).values_list("item_id", "done_at"))
    local = {}
    if profile.municipality_id:
        local = {
            link.item_id: link.link
            for link in ChecklistItemMunicipalLink.objects.filter(
                municipality_id=profile.municipality_id, item__in=items
            )
        }
    for item in items:
        item.done_at = done_at.get(item.pk)
        # The page of the newcomer's own municipality, in the reader's language where it has one.
        item.link = local.get(item.pk) or item.link
    return items


def checklist_progress(*, items: list[ChecklistItem]) -> tuple[int, int]:
    return sum(1 for item in items if item.done_at), len(items)


def checklist_progress_for_users(*, user_ids) -> dict[int, tuple[int, int]]:
    """(done, total) per user, only for newcomers who chose to share progress with their employer."""
    profiles = (
        NewcomerProfile.objects.filter(user_id__in=list(user_ids), share_progress_with_employer=True)
        .with_checklist_progress()
        .values_list("user_id", "checklist_done", "checklist_total")
    )
    return {user_id: (done, total) for user_id, done, total in profiles}


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
    """Per item: how many completed onboardings it applies to still have it open, and the average
    days to tick it. Two queries.

    The coordinator reads this as "where people get stuck": items at the top stay open longest.
    """
    now = timezone.now()
    # The onboarded newcomers the outer query's item applies to, and who have not ticked it.
    applies = Exists(ChecklistItem.objects.filter(pk=OuterRef(OuterRef("pk"))).applicable_to(OuterRef("pk")))
    ticked = Exists(ChecklistTick.objects.filter(profile=OuterRef("pk"), item=OuterRef(OuterRef("pk"))))
    still_open = NewcomerProfile.objects.filter(completed_at__isnull=False).filter(applies, ~ticked)
    items = ChecklistItem.objects.filter(active=True).annotate(
        n_open=subquery_count(still_open),
        oldest_open=Subquery(still_open.order_by("completed_at").values("completed_at")[:1]),
    )
    ticks = ChecklistTick.objects.filter(
        Exists(ChecklistItem.objects.filter(pk=OuterRef("item")).applicable_to(OuterRef("profile"))),
        profile__completed_at__isnull=False,
    ).values_list("item_id", "done_at", "profile__completed_at")
    done_days: dict[int, list[int]] = {}
    for item_id, done_at, completed_at in ticks:
        done_days.setdefault(item_id, []).append((done_at - completed_at).days)
    rows = []
    for item in items:
        days = done_days.get(item.pk, [])
        rows.append(
            {
                "item": item,
                "open": item.n_open,
                "done": len(days),
                "oldest_open_days": (now - item.oldest_open).days if item.oldest_open else 0,
                "average_days_to_done": round(sum(days) / len(days), 1) if days else None,
            }
        )
    rows.sort(key=lambda row: (row["open"], row["oldest_open_days"]), reverse=True)
    return rows


def hire_for_user(*, user):
    """The person's hire at their employer (what HR registered), or None."""
    return Hire.objects.select_related("company").filter(user=user).first()


def partner_requests_waiting_for(*, profile: NewcomerProfile) -> list[PartnerRequest]:
    """People asking this newcomer to confirm that they are their partner (one query)."""
    return list(
        PartnerRequest.objects.filter(profile=profile, status=PartnerRequest.Status.PENDING)
        .select_related("requester")
        .order_by("created_at")
    )


def partner_request_latest(*, user) -> PartnerRequest | None:
    """The last request this person made to join a household, whatever became of it."""
    return PartnerRequest.objects.filter(requester=user).order_by("-created_at", "-pk").first()


def _partner_requests_export(user) -> dict:
    def row(request, **extra):
        return {
            **extra,
            "status": request.status,
            "asked_at": request.created_at.isoformat(),
            "answered_at": request.decided_at.isoformat() if request.decided_at else None,
        }

    made = PartnerRequest.objects.filter(requester=user).order_by("created_at")
    received = PartnerRequest.objects.filter(profile__user=user).select_related("requester")
    return {
        "made": [row(r, email=r.email) for r in made],
        "received": [
            row(r, name=r.requester.get_full_name(), email=r.requester.email)
            for r in received.order_by("created_at")
        ],
    }


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
            "norwegian_level": profile.norwegian_level,
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
                "weekly_digest": profile.weekly_digest,
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
    data["partner_requests"] = _partner_requests_export(user)
    data["employment"] = company_privacy.person_export(user=user)
    for name, hooks in PRIVACY.items():
        data[name] = hooks.export(user=user)
    data["mails"] = [
        {
            "to": mail.to,
            "subject": mail.subject,
            "body": mail.body_text,
            "queued_at": mail.created_at.isoformat(),
            "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
        }
        for mail in _mails_to_or_about(user)
    ]
    return data


def _mails_to_or_about(user):
    """Stored mail sent to the person, or naming them (to their employer, the contact person …)."""
    names = {user.get_full_name(), *company_privacy.person_names(user=user)}
    for hooks in PRIVACY.values():
        names |= hooks.names(user=user)
    return outgoing_mail_about(email=user.email, names=names)


def norwegian_level_subquery() -> Subquery:
    """The Norwegian level on the newcomer profile of the user OuterRef("pk"), for `events.selectors.norwegian_level_of`."""
    return Subquery(NewcomerProfile.objects.filter(user=OuterRef("pk")).values("norwegian_level")[:1])
