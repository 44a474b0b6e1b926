import datetime as dt

import pytest
from dateutil import rrule
from django.utils import timezone
from freezegun import freeze_time

from events.models import Event, EventSeries, MonthlyPosition, SignUp
from events.recurrence import (
    series_exception_add,
    series_occurrences_generate,
    series_rrule,
    series_rrule_text,
    series_update_future,
)
from tests.network.factories import UserFactory

from .factories import SignUpFactory
from .factories_series import EventSeriesFactory

pytestmark = pytest.mark.django_db


def _dates(series):
    return list(
        Event.objects.filter(series=series)
        .order_by("occurrence_date")
        .values_list("occurrence_date", flat=True)
    )


@freeze_time("2026-08-20 10:00")
def test_weekly_tuesdays_become_real_events_in_local_time():
    series = EventSeriesFactory()
    created = series_occurrences_generate(series=series)
    dates = _dates(series)
    assert created == len(dates) == 16  # every Tuesday from 1 September to 15 December 2026
    assert all(day.weekday() == 1 for day in dates)
    assert dates[0] == dt.date(2026, 9, 1) and dates[-1] == dt.date(2026, 12, 15)
    first = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 1))
    local = timezone.localtime(first.starts_at)
    assert (local.hour, local.minute) == (18, 0)
    # After the change to winter time the local hour stays 18:00.
    last = Event.objects.get(series=series, occurrence_date=dt.date(2026, 12, 15))
    assert timezone.localtime(last.starts_at).hour == 18
    assert first.title_en == "Norwegian course" and first.title_nb == "Norskkurs"
    assert first.capacity == 12 and first.childcare_offered


@freeze_time("2026-08-20 10:00")
def test_generating_twice_creates_nothing_new():
    series = EventSeriesFactory()
    series_occurrences_generate(series=series)
    assert series_occurrences_generate(series=series) == 0
    assert Event.objects.filter(series=series).count() == 16


@freeze_time("2026-08-20 10:00")
def test_the_horizon_limits_how_far_ahead_occurrences_are_made():
    series = EventSeriesFactory(horizon_days=30, until=None)
    series_occurrences_generate(series=series)
    assert max(_dates(series)) <= dt.date(2026, 9, 19)
    assert len(_dates(series)) == 3


@freeze_time("2026-01-10 10:00")
def test_quarterly_meeting_with_count():
    series = EventSeriesFactory(
        frequency=EventSeries.Frequency.MONTHLY,
        interval=3,
        weekdays="",
        start_date=dt.date(2026, 2, 5),
        until=None,
        count=4,
    )
    series_occurrences_generate(series=series)
    assert _dates(series) == [
        dt.date(2026, 2, 5),
        dt.date(2026, 5, 5),
        dt.date(2026, 8, 5),
        dt.date(2026, 11, 5),
    ]
    assert series_rrule_text(series=series) == "RRULE:FREQ=MONTHLY;INTERVAL=3;COUNT=4"


@freeze_time("2026-08-20 10:00")
def test_an_edit_moves_future_occurrences_without_sign_ups_and_keeps_the_others():
    series = EventSeriesFactory()
    series_occurrences_generate(series=series)
    booked = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 8))
    signup = SignUpFactory(event=booked, user=UserFactory())
    series.start_time = dt.time(17, 0)
    series.end_time = dt.time(19, 0)
    series.title_en = "Norwegian course, level 1"
    series.save()
    result = series_update_future(series=series)
    assert result["updated"] == 15
    booked.refresh_from_db()
    assert timezone.localtime(booked.starts_at).hour == 18
    assert booked.title_en == "Norwegian course"
    other = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 15))
    assert timezone.localtime(other.starts_at).hour == 17
    assert other.title_en == "Norwegian course, level 1"
    assert SignUp.objects.filter(pk=signup.pk).exists()


@freeze_time("2026-08-20 10:00")
def test_changing_the_weekday_removes_empty_dates_and_never_sign_ups():
    series = EventSeriesFactory()
    series_occurrences_generate(series=series)
    booked = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 8))
    SignUpFactory(event=booked, status=SignUp.Status.CANCELLED, user=UserFactory())
    series.weekdays = "TH"
    series.save()
    series_update_future(series=series)
    dates = _dates(series)
    assert dt.date(2026, 9, 8) in dates  # has a (cancelled) sign-up: kept
    assert dt.date(2026, 9, 15) not in dates
    assert dt.date(2026, 9, 3) in dates and dt.date(2026, 9, 10) in dates
    assert SignUp.objects.count() == 1


@freeze_time("2026-08-20 10:00")
def test_a_cancelled_date_is_skipped_and_its_participants_are_told(
    mailoutbox, django_capture_on_commit_callbacks
):
    series = EventSeriesFactory()
    series_occurrences_generate(series=series)
    booked = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 8))
    SignUpFactory(event=booked, user=UserFactory(language="nb"))
    with django_capture_on_commit_callbacks(execute=True):
        series_exception_add(series=series, date=dt.date(2026, 9, 8), reason="Høstferie")
        series_exception_add(series=series, date=dt.date(2026, 9, 15), reason="")
    booked.refresh_from_db()
    assert booked.status == Event.Status.CANCELLED
    assert not Event.objects.filter(series=series, occurrence_date=dt.date(2026, 9, 15)).exists()
    assert len(mailoutbox) == 1
    # Regenerating does not bring the cancelled date back.
    series_occurrences_generate(series=series)
    assert not Event.objects.filter(series=series, occurrence_date=dt.date(2026, 9, 15)).exists()


@freeze_time("2026-08-20 10:00")
def test_an_inactive_series_generates_nothing():
    series = EventSeriesFactory(active=False)
    assert series_occurrences_generate(series=series) == 0


def test_the_weekday_codes_are_written_once():
    from events.admin_series import EventSeriesForm
    from events.models import Weekday

    assert Weekday.values == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert EventSeriesForm.base_fields["weekday_choices"].choices == list(Weekday.choices)
    monday = dt.date(2030, 1, 7)
    for offset, code in enumerate(Weekday.values):
        series = EventSeriesFactory(start_date=monday, weekdays=code, count=1, until=None)
        assert series_rrule(series=series)[0].date() == monday + dt.timedelta(days=offset)


# --- monthly by position, public holidays and a break -------------------------------------------

FIRST_THURSDAYS_2026 = [
    dt.date(2026, 1, 1),
    dt.date(2026, 2, 5),
    dt.date(2026, 3, 5),
    dt.date(2026, 4, 2),
    dt.date(2026, 5, 7),
    dt.date(2026, 6, 4),
    dt.date(2026, 7, 2),
    dt.date(2026, 8, 6),
    dt.date(2026, 9, 3),
    dt.date(2026, 10, 1),
    dt.date(2026, 11, 5),
    dt.date(2026, 12, 3),
]


def _monthly(**overrides):
    return EventSeriesFactory(
        **{
            "frequency": EventSeries.Frequency.MONTHLY,
            "weekdays": "TH",
            "monthly_position": MonthlyPosition.FIRST,
            "start_date": dt.date(2026, 1, 1),
            "until": dt.date(2026, 12, 31),
            "horizon_days": 400,
            **overrides,
        }
    )


@freeze_time("2025-12-01 10:00")
def test_first_thursday_of_the_month_is_once_a_month_not_every_thursday():
    series = _monthly()

    series_occurrences_generate(series=series)

    assert _dates(series) == FIRST_THURSDAYS_2026
    assert series_rrule_text(series=series) == "RRULE:FREQ=MONTHLY;UNTIL=20261231T235900;BYSETPOS=1;BYDAY=TH"
    # The line means the same to any RFC 5545 reader (the order of the parts is free).
    parsed = rrule.rrulestr(str(series_rrule(series=series)))
    assert [day.date() for day in parsed] == FIRST_THURSDAYS_2026


@freeze_time("2025-12-01 10:00")
def test_last_thursday_of_the_month_reaches_new_years_eve():
    series = _monthly(monthly_position=MonthlyPosition.LAST)

    series_occurrences_generate(series=series)

    dates = _dates(series)
    assert len(dates) == 12
    assert all(day.weekday() == 3 and (day + dt.timedelta(days=7)).month != day.month for day in dates)
    assert dates[0] == dt.date(2026, 1, 29) and dates[-1] == dt.date(2026, 12, 31)
    assert "BYSETPOS=-1;BYDAY=TH" in series_rrule_text(series=series)


def test_a_position_without_a_weekday_takes_the_start_dates_weekday():
    series = _monthly(weekdays="", monthly_position=MonthlyPosition.SECOND, start_date=dt.date(2026, 1, 6))

    assert [day.date() for day in series_rrule(series=series)][:3] == [
        dt.date(2026, 1, 13),
        dt.date(2026, 2, 10),
        dt.date(2026, 3, 10),
    ]
    assert series_rrule_text(series=series).endswith("BYSETPOS=2;BYDAY=TU")


@freeze_time("2026-01-10 10:00")
def test_norwegian_public_holidays_are_skipped_when_asked():
    thursdays = {"weekdays": "TH", "start_date": dt.date(2026, 3, 1), "until": dt.date(2026, 6, 30)}
    skipping = EventSeriesFactory(skip_public_holidays=True, **thursdays)
    keeping = EventSeriesFactory(**thursdays)

    series_occurrences_generate(series=skipping)
    series_occurrences_generate(series=keeping)

    holidays_2026 = {dt.date(2026, 4, 2), dt.date(2026, 5, 14)}  # Maundy Thursday, Ascension Day
    assert holidays_2026 <= set(_dates(keeping))
    assert not holidays_2026 & set(_dates(skipping))
    assert len(_dates(skipping)) == len(_dates(keeping)) - 2


@freeze_time("2027-01-10 10:00")
def test_constitution_day_and_easter_monday_are_skipped():
    series = EventSeriesFactory(
        weekdays="MO", skip_public_holidays=True, start_date=dt.date(2027, 3, 1), until=dt.date(2027, 5, 31)
    )

    series_occurrences_generate(series=series)

    dates = set(_dates(series))
    assert dt.date(2027, 5, 17) not in dates  # Constitution Day (and Whit Monday)
    assert dt.date(2027, 3, 29) not in dates  # Easter Monday
    assert {dt.date(2027, 5, 10), dt.date(2027, 5, 24)} <= dates


@freeze_time("2026-11-01 10:00")
def test_the_break_is_skipped_from_its_first_to_its_last_day():
    series = EventSeriesFactory(
        weekdays="TH",
        start_date=dt.date(2026, 11, 1),
        until=dt.date(2027, 1, 31),
        skip_from=dt.date(2026, 12, 20),
        skip_to=dt.date(2027, 1, 7),
    )

    series_occurrences_generate(series=series)

    dates = _dates(series)
    assert dt.date(2026, 12, 17) in dates and dt.date(2027, 1, 14) in dates
    assert not {dt.date(2026, 12, 24), dt.date(2026, 12, 31), dt.date(2027, 1, 7)} & set(dates)


@freeze_time("2025-12-01 10:00")
def test_last_thursday_with_holidays_and_a_christmas_break_skips_new_years_eve():
    series = _monthly(
        monthly_position=MonthlyPosition.LAST,
        skip_public_holidays=True,
        skip_from=dt.date(2026, 12, 20),
        skip_to=dt.date(2027, 1, 3),
    )

    series_occurrences_generate(series=series)

    dates = _dates(series)
    assert dt.date(2026, 12, 31) not in dates
    assert dt.date(2026, 11, 26) in dates and len(dates) == 11
