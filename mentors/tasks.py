from celery import shared_task

from . import services


@shared_task
def follow_ups_send_due_task() -> int:
    """Daily: ask both sides of matches that have run 1 or 6 months how it goes (each asked once)."""
    return services.follow_ups_send_due()
