"""Celery tasks of the company network: thin wrappers around services, safe to run twice."""

from celery import shared_task

from .services import hire_invitation_reminders_send


@shared_task
def hire_invitation_reminders_send_task() -> int:
    """Daily: remind hires who have not accepted their invitation in time (each once)."""
    return hire_invitation_reminders_send()
