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
        "monthly_position": "",
        "skip_from": "",
        "skip_to": "",
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


@freeze_time("2025-12-01 10:00")
def test_the_form_makes_a_first_thursday_of_the_month_with_holidays_and_a_break(coordinator_client):
    response = coordinator_client.post(
        ADD_URL,
        _form(
            frequency="monthly",
            weekday_choices=["TH"],
            monthly_position="1",
            start_date="2026-01-01",
            until="2026-12-31",
            horizon_days="400",
            skip_public_holidays="on",
            skip_from="2026-12-20",
            skip_to="2027-01-03",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    series = EventSeries.objects.get()
    assert (series.monthly_position, series.skip_public_holidays) == (1, True)
    dates = list(Event.objects.filter(series=series).values_list("occurrence_date", flat=True))
    assert dt.date(2026, 1, 1) not in dates  # New Year's Day
    assert dt.date(2026, 4, 2) not in dates  # Maundy Thursday
    assert len(dates) == 10 and all(day.day <= 7 and day.weekday() == 3 for day in dates)
    page = coordinator_client.get(f"/en/admin/events/eventseries/{series.pk}/change/").content.decode()
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261231T235900;BYSETPOS=1;BYDAY=TH" in page
    assert "First Thursday of every month, except Norwegian public holidays and 20 December 2026" in page
    page_nb = coordinator_client.get(f"/nb/admin/events/eventseries/{series.pk}/change/").content.decode()
    assert "Første torsdag i hver måned, unntatt norske helligdager og 20. desember 2026" in page_nb


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The break ends before it begins."), ("nb", "Pausen slutter før den begynner.")],
)
def test_a_break_that_ends_before_it_begins_is_a_translated_form_error(client, language, message):
    client.force_login(CoordinatorFactory())

    response = client.post(
        f"/{language}/admin/events/eventseries/add/", _form(skip_from="2026-12-31", skip_to="2026-12-20")
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventSeries.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"skip_from": "2026-12-20"}, "Give both the first and the last day of the break, or neither."),
        ({"frequency": "monthly", "weekday_choices": ["TH"]}, "Choose which of the month"),
        (
            {"frequency": "monthly", "weekday_choices": ["TU", "TH"], "monthly_position": "1"},
            "Choose one weekday for a monthly activity on a weekday of the month.",
        ),
        ({"monthly_position": "-1"}, "A weekday of the month is only for monthly activities."),
        ({"monthly_position": "7"}, "Select a valid choice."),
        ({"skip_from": "not a date", "skip_to": "2026-12-20"}, "Enter a valid date."),
    ],
)
def test_rules_that_do_not_hold_together_are_form_errors_never_a_500(coordinator_client, overrides, message):
    response = coordinator_client.post(ADD_URL, _form(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventSeries.objects.exists()
