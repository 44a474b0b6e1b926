"""What the housing services share: the error they refuse with, the rules, and mail helpers."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from network.selectors import region_get_current
from network.services import absolute_url, mail_queue_template
from newcomers.models import NewcomerProfile

from ..models import HousingSettings, add_months

NOT_COORDINATOR = _("Only the coordinator can do this.")


class HousingError(Exception):
    """Something the rules refuse; the message says why, in words the person understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def household_profile(user) -> NewcomerProfile | None:
    """The newcomer profile of the person's household: their own, or their partner's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return NewcomerProfile.objects.filter(Q(user=user) | Q(partner__user=user)).first()


def _date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def period_refusal(
    *, move_in: dt.date, move_out: dt.date, today: dt.date, rules: HousingSettings
) -> str | None:
    """Why a stay from `move_in` to `move_out` breaks the coordinator's rules, or None."""
    if move_out <= move_in:
        return _("The move-out date must be after the move-in date.")
    if move_in < today:
        return _("The move-in date cannot be in the past.")
    if move_in > add_months(today, rules.book_ahead_months):
        return _("You can apply at most %(months)d months ahead.") % {"months": rules.book_ahead_months}
    if move_out < add_months(move_in, rules.min_stay_months):
        return _("The shortest stay is %(months)d month(s).") % {"months": rules.min_stay_months}
    if move_out > add_months(move_in, rules.max_stay_months):
        return _("The longest stay is %(months)d months.") % {"months": rules.max_stay_months}
    return None


def site_url(name: str, *, language: str | None = None, args=()) -> str:
    return absolute_url(reverse(name, args=args), language=language)


def mail_to(*, key: str, user, template: str, context: dict) -> None:
    """A mail to an applicant or tenant, in their language (templates under housing/mail/)."""
    if user is None or not user.is_active:
        return
    mail_queue_template(key=key, user=user, template_prefix=f"housing/mail/{template}", context=context)


def mail_to_coordinator(*, key: str, template: str, context: dict) -> None:
    """Tell the region's contact person (in Norwegian, the coordinator's working language)."""
    region = region_get_current()
    person = getattr(region, "contact_person", None) if region else None
    if person:
        mail_queue_template(
            key=key,
            to=person.email,
            language="nb",
            template_prefix=f"housing/mail/{template}",
            context=context,
        )
