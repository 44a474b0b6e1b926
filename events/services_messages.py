"""The coordinator's messages to the people of activities (`EventMessage`): who gets one is decided
here, sending is `network.mailings` (once per person, in their language, through Celery)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from network.access import roles_of
from network.mailings import mailing_create
from network.models import User

from .models import EventMessage
from .selectors import event_message_audience

NOT_COORDINATOR = _("Only the coordinator can write to an activity's participants.")


def event_message_send(
    *,
    event_ids: list[int],
    audience: str,
    subject_nb: str = "",
    body_nb: str = "",
    subject_en: str = "",
    body_en: str = "",
    by: User,
) -> EventMessage:
    """Write to the people of these activities (the audience: confirmed, waiting list, attended, or
    everyone signed up). Each person gets one mail even if they are in several of the activities;
    the message, its activities and its recipients are kept."""
    if not roles_of(by).coordinator:
        raise PermissionDenied(NOT_COORDINATOR)
    people = event_message_audience(event_ids=event_ids, audience=audience)
    message = EventMessage(
        audience=audience, subject_nb=subject_nb, body_nb=body_nb, subject_en=subject_en, body_en=body_en
    )
    event_of = {user.pk: event_id for user, event_id in people}
    mailing_create(
        mailing=message,
        users=[user for user, _event_id in people],
        by=by,
        extra={"event_id": lambda user: event_of[user.pk]},
        after_save=lambda saved: saved.events.set(event_ids),
    )
    return message
