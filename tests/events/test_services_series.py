import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from events.models import Event, EventSeries, EventSeriesException
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
