from celery import shared_task

from . import services


@shared_task
def weekly_openings_task() -> int:
    """Mondays: each partner still looking hears of the past week's openings that fit (once a week)."""
    return services.weekly_openings_send()
