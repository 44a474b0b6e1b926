"""The e-mails about sign-ups. Each has a unique key, so no one gets the same message twice.

Everything in a mail is in its recipient's language (their saved preference), whoever or whatever
sent it (a request in the other language, a task, the admin): the text, the links and the .ics.
"""

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from network.models import OutgoingMail
from network.services import Attachment, absolute_url, mail_queue_template

from .models import Event, SignUp

CONFIRMED, WAITING, PROMOTED, EVENT_CANCELLED, REMINDER = (
    "confirmed",
    "waiting",
    "promoted",
    "event-cancelled",
    "reminder",
)
# kind -> (the mail's key, its templates under events/mail/)
_KINDS = {
    CONFIRMED: ("events:signup:{signup.pk}:confirmed", "confirmation"),
    WAITING: ("events:signup:{signup.pk}:waiting", "waiting"),
    # A sign-up leaves the waiting list once at most: confirmed sign-ups never go back to it.
    PROMOTED: ("events:signup:{signup.pk}:promoted", "promoted"),
    EVENT_CANCELLED: ("events:event:{signup.event_id}:cancelled:signup:{signup.pk}", "event_cancelled"),
    REMINDER: ("events:signup:{signup.pk}:reminder", "reminder"),
}


def recorded(kind: str) -> Exists:
    """For a query of sign-ups: whether this mail was already recorded for the sign-up (its key,
    built in SQL), so that a run can leave out, in one query, everyone it was sent to before."""
    before, after = _KINDS[kind][0].split("{signup.pk}")
    assert "{" not in before + after, "only keys made of the sign-up's id can be built in SQL"
    key = Concat(Value(before), Cast(OuterRef("pk"), CharField()), Value(after), output_field=CharField())
    return Exists(OutgoingMail.objects.filter(key=key))


def _shared(shared: dict | None, key: tuple, build):
    """What a batch of mails has in common (an activity's .ics and links per language), built once
    for the batch; without a batch, built each time."""
    if shared is None:
        return build()
    if key not in shared:
        shared[key] = build()
    return shared[key]


def _ics_attachment(event: Event, language: str) -> Attachment:
    from .ics import event_ics_bytes

    return Attachment(
        f"activity-{event.pk}.ics", event_ics_bytes(event=event, language=language), "text/calendar"
    )


def signup_mail(*, signup: SignUp, kind: str, shared: dict | None = None) -> bool:
    """Render one of a sign-up's mails with its .ics and queue it; False if it was queued before.

    The key is checked before anything is rendered, so running it again (a retried task, the
    hourly reminder run) costs one query. A batch (`shared`, the reminders of a chunk) reads only
    sign-ups without the mail, and builds what its mails have in common once.
    """
    key_format, template = _KINDS[kind]
    key = key_format.format(signup=signup)
    if shared is None and OutgoingMail.objects.filter(key=key).exists():
        return False
    user, event = signup.user, signup.event
    language = user.language
    return (
        mail_queue_template(
            key=key,
            user=user,
            template_prefix=f"events/mail/{template}",
            context={
                "signup": signup,
                "event": event,
                "event_url": _shared(
                    shared,
                    ("event_url", event.pk, language),
                    lambda: absolute_url(
                        reverse("events:detail", kwargs={"pk": event.pk}), language=language
                    ),
                ),
                "my_url": _shared(
                    shared,
                    ("my_url", language),
                    lambda: absolute_url(reverse("events:my"), language=language),
                ),
            },
            attachments=[
                _shared(shared, ("ics", event.pk, language), lambda: _ics_attachment(event, language))
            ],
        )
        is not None
    )


def signup_reminder(*, signup: SignUp, shared: dict | None = None) -> bool:
    """The reminder before the activity; sent once per sign-up however often the task runs."""
    return signup_mail(signup=signup, kind=REMINDER, shared=shared)
