"""The e-mails about sign-ups. Each has a unique key, so no one gets the same message twice."""

from django.urls import reverse

from network.models import OutgoingMail
from network.services import Attachment, absolute_url, mail_queue_template

from .models import Event, SignUp


def _ics_attachment(event: Event) -> Attachment:
    from .ics import event_ics_bytes

    return Attachment(f"activity-{event.pk}.ics", event_ics_bytes(event=event), "text/calendar")


def _event_url(event: Event, language: str) -> str:
    return absolute_url(reverse("events:detail", kwargs={"pk": event.pk}), language=language)


def _my_url(language: str) -> str:
    return absolute_url(reverse("events:my"), language=language)


def _send(*, signup: SignUp, key: str, template: str, attach_ics: bool = True) -> None:
    user = signup.user
    event = signup.event
    mail_queue_template(
        key=key,
        user=user,
        template_prefix=f"events/mail/{template}",
        context={
            "signup": signup,
            "event": event,
            "event_url": _event_url(event, user.language),
            "my_url": _my_url(user.language),
        },
        attachments=[_ics_attachment(event)] if attach_ics else [],
    )


def signup_confirmed(*, signup: SignUp) -> None:
    _send(signup=signup, key=f"events:signup:{signup.pk}:confirmed", template="confirmation")


def signup_waiting(*, signup: SignUp) -> None:
    _send(signup=signup, key=f"events:signup:{signup.pk}:waiting", template="waiting")


def signup_promoted(*, signup: SignUp) -> None:
    # A sign-up leaves the waiting list once at most: confirmed sign-ups never go back to it.
    _send(signup=signup, key=f"events:signup:{signup.pk}:promoted", template="promoted")


def event_cancelled(*, signup: SignUp) -> None:
    _send(
        signup=signup,
        key=f"events:event:{signup.event_id}:cancelled:signup:{signup.pk}",
        template="event_cancelled",
        attach_ics=True,
    )


def signup_reminder(*, signup: SignUp) -> bool:
    """The reminder before the activity; sent once per sign-up however often the task runs."""
    key = f"events:signup:{signup.pk}:reminder"
    if OutgoingMail.objects.filter(key=key).exists():
        return False  # checked before the .ics is rendered: the daily run sees most sign-ups again
    return (
        mail_queue_template(
            key=key,
            user=signup.user,
            template_prefix="events/mail/reminder",
            context={
                "signup": signup,
                "event": signup.event,
                "event_url": _event_url(signup.event, signup.user.language),
                "my_url": _my_url(signup.user.language),
            },
            attachments=[_ics_attachment(signup.event)],
        )
        is not None
    )
