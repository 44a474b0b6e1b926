"""What the mentor services share: the error they refuse with, signed mail links, and mail helpers."""

import datetime as dt

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.selectors import region_get_current
from network.services import absolute_url, mail_queue_template


class MentorError(Exception):
    """Something the scheme's rules refuse; the message says why, in words the person understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- signed links (answer a proposal or a follow-up from the e-mail) ---------------------------

_SALT = "mentors.link"
LINK_DAYS = 30


class LinkError(MentorError):
    """A link that is forged, for something else, or too old."""


def link_token(*, purpose: str, pk: int, side: str, user_id: int) -> str:
    """A link that lets the person on `side` (their user id inside) answer one thing, once."""
    return signing.dumps({"p": purpose, "id": pk, "s": side, "u": user_id}, salt=_SALT, compress=True)


def link_read(*, token: str, purpose: str, days: int = LINK_DAYS) -> dict:
    try:
        data = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=days))
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired. Log in to the portal to answer there.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError(_("This link is not valid. Check that you copied all of it.")) from None
    if (
        not isinstance(data, dict)
        or data.get("p") != purpose
        or not all(isinstance(data.get(k), int) for k in ("id", "u"))
        or not isinstance(data.get("s"), str)
    ):
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    return data


def link_url(*, name: str, purpose: str, pk: int, side: str, user, language: str) -> str:
    token = link_token(purpose=purpose, pk=pk, side=side, user_id=user.pk)
    return absolute_url(reverse(name, kwargs={"token": token}), language=language)


# --- mail ---------------------------------------------------------------------------------------


def site_url(name: str, *, language: str | None = None, args=()) -> str:
    """A full link to a page of the portal (or of the admin, which is in Norwegian for the coordinator)."""
    return absolute_url(reverse(name, args=args), language=language)


def mail_to_coordinator(*, key: str, template_prefix: str, context: dict) -> None:
    """Tell the region's contact person (in Norwegian, the coordinator's working language)."""
    region = region_get_current()
    person = getattr(region, "contact_person", None) if region else None
    if person:
        mail_queue_template(
            key=key, to=person.email, language="nb", template_prefix=template_prefix, context=context
        )


def mail_to(*, key: str, user, template: str, context: dict) -> None:
    """A mail to a person of the scheme, in their language (templates under mentors/mail/)."""
    mail_queue_template(key=key, user=user, template_prefix=f"mentors/mail/{template}", context=context)
