import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from events.models import Event, EventSeries
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory

from .factories import CategoryFactory, SignUpFactory
from .factories_series import EventSeriesFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/en/admin/events/eventseries/add/"


def _form(**overrides):
    data = {
        "title_nb": "Norskkurs",
        "title_en": "Norwegian course",
        "summary_nb": "",
        "summary_en": "",
        "description_nb": "",
        "description_en": "",
        "venue_notes_nb": "",
        "venue_notes_en": "",
        "what_to_bring_nb": "",
        "what_to_bring_en": "",
        "category": CategoryFactory().pk,
        "audience": "newcomers",
        "municipality": MunicipalityFactory().pk,
        "venue_name": "Biblioteket",
        "address": "",
        "organiser": "",
        "language": "both",
        "price_nok": "0",
        "capacity": "12",
        "childcare_offered": "on",
        "childcare_capacity": "6",
        "frequency": "weekly",
        "interval": "1",
        "weekday_choices": ["TU"],
        "start_date": "2026-09-01",
        "start_time": "18:00",
        "end_time": "20:00",
        "until": "2026-12-15",
        "count": "",
        "horizon_days": "365",
        "active": "on",
        "registration_opens_days_before": "",
        "registration_closes_hours_before": "",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


@freeze_time("2026-08-20 10:00")
def test_the_plain_form_creates_a_series_and_its_occurrences(coordinator_client):
    assert coordinator_client.get(ADD_URL).status_code == 200
    response = coordinator_client.post(ADD_URL, _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    series = EventSeries.objects.get()
    assert series.weekdays == "TU"
    assert Event.objects.filter(series=series).count() == 16
    page = coordinator_client.get(f"/en/admin/events/eventseries/{series.pk}/change/").content.decode()
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261215T235900;BYDAY=TU" in page


@freeze_time("2026-08-20 10:00")
def test_a_date_cancelled_in_the_same_form_gets_no_occurrence(coordinator_client):
    response = coordinator_client.post(
        ADD_URL,
        _form(
            **{
                "exceptions-TOTAL_FORMS": "1",
                "exceptions-0-date": "2026-09-08",
                "exceptions-0-reason_nb": "Høstferie",
                "exceptions-0-reason_en": "Autumn break",
            }
        ),
        follow=True,
    )

    series = EventSeries.objects.get()
    dates = set(Event.objects.filter(series=series).values_list("occurrence_date", flat=True))
    assert len(dates) == 15 and dt.date(2026, 9, 8) not in dates
    assert "Occurrences: 16 created, 0 updated, 1 removed." in [str(m) for m in response.context["messages"]]


def test_end_date_and_count_together_is_a_form_error(coordinator_client):
    response = coordinator_client.post(ADD_URL, _form(count="5"))
    assert response.status_code == 200
    assert "Give either an end date or a number of occurrences, not both." in response.content.decode()
    assert not EventSeries.objects.exists()


def test_norwegian_admin_shows_the_error_in_norwegian(client):
    client.force_login(CoordinatorFactory())
    response = client.post("/nb/admin/events/eventseries/add/", _form(count="5"))
    assert "Oppgi enten en sluttdato eller et antall ganger, ikke begge." in response.content.decode()


@freeze_time("2026-08-20 10:00")
def test_editing_in_admin_moves_future_occurrences_but_not_booked_ones(coordinator_client):
    series = EventSeriesFactory()
    coordinator_client.post(
        f"/en/admin/events/eventseries/{series.pk}/change/",
        _form(category=series.category_id, municipality=series.municipality_id),
    )
    booked = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 8))
    SignUpFactory(event=booked, user=UserFactory())
    response = coordinator_client.post(
        f"/en/admin/events/eventseries/{series.pk}/change/",
        _form(
            category=series.category_id,
            municipality=series.municipality_id,
            start_time="17:00",
            end_time="19:00",
        ),
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert timezone.localtime(booked.starts_at).hour == 18
    other = Event.objects.get(series=series, occurrence_date=dt.date(2026, 9, 15))
    assert timezone.localtime(other.starts_at).hour == 17


def test_newcomers_cannot_open_the_series_admin(client):
    client.force_login(UserFactory())
    assert client.get(ADD_URL).status_code == 302
