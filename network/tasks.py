from celery import shared_task

from .services import TemporaryMailError, mail_send, outgoing_mail_bodies_purge


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


@shared_task
def ping() -> str:
    """Answers "pong": lets /healthz and the CI round-trip test see a worker execute a task."""
    return "pong"


@shared_task
def outgoing_mail_bodies_purge_task() -> int:
    """Daily: sent mail keeps its body only SENT_MAIL_BODY_DAYS (30) days."""
    return outgoing_mail_bodies_purge()
