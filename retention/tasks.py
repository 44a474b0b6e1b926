from celery import shared_task

from . import services


@shared_task
def surveys_send_due_task() -> dict[str, int]:
    """Daily: survey invitations that fall due (each once per person, survey and year) and reminders."""
    return services.surveys_send_due()
