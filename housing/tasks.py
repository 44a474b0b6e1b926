from celery import shared_task

from . import services


@shared_task
def offers_expire_task() -> int:
    """Hourly: offers not answered in time free their unit; the applicant is told (once)."""
    return services.offers_expire()


@shared_task
def move_out_reminders_task() -> int:
    """Daily: tenants moving out within a month are reminded, with the coordinator (once per date)."""
    return services.move_out_reminders_send()
