"""State changes for newcomers: consent and onboarding, checklist, welcome pack, contact, erasure.

Partners (the newcomer's invitation, and someone asking to join a household) are in `partners`;
callers keep `from newcomers import services` / `services.partner_invite(…)`."""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import Hire
from companies.services import hire_onboarded_mark
from companies.services import privacy as company_privacy
from events.services import signups_erase
from network.models import InfoPage, OutgoingMail, User
from network.selectors import region_get_current
from network.services import ERASED, Attachment, absolute_url, mail_queue_template, personal_data_scrub

from ..models import (
    AnonymousStat,
    ChecklistItem,
    ChecklistTick,
    Child,
    ContactMessage,
    ErasureRecord,
    NewcomerProfile,
    Partner,
    country_group,
)
from ..privacy import PRIVACY
from ..selectors import checklist_for_profile, checklist_progress
from .partners import (
    PartnerRequestError,
    has_household,
    partner_account_link,
    partner_invite,
    partner_request_confirm,
    partner_request_create,
    partner_request_decline,
    partner_request_withdraw,
    partner_requests_erase,
)

__all__ = [
    "PartnerRequestError",
    "has_household",
    "partner_account_link",
    "partner_invite",
    "partner_request_confirm",
    "partner_request_create",
    "partner_request_decline",
    "partner_request_withdraw",
]


@transaction.atomic
def profile_consent_give(
    *, user: User, contact_by_mentors: bool = False, contact_by_companies: bool = False
) -> NewcomerProfile:
    """Store the consent; only from here on does the network keep a profile for this person."""
    now = timezone.now()
    profile, created = NewcomerProfile.objects.get_or_create(user=user, defaults={"data_consent_at": now})
    if created and (hire := Hire.objects.select_related("company").filter(user=user).first()):
        # What the employer's HR already registered: the newcomer checks it instead of typing it again.
        profile.citizenship = hire.country or profile.citizenship
        profile.municipality_id = hire.municipality_id
        profile.employer = hire.company if hire.company.is_member else None
        profile.employer_other = "" if hire.company.is_member else hire.company.name
        profile.professional_field_id = hire.professional_field_id
        profile.arrival_date = hire.arrived_on or hire.expected_arrival or hire.start_date
    profile.contact_by_mentors_at = (profile.contact_by_mentors_at or now) if contact_by_mentors else None
    profile.contact_by_companies_at = (
        (profile.contact_by_companies_at or now) if contact_by_companies else None
    )
    profile.full_clean()
    profile.save()
    return profile


def profile_mentor_contact_allow(*, user: User) -> bool:
    """The newcomer agreed that a mentor (a volunteer the coordinator proposes) may contact them,
    as they do by asking for one; the consent keeps its first date. False without a profile."""
    updated = NewcomerProfile.objects.filter(user=user, contact_by_mentors_at__isnull=True).update(
        contact_by_mentors_at=timezone.now()
    )
    return bool(updated) or NewcomerProfile.objects.filter(user=user).exists()


def _advance(profile: NewcomerProfile, step: int) -> None:
    if profile.step < step:
        profile.step = step


@transaction.atomic
def profile_about_update(
    *, profile: NewcomerProfile, user_language: str | None = None, **fields
) -> NewcomerProfile:
    """Step "about you": citizenship, arrival, municipality, employer, field, languages."""
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.employer_id:
        profile.employer_other = ""
    _advance(profile, NewcomerProfile.Step.INTERESTS)
    profile.full_clean()
    profile.save()
    if user_language and user_language != profile.user.language:
        profile.user.language = user_language
        profile.user.save(update_fields=["language"])
    return profile


@transaction.atomic
def profile_interests_update(
    *, profile: NewcomerProfile, interests, weekly_digest: bool | None = None
) -> NewcomerProfile:
    profile.interests.set(interests)
    _advance(profile, NewcomerProfile.Step.HOUSEHOLD)
    fields = ["step", "updated_at"]
    if weekly_digest is not None:
        profile.weekly_digest = weekly_digest
        fields.append("weekly_digest")
    profile.save(update_fields=fields)
    return profile


@transaction.atomic
def profile_household_update(
    *,
    profile: NewcomerProfile,
    partner_name: str = "",
    partner_email: str = "",
    partner_looking_for_work: bool = False,
    children_birth_years: list[int] = (),
    share_progress_with_employer: bool | None = None,
) -> NewcomerProfile:
    if partner_name:
        Partner.objects.update_or_create(
            profile=profile,
            defaults={
                "name": partner_name,
                "email": partner_email,
                "looking_for_work": partner_looking_for_work,
            },
        )
    else:
        Partner.objects.filter(profile=profile).delete()
    profile.children.all().delete()
    Child.objects.bulk_create([Child(profile=profile, birth_year=year) for year in children_birth_years])
    profile.has_children = bool(children_birth_years)
    if share_progress_with_employer is not None:
        profile.share_progress_with_employer = share_progress_with_employer
    _advance(profile, NewcomerProfile.Step.DONE)
    profile.save(update_fields=["has_children", "step", "share_progress_with_employer", "updated_at"])
    return profile


def _welcome_pack_send_after_commit(*, user_id: int) -> None:
    from ..tasks import welcome_pack_send_task

    # The PDF takes a moment to render: the worker makes it after the transaction has committed.
    transaction.on_commit(lambda: welcome_pack_send_task.delay(user_id))


@transaction.atomic
def hire_accepted_receive(*, hire, user) -> None:
    """The person accepted their employer's invitation: the employer goes on their profile and the hire
    learns whether they have finished onboarding. The welcome pack goes out once onboarding is done
    (now, if it already is): before that it would have no checklist and no municipality."""
    profile = NewcomerProfile.objects.filter(user=user).first()
    if profile is None:
        return  # onboarding fills the profile from the hire, and sends the pack when it is done
    if profile.employer_id is None:
        NewcomerProfile.objects.filter(pk=profile.pk).update(employer=hire.company)
    if profile.completed_at:
        hire_onboarded_mark(user=user, at=profile.completed_at)
        _welcome_pack_send_after_commit(user_id=user.pk)


@transaction.atomic
def onboarding_complete(*, profile: NewcomerProfile) -> NewcomerProfile:
    """Finish onboarding once; the welcome pack goes out after commit (and only once)."""
    locked = NewcomerProfile.objects.select_for_update().get(pk=profile.pk)
    if locked.completed_at is None:
        locked.completed_at = timezone.now()
        locked.step = NewcomerProfile.Step.DONE
        locked.save(update_fields=["completed_at", "step", "updated_at"])
        hire_onboarded_mark(user=locked.user, at=locked.completed_at)
        _welcome_pack_send_after_commit(user_id=locked.user_id)
    profile.completed_at, profile.step = locked.completed_at, locked.step
    return locked


class ChecklistItemNotApplicable(Exception):
    """The item does not exist, is retired, or does not apply to this person."""


@transaction.atomic
def checklist_tick_set(*, user: User, item_id, done: bool) -> ChecklistItem:
    """Tick or untick an item of the person's own checklist.

    Only the person's own profile, and only items that apply to it: anything else (a forged id,
    another person's profile, a retired item) raises ChecklistItemNotApplicable.
    """
    profile = NewcomerProfile.objects.filter(user=user).first()
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        item_id = None
    item = ChecklistItem.objects.applicable_to(profile).filter(pk=item_id).first() if profile else None
    if item is None:
        raise ChecklistItemNotApplicable(item_id)
    if done:
        ChecklistTick.objects.get_or_create(profile=profile, item=item)
    else:
        ChecklistTick.objects.filter(profile=profile, item=item).delete()
    return item


# --- welcome pack --------------------------------------------------------------------------------


def welcome_pack_context(*, user: User) -> dict:
    from events.selectors import event_list_upcoming

    from ..selectors import profile_for_user

    profile = profile_for_user(user)
    items = checklist_for_profile(profile=profile) if profile else []
    done, total = checklist_progress(items=items)
    with translation.override(user.language):
        events = list(
            event_list_upcoming(
                municipality_id=profile.municipality_id if profile else None,
                audiences=["newcomers", "families", "everyone"],
                limit=3,
            )
        )
        pages = list(
            InfoPage.objects.published().filter(municipality__isnull=True).order_by("topic", "position")[:7]
        )
        links = {
            "dashboard": absolute_url(reverse("newcomers:dashboard")),
            "checklist": absolute_url(reverse("newcomers:checklist")),
            "info": absolute_url(reverse("info:index")),
            "events": [
                (event, absolute_url(reverse("events:detail", kwargs={"pk": event.pk}))) for event in events
            ],
            "pages": [
                (page, absolute_url(reverse("info:page", kwargs={"slug": page.slug}))) for page in pages
            ],
        }
    region = region_get_current()
    return {
        "user": user,
        "profile": profile,
        "region": region,
        "contact": getattr(region, "contact_person", None) if region else None,
        "items": items,
        "done": done,
        "total": total,
        "links": links,
    }


def welcome_pack_pdf(*, context: dict, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("newcomers/welcome_pack_pdf.html", context)
    # No base_url: the PDF has no external resources, so nothing is fetched over the network.
    return HTML(string=html).write_pdf()


def welcome_pack_send(*, user: User, force: bool = False) -> bool:
    """Send the welcome pack once (a re-send from the admin passes force=True). True if queued now."""
    base_key = f"newcomers:welcome-pack:{user.pk}"
    key = base_key
    if force:
        key = f"{base_key}:resend:{OutgoingMail.objects.filter(key__startswith=base_key).count()}"
    elif OutgoingMail.objects.filter(key=base_key).exists():
        return False
    if not NewcomerProfile.objects.filter(user=user, completed_at__isnull=False).exists():
        return False  # nothing to put in it yet: it goes when onboarding is finished
    context = welcome_pack_context(user=user)
    pdf = welcome_pack_pdf(context=context, language=user.language)
    with transaction.atomic():
        queued = mail_queue_template(
            key=key,
            user=user,
            template_prefix="newcomers/mail/welcome_pack",
            context=context,
            attachments=[Attachment("welcome-pack.pdf", pdf, "application/pdf")],
        )
        if queued is not None:
            NewcomerProfile.objects.filter(user=user).update(welcome_pack_sent_at=timezone.now())
    return queued is not None


# --- contact and privacy -------------------------------------------------------------------------


@transaction.atomic
def contact_message_send(*, user: User, subject: str, message: str) -> ContactMessage:
    contact_message = ContactMessage(user=user, subject=subject, message=message)
    contact_message.full_clean()
    contact_message.save()
    region = region_get_current()
    person = getattr(region, "contact_person", None) if region else None
    if person:
        mail_queue_template(
            key=f"newcomers:contact:{contact_message.pk}",
            to=person.email,
            language="nb",
            template_prefix="newcomers/mail/contact_message",
            context={"contact_message": contact_message, "sender": user},
        )
    return contact_message


@transaction.atomic
def account_erasure_start(*, user: User) -> ErasureRecord:
    """Close the account at once (nobody can log in to it again); the worker erases it after commit."""
    from ..tasks import account_erase_task

    User.objects.filter(pk=user.pk).update(is_active=False)
    erasure = ErasureRecord(requested_at=timezone.now())
    erasure.full_clean()
    erasure.save()
    user_id, erasure_id = user.pk, erasure.pk
    transaction.on_commit(lambda: account_erase_task.delay(user_id, erasure_id))
    return erasure


@transaction.atomic
def account_erase(*, user_id: int, erasure_id: int | None = None) -> bool:
    """Erase a person: count them in the anonymous statistics, then delete everything personal.

    Deleting the user cascades to the profile, household, checklist ticks, sign-ups, messages,
    e-mail addresses and calendar token. Running it again for the same id does nothing.
    """
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        return False
    profile = NewcomerProfile.objects.select_related("municipality").filter(user=user).first()
    if profile is not None:
        code = profile.citizenship.code if profile.citizenship else ""
        stat, _ = AnonymousStat.objects.get_or_create(
            year=timezone.localdate().year,
            municipality=profile.municipality.name if profile.municipality else "",
            country_group=country_group(code) or "",
            citizenship=code,
            arrival_year=profile.arrival_date.year if profile.arrival_date else 0,
        )
        AnonymousStat.objects.filter(pk=stat.pk).update(count=F("count") + 1)
    # Names the person is known by elsewhere: their own, the employer's record, their partner's.
    names = {user.get_full_name(), *company_privacy.person_names(user=user)}
    for hooks in PRIVACY.values():
        names |= hooks.names(user=user)
    partner_email = ""
    if profile is not None and (partner := Partner.objects.filter(profile=profile).first()):
        names.add(partner.name)
        partner_email = partner.email
    # A household that named this person as its partner keeps "has a partner", not who.
    for other in Partner.objects.filter(Q(user=user) | Q(email__iexact=user.email)):
        names.add(other.name)
        other.name, other.email, other.user = ERASED, "", None
        other.save(update_fields=["name", "email", "user"])
    # The apps above this one first (they may still tell someone, e.g. a mentor, by mail).
    for hooks in PRIVACY.values():
        hooks.erase(user=user)
    signups_erase(user=user)
    partner_requests_erase(user=user)
    company_privacy.person_erase(user=user)
    personal_data_scrub(email=user.email, names=names)
    if partner_email:
        personal_data_scrub(email=partner_email, names=())
    user.delete()
    if erasure_id:
        ErasureRecord.objects.filter(pk=erasure_id, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
    return True


def birth_year_bounds() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year - 25, this_year


def arrival_date_bounds() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=365 * 30), today + dt.timedelta(days=365 * 2)
