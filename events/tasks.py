"""Celery tasks of the calendar: thin wrappers around services, safe to run twice."""

from celery import group, shared_task

from . import services
from .recurrence import series_generate_all


@shared_task
def occurrences_generate_all() -> int:
    """Nightly: keep every recurring activity generated ahead for its horizon."""
    return series_generate_all()


@shared_task
def reminders_send_due() -> int:
    """Hourly: remind everyone whose activity starts within EVENTS_REMINDER_HOURS (default 24). It
    only finds who is due and not yet reminded, and hands them out in chunks that the workers share;
    returns how many sign-ups it handed out."""
    chunks = services.signup_reminder_chunks()
    if chunks:
        group(reminders_send_chunk.s(chunk) for chunk in chunks).apply_async()
    return sum(len(chunk) for chunk in chunks)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def reminders_send_chunk(signup_ids: list[int]) -> int:
    """Render and queue the reminders of these sign-ups; a retry or a second chunk with the same
    sign-ups sends nothing twice (each reminder has its key)."""
    return services.signup_reminders_send_for(signup_ids=signup_ids)


# Nobody waits for its result: without one, queueing it (inside every sign-up request) costs no
# subscription to the result's channel in Redis, and the worker stores nothing.
@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def signup_mail_send_task(signup_id: int, kind: str) -> bool:
    """After a sign-up decision commits: render its mail (and .ics) and queue it, once."""
    return services.signup_mail_send(signup_id=signup_id, kind=kind)
