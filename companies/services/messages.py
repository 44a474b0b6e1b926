"""The coordinator's messages to the HR staff of member companies: who gets one is decided here,
sending is `network.mailings` (once per person, in their language, through Celery)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from network.access import roles_of
from network.mailings import mailing_create
from network.models import User

from ..models import Company, HRMessage, HRStaff

NOT_COORDINATOR = _("Only the coordinator can write to the HR staff of the member companies.")


def hr_message_audience(*, company_ids: list[int]) -> list[tuple[User, int]]:
    """The current HR staff of those of these companies that are members, as (user, company id)."""
    positions = (
        HRStaff.objects.filter(
            company__in=Company.objects.members().filter(pk__in=company_ids),
            left_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    return [(position.user, position.company_id) for position in positions]


def hr_message_send(
    *,
    company_ids: list[int],
    subject_nb: str = "",
    body_nb: str = "",
    subject_en: str = "",
    body_en: str = "",
    by: User,
) -> HRMessage:
    """Write to the HR staff of these companies (members only; former members and prospects get
    nothing). Each person gets their own mail, in their language."""
    if not roles_of(by).coordinator:
        raise PermissionDenied(NOT_COORDINATOR)
    people = hr_message_audience(company_ids=company_ids)
    company_of = {user.pk: company_id for user, company_id in people}
    members = list(Company.objects.members().filter(pk__in=company_ids).values_list("pk", flat=True))
    message = HRMessage(subject_nb=subject_nb, body_nb=body_nb, subject_en=subject_en, body_en=body_en)
    mailing_create(
        mailing=message,
        users=[user for user, _company in people],
        by=by,
        extra={"company_id": lambda user: company_of[user.pk]},
        after_save=lambda saved: saved.companies.set(members),
    )
    return message
