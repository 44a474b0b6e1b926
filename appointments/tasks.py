"""Celery tasks of the meetings: thin wrappers around services, safe to run twice."""

from celery import group, shared_task

from . import services

CHUNK = 50


@shared_task
def reminders_send_due_task() -> int:
    """Daily: remind everyone (and the contact person) of tomorrow's meetings. It only finds who is
    due and not yet reminded, and hands them out in chunks the workers share."""
    due = services.bookings_due_reminder()
    chunks = [due[start : start + CHUNK] for start in range(0, len(due), CHUNK)]
    if chunks:
        group(reminders_send_chunk_task.s(chunk) for chunk in chunks).apply_async()
    return len(due)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5, ignore_result=True)
def reminders_send_chunk_task(booking_ids: list[int]) -> int:
    """Queue these reminders; a retry or a second run sends nothing twice (each has its key)."""
    return services.reminders_send_for(booking_ids=booking_ids)
