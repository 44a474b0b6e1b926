import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from freezegun import freeze_time

from events.models import Event, EventSeries, EventSeriesException, MonthlyPosition
from events.services_series import series_create, series_occurrences_sync, series_update
from tests.network.factories import MunicipalityFactory, UserFactory

from .factories import CategoryFactory, SignUpFactory
from .factories_series import EventSeriesFactory

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    return {
        "title_nb": "Norskkurs",
        "title_en": "Norwegian course",
        "category": CategoryFactory(),
        "municipality": MunicipalityFactory(),
        "capacity": 12,
        "weekdays": "TU",
        "start_date": dt.date(2026, 9, 1),
        "start_time": dt.time(18, 0),
        "end_time": dt.time(20, 0),
        "until": dt.date(2026, 12, 15),
        "horizon_days": 365,
        **overrides,
    }


@freeze_time("2026-08-20 10:00")
def test_series_create_saves_the_series_with_its_occurrences():
    series, counts = series_create(fields=_fields())

    assert counts == {"created": 16, "updated": 0, "deleted": 0}
    assert Event.objects.filter(series=series, title_en="Norwegian course").count() == 16


def test_series_create_refuses_an_end_date_and_a_count_together():
    with pytest.raises(ValidationError):
        series_create(fields=_fields(count=5))
    assert not EventSeries.objects.exists()


@freeze_time("2026-08-20 10:00")
def test_series_update_moves_free_future_occurrences_and_keeps_booked_ones():
    series, _ = series_create(fields=_fields())
    booked = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 8))
    SignUpFactory(event=booked, user=UserFactory())

    counts = series_update(series=series, changes={"start_time": dt.time(17, 0), "end_time": dt.time(19, 0)})

    assert counts == {"created": 0, "updated": 15, "deleted": 0}
    booked.refresh_from_db()
    assert timezone.localtime(booked.starts_at).hour == 18
    other = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 15))
    assert timezone.localtime(other.starts_at).hour == 17


@freeze_time("2026-08-20 10:00")
def test_series_update_writes_only_the_changes():
    series = EventSeriesFactory()
    stale = EventSeries.objects.get(pk=series.pk)
    EventSeries.objects.filter(pk=series.pk).update(venue_name="Kulturhuset")

    series_update(series=stale, changes={"capacity": 20})

    series.refresh_from_db()
    assert (series.venue_name, series.capacity) == ("Kulturhuset", 20)
    assert set(Event.objects.filter(series=series).values_list("capacity", "venue_name")) == {
        (20, "Kulturhuset")
    }


@freeze_time("2026-08-20 10:00")
def test_series_occurrences_sync_applies_cancelled_dates_and_runs_twice_harmlessly():
    series, _ = series_create(fields=_fields())
    EventSeriesException.objects.create(series=series, date=dt.date(2026, 9, 8), reason="Autumn break")

    series_occurrences_sync(series=series)

    assert not Event.objects.filter(series=series, occurrence_date=dt.date(2026, 9, 8)).exists()
    assert Event.objects.filter(series=series).count() == 15
    assert series_occurrences_sync(series=series) == {"created": 0, "updated": 0, "deleted": 0}


@freeze_time("2026-03-01 10:00")
def test_skipping_holidays_later_removes_empty_occurrences_and_cancels_booked_ones(
    mailoutbox, django_capture_on_commit_callbacks
):
    series, _ = series_create(
        fields=_fields(weekdays="TH", start_date=dt.date(2026, 3, 1), until=dt.date(2026, 6, 30))
    )
    maundy_thursday = Event.objects.get(series=series, occurrence_date=dt.date(2026, 4, 2))
    SignUpFactory(event=maundy_thursday, user=UserFactory(language="en"))
    total = Event.objects.filter(series=series).count()

    with django_capture_on_commit_callbacks(execute=True):
        counts = series_update(series=series, changes={"skip_public_holidays": True})

    assert counts["deleted"] == 1  # Ascension Day, 14 May: nobody signed up
    assert not Event.objects.filter(series=series, occurrence_date=dt.date(2026, 5, 14)).exists()
    maundy_thursday.refresh_from_db()
    assert maundy_thursday.status == Event.Status.CANCELLED
    assert maundy_thursday.cancelled_reason == (
        "Aktiviteten holdes ikke på helligdager. / The activity does not take place on public holidays."
    )
    assert len(mailoutbox) == 1
    assert Event.objects.filter(series=series, status=Event.Status.PUBLISHED).count() == total - 2
    assert series_occurrences_sync(series=series) == {"created": 0, "updated": 0, "deleted": 0}


@freeze_time("2026-11-01 10:00")
def test_a_break_set_later_takes_its_occurrences_away():
    series, _ = series_create(
        fields=_fields(weekdays="TH", start_date=dt.date(2026, 11, 1), until=dt.date(2027, 1, 31))
    )

    counts = series_update(
        series=series, changes={"skip_from": dt.date(2026, 12, 20), "skip_to": dt.date(2027, 1, 3)}
    )

    assert counts["deleted"] == 2
    dates = set(Event.objects.filter(series=series).values_list("occurrence_date", flat=True))
    assert not {dt.date(2026, 12, 24), dt.date(2026, 12, 31)} & dates
    assert dt.date(2027, 1, 7) in dates


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"skip_from": dt.date(2026, 12, 31), "skip_to": dt.date(2026, 12, 20)}, "skip_to"),
        ({"skip_from": dt.date(2026, 12, 20)}, "skip_to"),
        ({"skip_to": dt.date(2026, 12, 20)}, "skip_from"),
        ({"monthly_position": MonthlyPosition.FIRST}, "monthly_position"),  # on a weekly rule
        ({"frequency": EventSeries.Frequency.MONTHLY, "weekdays": "TH"}, "monthly_position"),
        (
            {"frequency": EventSeries.Frequency.MONTHLY, "weekdays": "TU,TH", "monthly_position": 1},
            "monthly_position",
        ),
        ({"frequency": EventSeries.Frequency.YEARLY, "weekdays": "TH"}, "frequency"),
    ],
)
def test_series_create_refuses_rules_that_do_not_hold_together(fields, field):
    with pytest.raises(ValidationError) as error:
        series_create(fields=_fields(**fields))

    assert field in error.value.message_dict
    assert not EventSeries.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"skip_from": dt.date(2026, 12, 31), "skip_to": dt.date(2026, 12, 20)},
        {"skip_from": dt.date(2026, 12, 31)},
        {"monthly_position": 5, "frequency": EventSeries.Frequency.MONTHLY, "weekdays": "TH"},
        {"monthly_position": 1, "frequency": EventSeries.Frequency.WEEKLY},
        {"monthly_position": 1, "frequency": EventSeries.Frequency.MONTHLY, "weekdays": "TU,TH"},
    ],
)
def test_the_database_holds_the_rules_that_do_not_depend_on_old_rows(values):
    series = EventSeriesFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        EventSeries.objects.filter(pk=series.pk).update(**values)
