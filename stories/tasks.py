from celery import shared_task

from . import digest


@shared_task
def weekly_digest_task() -> int:
    """Weekly: each person who asked for it hears of what fits them (once per ISO week)."""
    return digest.weekly_digest_send()
