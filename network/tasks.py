from celery import group, shared_task

from .mailings import mailing_chunks, mailing_send_chunk
from .services import TemporaryMailError, mail_send, mails_send, outgoing_mail_bodies_purge


@shared_task(
    autoretry_for=(TemporaryMailError,),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    max_retries=8,
    acks_late=True,
)
def outgoing_mail_send(mail_id: int) -> bool:
    """Send one recorded mail; a retry or a duplicate delivery of this task sends nothing twice."""
    return mail_send(mail_id=mail_id)


@shared_task(
    autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def outgoing_mails_send(mail_ids: list[int]) -> int:
    """Send a batch of recorded mails (a chunk of reminders, a mailing) over one connection; a mail
    the server refuses for now is retried on its own, and none is sent twice."""
    return mails_send(mail_ids=mail_ids)


@shared_task
def ping() -> str:
    """Answers "pong": lets /healthz and the CI round-trip test see a worker execute a task."""
    return "pong"


@shared_task
def outgoing_mail_bodies_purge_task() -> int:
    """Daily: sent mail keeps its body only SENT_MAIL_BODY_DAYS (30) days."""
    return outgoing_mail_bodies_purge()


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def mailing_send(label: str, mailing_id: int) -> int:
    """After a coordinator's mailing commits: hand its recipients not yet mailed out in chunks that
    the workers share. Safe to run twice: each mail has its key in the outbox."""
    chunks = mailing_chunks(label=label, mailing_id=mailing_id)
    if chunks:
        group(mailing_send_chunk_task.s(label, mailing_id, chunk) for chunk in chunks).apply_async()
    return sum(len(chunk) for chunk in chunks)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def mailing_send_chunk_task(label: str, mailing_id: int, recipient_ids: list[int]) -> int:
    return mailing_send_chunk(label=label, mailing_id=mailing_id, recipient_ids=recipient_ids)
