"""What the sub-domains share when they send someone a link: signed links, the error a bad link gives,
the invited address check, the account an invitation creates, and mail to a company's HR staff."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.models import User
from network.services import absolute_url, mail_queue_template

from ..models import Company, HRStaff


class InvitationError(Exception):
    """A link that cannot be used; the message says why, in words a visitor understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- signed links ------------------------------------------------------------------------------

_SALT = "companies.link"


def link_token(*, purpose: str, pk: int) -> str:
    return signing.dumps({"p": purpose, "id": pk}, salt=_SALT, compress=True)


def link_read(*, token: str, purpose: str, days: int) -> int:
    """The id a signed link carries; InvitationError when it is forged, for something else, or too old."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=days))
    except signing.SignatureExpired:
        raise InvitationError(_("This link has expired. Ask for a new one.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvitationError(_("This link is not valid. Check that you copied all of it.")) from None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("id"), int):
        raise InvitationError(_("This link is not valid. Check that you copied all of it."))
    return data["id"]


def _link(*, name: str, purpose: str, pk: int, language: str) -> str:
    return absolute_url(
        reverse(name, kwargs={"token": link_token(purpose=purpose, pk=pk)}), language=language
    )


# --- accounts made from an invitation -----------------------------------------------------------


@transaction.atomic
def account_create_for_invitation(
    *, email: str, first_name: str, last_name: str, password: str, kind: str, language: str
) -> User:
    """An account for someone who proved their address by opening an e-mailed link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        kind=kind,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def _require_invited_address(*, invited: str, user: User) -> None:
    """An invitation is accepted only by the account with the address it was sent to."""
    if invited.lower() != user.email.lower():
        raise InvitationError(
            _(
                "This invitation was sent to %(email)s. Log in with that address to accept it, or ask "
                "whoever invited you to send it to the address you use."
            )
            % {"email": invited}
        )


# --- mail to a company's HR staff --------------------------------------------------------------


def _mail_company_hr(
    *, company: Company, key: str, template_prefix: str, url_name: str, context: dict
) -> None:
    """Mail every current HR staff member of a company, each in their language, with a link to `url_name`."""
    for staff in HRStaff.objects.select_related("user").filter(company=company, left_at__isnull=True):
        mail_queue_template(
            key=f"{key}:{staff.user_id}",
            user=staff.user,
            template_prefix=template_prefix,
            context={**context, "url": absolute_url(reverse(url_name), language=staff.user.language)},
        )
