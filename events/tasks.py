"""Celery tasks of the calendar: thin wrappers around services, safe to run twice."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import mail
from .models import Event, SignUp
from .recurrence import series_generate_all


@shared_task
def occurrences_generate_all() -> int:
    """Nightly: keep every recurring activity generated ahead for its horizon."""
    return series_generate_all()


def reminder_hours() -> int:
    return getattr(settings, "EVENTS_REMINDER_HOURS", 24)


def reminders_due(*, now: dt.datetime | None = None):
    """Confirmed sign-ups of published activities that start within the reminder window."""
    now = now or timezone.now()
    return (
        SignUp.objects.filter(
            status=SignUp.Status.CONFIRMED,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + dt.timedelta(hours=reminder_hours()),
        )
        .select_related("user", "event__municipality", "event__category")
        .order_by("event__starts_at", "pk")
    )


@shared_task
def reminders_send_due() -> int:
    """Daily: remind everyone whose activity starts within EVENTS_REMINDER_HOURS (default 24).

    Each reminder is recorded under its sign-up's key, so a second run that day, a retried
    task or an overlapping window sends nothing twice. Returns how many were queued now.
    """
    return sum(1 for signup in reminders_due() if mail.signup_reminder(signup=signup))
