"""Recurring activities ("årshjul"): RFC 5545 rules turned into real Event rows.

Each occurrence is an ordinary Event (its own capacity and sign-ups), keyed by
(series, occurrence_date) in the database, so generating twice creates nothing new.
Edits to a series reach only future occurrences that nobody has signed up for: people who
signed up keep the activity they signed up for, and sign-ups are never deleted. A date the
series skips (a cancelled date, its break, a public holiday) is different: the activity does not
take place, so an occurrence there is cancelled and its participants told.
"""

import datetime as dt
from collections.abc import Callable, Iterator

import holidays
from dateutil import rrule
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

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
    "language",
    "price_nok",
    "capacity",
    "childcare_offered",
    "childcare_capacity",
)
_TRANSLATED = ("title", "summary", "description", "venue_notes", "what_to_bring")


# A series has one organiser (a name); its occurrences, whose organiser is translated, get it in
# every language, so editing it from either language's admin reaches every page.
_ONE_FOR_ALL_LANGUAGES = ("organiser",)


def _content_fields() -> list[str]:
    languages = [code for code, _name in settings.LANGUAGES]
    return [
        *_BASE_FIELDS,
        *_TRANSLATED,
        *(f"{f}_{lang}" for f in _TRANSLATED for lang in languages),
        *(f"{f}_{lang}" for f in _ONE_FOR_ALL_LANGUAGES for lang in languages),
    ]


def _series_value(series: EventSeries, field: str):
    base = field.rsplit("_", 1)[0]
    return getattr(series, base if base in _ONE_FOR_ALL_LANGUAGES else field)


def series_weekdays(series: EventSeries) -> list[str]:
    return [code for code in (series.weekdays or "").split(",") if code in WEEKDAYS]


def series_monthly_weekday(series: EventSeries) -> str:
    """The weekday of a monthly rule by position: the chosen one, else the start date's."""
    weekdays = series_weekdays(series)
    return weekdays[0] if weekdays else Weekday.values[series.start_date.weekday()]


def series_rrule(*, series: EventSeries) -> rrule.rrule:
    """The series' rule with its dates (times are added per occurrence in local time)."""
    kwargs = {
        "freq": FREQUENCIES[series.frequency],
        "interval": series.interval or 1,
        "dtstart": dt.datetime.combine(series.start_date, dt.time()),
    }
    weekdays = series_weekdays(series)
    if series.monthly_position is not None:
        # "The first Thursday": of the month's Thursdays (BYDAY), the first (BYSETPOS).
        kwargs["byweekday"] = [WEEKDAYS[series_monthly_weekday(series)]]
        kwargs["bysetpos"] = series.monthly_position
    elif weekdays:
        kwargs["byweekday"] = [WEEKDAYS[code] for code in weekdays]
    if series.until:
        kwargs["until"] = dt.datetime.combine(series.until, dt.time(23, 59))
    elif series.count:
        kwargs["count"] = series.count
    return rrule.rrule(**kwargs)


def series_rrule_text(*, series: EventSeries) -> str:
    """The rule as an RFC 5545 RRULE line, shown to the coordinator in the admin."""
    return str(series_rrule(series=series)).splitlines()[-1]


def series_skip_test(series: EventSeries) -> Callable[[dt.date], bool]:
    """Whether a date falls in the series' break or, if it skips them, on a Norwegian public holiday.

    The holiday calendar comes from the `holidays` package's own data (no network), each year
    worked out the first time a date in it is asked about.
    """
    public_holidays = (
        holidays.country_holidays("NO", years=series.start_date.year) if series.skip_public_holidays else ()
    )
    skip_from, skip_to = series.skip_from, series.skip_to

    def skipped(day: dt.date) -> bool:
        in_break = skip_from is not None and skip_to is not None and skip_from <= day <= skip_to
        return in_break or day in public_holidays

    return skipped


def series_dates_iter(*, series: EventSeries) -> Iterator[dt.date]:
    """Dates of the rule from its start, without cancelled dates, the break and skipped holidays."""
    cancelled = set(series.exceptions.values_list("date", flat=True)) if series.pk else set()
    skipped = series_skip_test(series)
    for occurrence in series_rrule(series=series):
        day = occurrence.date()
        if day not in cancelled and not skipped(day):
            yield day


def series_dates(*, series: EventSeries, until: dt.date) -> list[dt.date]:
    """Dates of the rule from its start up to `until` (inclusive), skipped and cancelled ones left out."""
    dates = []
    for day in series_dates_iter(series=series):
        if day > until:
            break
        dates.append(day)
    return dates


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def _occurrence_values(series: EventSeries, day: dt.date) -> dict:
    starts_at = _aware(day, series.start_time)
    ends_day = day if series.end_time > series.start_time else day + dt.timedelta(days=1)
    values = {field: _series_value(series, field) for field in _content_fields()}
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


def _in_every_language(message: Callable[[], str]) -> str:
    """A text stored once for everyone (an occurrence's reason for cancelling), in each language."""
    texts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.append(str(message()))
    return " / ".join(dict.fromkeys(texts))


def _skip_reason(series: EventSeries, day: dt.date) -> str:
    if series.skip_from and series.skip_to and series.skip_from <= day <= series.skip_to:
        return _in_every_language(
            lambda: (
                _("The activity takes a break from %(from)s to %(to)s.")
                % {
                    "from": formats.date_format(series.skip_from, "DATE_FORMAT"),
                    "to": formats.date_format(series.skip_to, "DATE_FORMAT"),
                }
            )
        )
    return _in_every_language(lambda: _("The activity does not take place on public holidays."))


@transaction.atomic
def series_skipped_apply(*, series: EventSeries) -> int:
    """Take future occurrences off the series' skipped dates (its break, public holidays).

    Like a cancelled date: an occurrence anyone signed up for is cancelled (those still signed
    up are told), an empty one is removed. Returns how many were removed.
    """
    skipped = series_skip_test(series)
    future = (
        Event.objects.filter(series=series, occurrence_date__gte=timezone.localdate())
        .exclude(status=Event.Status.CANCELLED)
        .annotate(has_signups=Exists(SignUp.objects.filter(event=OuterRef("pk"))))
    )
    removed = 0
    for event in future:
        if not skipped(event.occurrence_date):
            continue
        if event.has_signups:
            event_cancel(event=event, reason=_skip_reason(series, event.occurrence_date))
        else:
            event.delete()
            removed += 1
    if removed:
        calendar_changed()
    return removed


def series_generate_all() -> int:
    """Generate ahead for every active series (the nightly beat task)."""
    total = 0
    for series in EventSeries.objects.filter(active=True).prefetch_related("exceptions"):
        total += series_occurrences_generate(series=series)
    return total
