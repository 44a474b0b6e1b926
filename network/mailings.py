"""Sending a coordinator's mailing (`network.models.Mailing`) to the people it was addressed to.

The app that knows the audience (events: an activity's participants; companies: the HR staff of
member companies; mentors: the volunteers) creates the mailing and its recipient rows in one
transaction with `mailing_create`, then hands the mailing to the `mailing_send` task after commit.
The task splits the recipients into chunks that the workers share (`mailing_send_chunk`); each mail
is keyed on the mailing and the person in the outbox, so a retried or duplicated task mails nobody
twice. The recipient rows stay with the mailing: the coordinator sees who got it and in which language.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .models import Mailing, User
from .services import mail_batch, mail_queue_template, mail_render

MAILING_CHUNK_SIZE = 200
MAIL_TEMPLATE = "network/mail/mailing"


def _recipient_model(mailing: Mailing | type[Mailing]) -> type[models.Model]:
    return mailing._meta.get_field("recipients").related_model


def mailing_create(
    *,
    mailing: Mailing,
    users: Iterable[User],
    by: User,
    extra: dict | None = None,
    after_save: Callable[[Mailing], object] | None = None,
) -> Mailing:
    """Save a mailing written by the coordinator and the people it goes to (each once, in their own
    language), then send it through Celery after commit. `users` are the audience as the calling app
    decides it; inactive accounts are left out. `extra` sets further fields on each recipient row
    (a callable taking the user, such as the activity they take part in); `after_save` is called with
    the saved mailing, inside the transaction (to link it to the activities it is about)."""
    from .tasks import mailing_send

    mailing.sent_by = by
    for code in ("nb", "en"):
        setattr(mailing, f"subject_{code}", getattr(mailing, f"subject_{code}").strip())
        setattr(mailing, f"body_{code}", getattr(mailing, f"body_{code}").strip())
    with transaction.atomic():
        mailing.full_clean()
        mailing.save()
        if after_save:
            after_save(mailing)
        recipient_model = _recipient_model(mailing)
        seen: set[int] = set()
        rows = []
        for user in users:
            if user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            fields = {key: value(user) for key, value in (extra or {}).items()}
            rows.append(
                recipient_model(mailing=mailing, user=user, language=_mail_language(mailing, user), **fields)
            )
        recipient_model.objects.bulk_create(rows)
        mailing.recipient_count = len(rows)
        mailing.save(update_fields=["recipient_count"])
        label = mailing._meta.label
        transaction.on_commit(lambda: mailing_send.delay(label, mailing.pk))
    return mailing


def _mail_language(mailing: Mailing, user: User) -> str:
    return mailing.version_for(user.language)[2]


def mailing_chunks(*, label: str, mailing_id: int) -> list[list[int]]:
    """The ids of the recipients not yet mailed, in chunks of MAILING_CHUNK_SIZE (one query)."""
    recipient_model = _recipient_model(apps.get_model(label))
    ids = list(
        recipient_model.objects.filter(mailing_id=mailing_id, mailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [ids[i : i + MAILING_CHUNK_SIZE] for i in range(0, len(ids), MAILING_CHUNK_SIZE)]


def mailing_send_chunk(*, label: str, mailing_id: int, recipient_ids: list[int]) -> int:
    """Queue the mails of these recipients that are not yet mailed; returns how many were queued now.
    The outbox's key (the mailing and the person) makes a second run send nothing twice."""
    model = apps.get_model(label)
    mailing = model.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return 0
    recipient_model = _recipient_model(mailing)
    sent = 0
    rows = recipient_model.objects.filter(pk__in=recipient_ids, mailing=mailing, mailed_at__isnull=True)
    # One transaction and one send task for the chunk: a chunk that fails is retried whole, and the
    # mails' keys make that harmless.
    with transaction.atomic(), mail_batch():
        for row in rows.select_related("user"):
            sent += _mail_one(mailing=mailing, row=row, recipient_model=recipient_model)
    return sent


def _mail_one(*, mailing: Mailing, row, recipient_model) -> int:
    mail_queue_template(
        key=f"{mailing.mail_key_prefix}:{mailing.pk}:{row.user_id}",
        user=row.user,
        template_prefix=MAIL_TEMPLATE,
        context=mailing_context(mailing=mailing, language=row.user.language),
    )
    recipient_model.objects.filter(pk=row.pk).update(mailed_at=timezone.now())
    return 1


def mailing_context(*, mailing: Mailing, language: str) -> dict:
    subject, body, written_in = mailing.version_for(language)
    return {
        "mailing": mailing,
        "subject": subject,
        "body": body,
        "written_in": written_in,
        "translated_missing": written_in != language,
    }


def mailing_preview(*, mailing: Mailing, users: Iterable[User]) -> list[dict]:
    """What each group of recipients will get, before anything is saved: per mail language, the
    rendered subject and text as a person of that language receives it and how many get it."""
    readers = Counter(user.language for user in users if user.is_active)
    previews = []
    for language, name in settings.LANGUAGES:
        if not readers.get(language):
            continue
        subject, text, _html = mail_render(
            template_prefix=MAIL_TEMPLATE,
            context={"user": None, **mailing_context(mailing=mailing, language=language)},
            language=language,
        )
        previews.append(
            {
                "language": language,
                "language_name": name,
                "count": readers[language],
                "subject": subject,
                "text": text,
                "written_in": mailing.version_for(language)[2],
            }
        )
    return previews
