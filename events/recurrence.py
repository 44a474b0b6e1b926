"""Recurring activities ("årshjul"): RFC 5545 rules turned into real Event rows.

Each occurrence is an ordinary Event (its own capacity and sign-ups), keyed by
(series, occurrence_date) in the database, so generating twice creates nothing new.
Edits to a series reach only future occurrences that nobody has signed up for: people who
signed up keep the activity they signed up for, and sign-ups are never deleted.
"""

import datetime as dt

from dateutil import rrule
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Event, EventSeries, EventSeriesException, SignUp, Weekday
from .services import calendar_changed, event_cancel

# dateutil names its weekdays with the same RFC 5545 codes.
WEEKDAYS = {code: getattr(rrule, code) for code in Weekday.values}
FREQUENCIES = {
    EventSeries.Frequency.WEEKLY: rrule.WEEKLY,
    EventSeries.Frequency.MONTHLY: rrule.MONTHLY,
    EventSeries.Frequency.YEARLY: rrule.YEARLY,
}
# Copied from the series to each occurrence, in every language.
_BASE_FIELDS = (
    "category_id",
    "audience",
    "municipality_id",
    "venue_name",
    "address",
    "organiser",
    "language",
    "price_nok",
    "capacity",
    "childcare_offered",
    "childcare_capacity",
)
_TRANSLATED = ("title", "summary", "description", "venue_notes", "what_to_bring")


def _content_fields() -> list[str]:
    languages = [code for code, _name in settings.LANGUAGES]
    return [*_BASE_FIELDS, *_TRANSLATED, *(f"{f}_{lang}" for f in _TRANSLATED for lang in languages)]


def series_weekdays(series: EventSeries) -> list[str]:
    return [code for code in (series.weekdays or "").split(",") if code in WEEKDAYS]


def series_rrule(*, series: EventSeries) -> rrule.rrule:
    """The series' rule with its dates (times are added per occurrence in local time)."""
    kwargs = {
        "freq": FREQUENCIES[series.frequency],
        "interval": series.interval or 1,
        "dtstart": dt.datetime.combine(series.start_date, dt.time()),
    }
    weekdays = series_weekdays(series)
    if weekdays:
        kwargs["byweekday"] = [WEEKDAYS[code] for code in weekdays]
    if series.until:
        kwargs["until"] = dt.datetime.combine(series.until, dt.time(23, 59))
    elif series.count:
        kwargs["count"] = series.count
    return rrule.rrule(**kwargs)


def series_rrule_text(*, series: EventSeries) -> str:
    """The rule as an RFC 5545 RRULE line, shown to the coordinator in the admin."""
    return str(series_rrule(series=series)).splitlines()[-1]


def series_dates(*, series: EventSeries, until: dt.date) -> list[dt.date]:
    """Dates of the rule from its start up to `until` (inclusive), exceptions left out."""
    skip = set(series.exceptions.values_list("date", flat=True)) if series.pk else set()
    dates = []
    for occurrence in series_rrule(series=series):
        day = occurrence.date()
        if day > until:
            break
        if day not in skip:
            dates.append(day)
    return dates


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def _occurrence_values(series: EventSeries, day: dt.date) -> dict:
    starts_at = _aware(day, series.start_time)
    ends_day = day if series.end_time > series.start_time else day + dt.timedelta(days=1)
    values = {field: getattr(series, field) for field in _content_fields()}
    values.update(
        starts_at=starts_at,
        ends_at=_aware(ends_day, series.end_time),
        registration_opens_at=(
            starts_at - dt.timedelta(days=series.registration_opens_days_before)
            if series.registration_opens_days_before is not None
            else None
        ),
        registration_closes_at=(
            starts_at - dt.timedelta(hours=series.registration_closes_hours_before)
            if series.registration_closes_hours_before is not None
            else None
        ),
    )
    return values


def _horizon(series: EventSeries, until: dt.date | None) -> dt.date:
    return until or (timezone.localdate() + dt.timedelta(days=series.horizon_days))


@transaction.atomic
def series_occurrences_generate(*, series: EventSeries, until: dt.date | None = None) -> int:
    """Create the missing future occurrences up to the horizon. Returns how many were created."""
    if not series.active:
        return 0
    today = timezone.localdate()
    existing = set(Event.objects.filter(series=series).values_list("occurrence_date", flat=True))
    created = []
    for day in series_dates(series=series, until=_horizon(series, until)):
        if day < today or day in existing:
            continue
        event = Event(series=series, occurrence_date=day, **_occurrence_values(series, day))
        event.full_clean(validate_unique=False, validate_constraints=False)
        created.append(event)
    # ignore_conflicts: a concurrent run (beat and an admin save at once) may create the same date.
    Event.objects.bulk_create(created, ignore_conflicts=True)
    if created:
        calendar_changed()
    return len(created)


@transaction.atomic
def series_update_future(*, series: EventSeries) -> dict[str, int]:
    """Bring future occurrences in line with an edited series.

    Occurrences with active sign-ups are left exactly as they are (people signed up for
    that time and place); the others take the new content and times, or are removed when
    the rule no longer has their date and nobody — not even a cancelled sign-up — refers
    to them.
    """
    today = timezone.localdate()
    horizon = _horizon(series, None)
    wanted = set(series_dates(series=series, until=horizon)) if series.active else set()
    future = Event.objects.filter(series=series, occurrence_date__gte=today).select_for_update()
    with_active = set(
        SignUp.objects.filter(event__in=future)
        .exclude(status=SignUp.Status.CANCELLED)
        .values_list("event_id", flat=True)
    )
    with_any = set(SignUp.objects.filter(event__in=future).values_list("event_id", flat=True))
    updated = deleted = 0
    fields = [*_content_fields(), "starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]
    to_update = []
    for event in future:
        if event.pk in with_active or event.status == Event.Status.CANCELLED:
            continue
        if event.occurrence_date not in wanted:
            if event.pk not in with_any:
                event.delete()
                deleted += 1
            continue
        values = _occurrence_values(series, event.occurrence_date)
        if all(getattr(event, field) == value for field, value in values.items()):
            continue
        for field, value in values.items():
            setattr(event, field, value)
        to_update.append(event)
    if to_update:
        Event.objects.bulk_update(to_update, fields)
        updated = len(to_update)
    created = series_occurrences_generate(series=series)
    if updated or deleted:
        calendar_changed()
    return {"updated": updated, "deleted": deleted, "created": created}


@transaction.atomic
def series_exception_add(*, series: EventSeries, date: dt.date, reason: str = "") -> EventSeriesException:
    """Cancel one date of a series: the occurrence is cancelled (everyone told) or removed if empty."""
    exception, _ = EventSeriesException.objects.get_or_create(
        series=series, date=date, defaults={"reason": reason}
    )
    series_exception_apply(exception=exception)
    return exception


def series_exception_apply(*, exception: EventSeriesException) -> bool:
    """Cancel the occurrence on a cancelled date, or remove it if nobody signed up. True if removed."""
    event = Event.objects.filter(series_id=exception.series_id, occurrence_date=exception.date).first()
    if event is None or event.status == Event.Status.CANCELLED:
        return False
    if SignUp.objects.filter(event=event).exists():
        event_cancel(event=event, reason=exception.reason)
        return False
    event.delete()
    calendar_changed()
    return True


def series_generate_all() -> int:
    """Generate ahead for every active series (the nightly beat task)."""
    total = 0
    for series in EventSeries.objects.filter(active=True).prefetch_related("exceptions"):
        total += series_occurrences_generate(series=series)
    return total
