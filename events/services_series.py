"""Saving a recurring activity: the series itself, then its occurrences brought in line with it.

Each service is one transaction, so a series is never saved without its occurrences following.
How the rule becomes dates and rows is in `recurrence.py`.
"""

from typing import Any

from django.db import transaction

from .models import EventSeries
from .recurrence import (
    series_exception_apply,
    series_occurrences_generate,
    series_skipped_apply,
    series_update_future,
)


@transaction.atomic
def series_create(*, fields: dict[str, Any]) -> tuple[EventSeries, dict[str, int]]:
    """A new recurring activity (model field name → value) with its occurrences up to the horizon.

    Returns the series and how many occurrences were created, updated and removed.
    """
    series = EventSeries(**fields)
    series.full_clean()
    series.save()
    created = series_occurrences_generate(series=series)
    return series, {"created": created, "updated": 0, "deleted": 0}


@transaction.atomic
def series_update(*, series: EventSeries, changes: dict[str, Any]) -> dict[str, int]:
    """Change a recurring activity and its future occurrences (those nobody has signed up for).

    Only the changed fields are written. Returns how many occurrences were created, updated
    and removed.
    """
    locked = EventSeries.objects.select_for_update().get(pk=series.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=list(changes))
    for name in changes:
        setattr(series, name, getattr(locked, name))
    return series_occurrences_sync(series=locked)


@transaction.atomic
def series_occurrences_sync(*, series: EventSeries) -> dict[str, int]:
    """Apply the cancelled dates and the skipped ones (the break, public holidays), then update,
    remove or create future occurrences to match the rule.

    Safe to run again: a second run changes nothing. Returns how many occurrences were created,
    updated and removed.
    """
    removed = sum(series_exception_apply(exception=exception) for exception in series.exceptions.all())
    removed += series_skipped_apply(series=series)
    counts = series_update_future(series=series)
    return {**counts, "deleted": counts["deleted"] + removed}
