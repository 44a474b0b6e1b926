"""Celery tasks of the calendar: thin wrappers around services, safe to run twice."""

from celery import shared_task

from . import services
from .recurrence import series_generate_all


@shared_task
def occurrences_generate_all() -> int:
    """Nightly: keep every recurring activity generated ahead for its horizon."""
    return series_generate_all()


@shared_task
def reminders_send_due() -> int:
    """Hourly: remind everyone whose activity starts within EVENTS_REMINDER_HOURS (default 24)."""
    return services.signup_reminders_send()


# Nobody waits for its result: without one, queueing it (inside every sign-up request) costs no
# subscription to the result's channel in Redis, and the worker stores nothing.
@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def signup_mail_send_task(signup_id: int, kind: str) -> bool:
    """After a sign-up decision commits: render its mail (and .ics) and queue it, once."""
    return services.signup_mail_send(signup_id=signup_id, kind=kind)
