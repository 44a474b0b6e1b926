"""Changes to the partners' careers: the profile and its consent, found work, interest both ways."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Company, HRStaff, ProfessionalField
from companies.selectors import openings_public
from companies.services import InvitationError, link_read, link_token
from network.access import require, roles_of
from network.languages import SPOKEN_LANGUAGES
from network.models import User
from network.services import absolute_url, mail_queue_template, unsubscribe_headers

from .models import CareerProfile, CompanyInterest, OpeningInterest
from .selectors import weekly_suggestions

FOR_PARTNERS = _("The career profile is for partners of newcomers.")
FOR_MEMBER_HR = _("The dual-career pool is for HR staff of the network's member companies.")
_LANGUAGE_CODES = {code for code, _name in SPOKEN_LANGUAGES}


class CareersError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _delete_file_after_commit(file_field) -> None:
    storage, name = file_field.storage, file_field.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_save(
    *,
    user: User,
    professional_fields: list[ProfessionalField],
    education: str,
    years_experience: int,
    norwegian_level: str,
    english_level: str,
    other_languages: list[str],
    driving_licence: bool,
    extent_wanted: str,
    max_commute_minutes: int,
    open_to_retraining: bool,
    looking_since: dt.date,
    show_to_companies: bool,
    weekly_mail: bool = True,
    cv: File | None = None,
    remove_cv: bool = False,
) -> CareerProfile:
    """Create or update the partner's career profile. Withdrawing the consent hides it at once."""
    require(roles_of(user).partner, FOR_PARTNERS)
    unknown = set(other_languages) - _LANGUAGE_CODES
    if unknown:
        raise ValidationError({"other_languages": _("Choose languages from the list.")})
    profile = CareerProfile.objects.select_for_update().filter(user=user).first() or CareerProfile(user=user)
    profile.education = education
    profile.years_experience = years_experience
    profile.norwegian_level = norwegian_level
    profile.english_level = english_level
    profile.other_languages = sorted(set(other_languages))
    profile.driving_licence = driving_licence
    profile.extent_wanted = extent_wanted
    profile.max_commute_minutes = max_commute_minutes
    profile.open_to_retraining = open_to_retraining
    profile.looking_since = looking_since
    profile.weekly_mail = weekly_mail
    if show_to_companies and profile.shown_to_companies_at is None:
        profile.shown_to_companies_at = timezone.now()
    elif not show_to_companies:
        profile.shown_to_companies_at = None
    old_cv = profile.cv if profile.cv else None
    if cv is not None:
        profile.cv = cv
    elif remove_cv:
        profile.cv = ""
    profile.full_clean()
    profile.save()
    if old_cv is not None and (cv is not None or remove_cv):
        _delete_file_after_commit(old_cv)
    profile.professional_fields.set(professional_fields)
    return profile


@transaction.atomic
def profile_consent_withdraw(*, user: User) -> None:
    """Stop showing the profile to member companies (the pool and the CV are closed to them at once)."""
    CareerProfile.objects.filter(user=user).update(shown_to_companies_at=None)


@transaction.atomic
def found_work_record(*, user: User, found_work_on: dt.date | None, how: str) -> CareerProfile:
    """The partner found work (or, with no date, is looking again)."""
    require(roles_of(user).partner, FOR_PARTNERS)
    profile = CareerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise CareersError(_("Fill in your career profile first."))
    profile.found_work_on = found_work_on
    profile.found_work_how = how if found_work_on else ""
    profile.full_clean()
    profile.save(update_fields=["found_work_on", "found_work_how"])
    return profile


def _mail_hr_of(*, company: Company, key: str, template_prefix: str, context: dict, path: str) -> None:
    for staff in HRStaff.objects.select_related("user").filter(company=company, left_at__isnull=True):
        mail_queue_template(
            key=f"{key}:{staff.user_id}",
            user=staff.user,
            template_prefix=template_prefix,
            context={**context, "url": absolute_url(path, language=staff.user.language)},
        )


@transaction.atomic
def interest_add(*, user: User, opening_id: int) -> bool:
    """The partner is interested in a public opening: the company's HR staff are told (once) and can
    see the profile. Needs the consent to be shown to member companies."""
    require(roles_of(user).partner, FOR_PARTNERS)
    profile = CareerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise CareersError(_("Fill in your career profile first."))
    if not profile.shown_to_companies:
        raise CareersError(
            _("To tell a company you are interested, allow member companies to see your profile first.")
        )
    opening = openings_public().filter(pk=opening_id).first()
    if opening is None:
        raise CareersError(_("This opening is no longer published."))
    interest, created = OpeningInterest.objects.get_or_create(profile=profile, opening=opening)
    if created:
        _mail_hr_of(
            company=opening.company,
            key=f"careers:interest:{profile.pk}:{opening.pk}:{interest.pk}",
            template_prefix="careers/mail/interest_hr",
            context={
                "opening": opening,
                "profile": profile,
                "partner_name": user.get_full_name() or user.email,
            },
            path=reverse("careers:pool_profile", kwargs={"pk": profile.pk}),
        )
    return created


@transaction.atomic
def interest_withdraw(*, user: User, opening_id: int) -> bool:
    require(roles_of(user).partner, FOR_PARTNERS)
    deleted, _rows = OpeningInterest.objects.filter(profile__user=user, opening_id=opening_id).delete()
    return bool(deleted)


@transaction.atomic
def company_interest_mark(*, user: User, company: Company, profile: CareerProfile) -> bool:
    """A member company is interested in a partner from the pool: the partner is mailed (once)."""
    roles = roles_of(user)
    require(roles.member_hr and roles.hr_company == company, FOR_MEMBER_HR)
    if not CareerProfile.objects.shown().filter(pk=profile.pk).exists():
        raise CareersError(_("This profile is no longer shown to companies."))
    interest, created = CompanyInterest.objects.get_or_create(
        profile=profile, company=company, defaults={"marked_by": user}
    )
    if created:
        mail_queue_template(
            key=f"careers:company-interest:{profile.pk}:{company.pk}",
            user=profile.user,
            template_prefix="careers/mail/company_interest",
            context={
                "company": company,
                "contact": user,
                "url": absolute_url(reverse("careers:home"), language=profile.user.language),
            },
        )
    return created


# --- the weekly mail -----------------------------------------------------------------------------

UNSUBSCRIBE_PURPOSE = "careers-weekly-stop"
UNSUBSCRIBE_LINK_DAYS = 365


def unsubscribe_url(profile: CareerProfile) -> str:
    token = link_token(purpose=UNSUBSCRIBE_PURPOSE, pk=profile.pk)
    return absolute_url(
        reverse("careers:unsubscribe", kwargs={"token": token}), language=profile.user.language
    )


def weekly_openings_send(*, now: dt.datetime | None = None) -> int:
    """Tell each partner still looking about the new openings of the past week that fit them: at most
    one mail per partner per ISO week (the outbox key), so running twice sends nothing new."""
    now = now or timezone.now()
    year, week, _day = timezone.localdate(now).isocalendar()
    sent = 0
    for profile, suggestions in weekly_suggestions(since=now - dt.timedelta(days=7)):
        stop_url = unsubscribe_url(profile)
        with transaction.atomic():
            queued = mail_queue_template(
                key=f"careers:weekly:{profile.pk}:{year}-W{week:02d}",
                user=profile.user,
                template_prefix="careers/mail/weekly_openings",
                context={
                    "suggestions": [
                        (
                            opening,
                            " · ".join(suggestion.reasons),
                            absolute_url(
                                reverse("companies:job_detail", kwargs={"pk": opening.pk}),
                                language=profile.user.language,
                            ),
                        )
                        for opening, suggestion in suggestions
                    ],
                    "careers_url": absolute_url(reverse("careers:home"), language=profile.user.language),
                    "unsubscribe_url": stop_url,
                },
                headers=unsubscribe_headers(stop_url),
            )
        sent += queued is not None
    return sent


def profile_from_unsubscribe_token(*, token: str) -> CareerProfile:
    pk = link_read(token=token, purpose=UNSUBSCRIBE_PURPOSE, days=UNSUBSCRIBE_LINK_DAYS)
    profile = CareerProfile.objects.filter(pk=pk).first()
    if profile is None:
        raise InvitationError(_("This career profile no longer exists."))
    return profile


@transaction.atomic
def weekly_mail_stop(*, profile: CareerProfile) -> None:
    CareerProfile.objects.filter(pk=profile.pk).update(weekly_mail=False)
