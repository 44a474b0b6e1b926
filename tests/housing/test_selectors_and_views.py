"""The public list and residence page (availability bars and their text), the applicant's pages in
both languages with their query budgets, occupancy numbers, and bad input answered clearly."""

import datetime as dt

import pytest
from django.utils import timezone

from housing import selectors, services
from housing.models import Application, Booking
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import ApplicationFactory, BookingFactory, ResidenceFactory, UnitFactory, today

pytestmark = pytest.mark.django_db


def _days(n):
    return today() + dt.timedelta(days=n)


def test_availability_bar_segments_and_text():
    unit = UnitFactory(available_from=_days(-10))
    later = UnitFactory(residence=unit.residence, available_from=_days(30))
    BookingFactory(unit=unit, starts_on=_days(10), ends_on=_days(40))
    BookingFactory(
        unit=unit,
        starts_on=_days(40),
        ends_on=_days(50),
        status=Booking.Status.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(days=3),
    )
    BookingFactory(unit=unit, starts_on=_days(60), ends_on=_days(70), status=Booking.Status.CANCELLED)
    data = selectors.availability_for_residence(residence=unit.residence, today=today())
    rows = {row.unit: row for row in data["rows"]}
    states = [(s.state, (s.start - today()).days, (s.end - today()).days) for s in rows[unit].segments]
    total = (data["end"] - data["start"]).days
    assert states == [("free", 0, 10), ("booked", 10, 50), ("free", 50, total)]
    assert rows[unit].free_nights == total - 40
    assert [s.state for s in rows[later].segments] == ["closed", "free"]
    assert round(sum(s.width for s in rows[unit].segments)) == 100
    assert "booked from" in rows[unit].text and "free from" in rows[unit].text
    assert len(data["ticks"]) in (11, 12)


def test_occupancy_is_the_share_of_unit_nights_booked():
    residence = ResidenceFactory()
    first, second = UnitFactory(residence=residence), UnitFactory(residence=residence)
    UnitFactory(residence=residence, available_from=dt.date(2031, 3, 16))  # half of March
    BookingFactory(
        unit=first, starts_on=dt.date(2031, 2, 20), ends_on=dt.date(2031, 3, 11)
    )  # 10 March nights
    BookingFactory(unit=second, starts_on=dt.date(2031, 3, 1), ends_on=dt.date(2031, 4, 1))  # all 31
    BookingFactory(
        unit=second,
        starts_on=dt.date(2031, 4, 1),
        ends_on=dt.date(2031, 5, 1),
        status=Booking.Status.OFFERED,
        offer_expires_at=timezone.now(),
    )  # offers don't count
    row = next(
        r
        for r in selectors.occupancy_by_residence(first_month=dt.date(2031, 2, 1), months=3)
        if r["residence"] == residence
    )
    february, march, april = row["months"]
    assert (february["booked"], february["capacity"]) == (9, 56)
    assert (march["booked"], march["capacity"], march["percent"]) == (41, 31 + 31 + 16, 52.6)
    assert (april["booked"], april["percent"]) == (0, 0.0)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_public_list_filters_and_the_residence_page(client, language, django_assert_max_num_queries):
    halden = ResidenceFactory(name_en="Tista House", name_nb="Tistahuset")
    room = UnitFactory(residence=halden, rent_nok=5500, step_free=True)
    UnitFactory(residence=halden, kind="flat", rent_nok=9500)
    fredrikstad = ResidenceFactory(name_en="Old Town", name_nb="Gamlebyen")
    taken = UnitFactory(residence=fredrikstad, rent_nok=7000)
    BookingFactory(unit=taken, starts_on=_days(5), ends_on=_days(60))
    with django_assert_max_num_queries(12):
        page = client.get(f"/{language}/housing/").content.decode()
    assert "Tistahuset" in page if language == "nb" else "Tista House" in page
    assert "Gamlebyen" in page or "Old Town" in page
    filtered = client.get(f"/{language}/housing/", {"step_free": "on", "rent_max": "6000"}).content.decode()
    assert room.title in filtered and "Old Town" not in filtered and "Gamlebyen" not in filtered
    free = client.get(
        f"/{language}/housing/", {"free_from": _days(10).isoformat(), "free_to": _days(20).isoformat()}
    )
    assert "Gamlebyen" not in free.content.decode() and "Old Town" not in free.content.decode()
    municipality = client.get(f"/{language}/housing/", {"municipality": fredrikstad.municipality.slug})
    assert "Tista" not in municipality.content.decode()
    bad = client.get(f"/{language}/housing/", {"free_from": "9999-12-31", "rent_min": "-5", "kind": "castle"})
    assert bad.status_code == 200 and bad.context["form"].errors
    with django_assert_max_num_queries(10):
        detail = client.get(f"/{language}/housing/residences/{fredrikstad.slug}/")
    assert detail.status_code == 200
    assert 'data-state="booked"' in detail.content.decode()
    assert client.get(f"/{language}/housing/residences/nope/").status_code == 404


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_newcomer_applies_and_answers_an_offer(client, language, django_assert_max_num_queries):
    ContactPersonFactory()
    unit = UnitFactory()
    user = NewcomerProfileFactory(user__language=language).user
    client.force_login(user)
    with django_assert_max_num_queries(14):
        form = client.get(f"/{language}/housing/apply/?unit={unit.pk}")
    assert form.status_code == 200 and form.context["form"].initial["wish"] == f"u:{unit.pk}"
    refused = client.post(
        f"/{language}/housing/apply/",
        {"wish": f"u:{unit.pk}", "move_in": _days(10), "move_out": _days(15), "persons": 1},
    )
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    response = client.post(
        f"/{language}/housing/apply/",
        {"wish": f"u:{unit.pk}", "move_in": _days(10), "move_out": _days(70), "persons": 2, "message": "Hei"},
    )
    assert response.status_code == 302
    application = Application.objects.get(user=user)
    booking = services.application_offer(
        application_id=application.pk, by=CoordinatorFactory(), unit_id=unit.pk
    )
    with django_assert_max_num_queries(12):
        mine = client.get(f"/{language}/housing/mine/")
    assert f"/{language}/housing/offers/{booking.pk}/" in mine.content.decode()
    dashboard = client.get(f"/{language}/newcomers/")
    assert f"/{language}/housing/offers/{booking.pk}/" in dashboard.content.decode()
    with django_assert_max_num_queries(12):
        assert client.get(f"/{language}/housing/offers/{booking.pk}/").status_code == 200
    assert client.post(f"/{language}/housing/offers/{booking.pk}/", {"accept": "1"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    # The tenant moves out earlier from their stay's page; a bad date is a form error.
    page = client.post(f"/{language}/housing/stays/{booking.pk}/", {"action": "end", "ends_on": _days(200)})
    assert page.status_code == 200 and page.context["form"].non_field_errors()
    assert (
        client.post(
            f"/{language}/housing/stays/{booking.pk}/", {"action": "end", "ends_on": _days(40)}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.ends_on == _days(40)


def test_someone_elses_offer_booking_or_application_is_not_found(client):
    booking = BookingFactory(
        status=Booking.Status.OFFERED, offer_expires_at=timezone.now() + dt.timedelta(days=2)
    )
    application = ApplicationFactory()
    client.force_login(NewcomerProfileFactory().user)
    forged = client.get(f"/en/housing/offers/{booking.pk}/")
    assert forged.status_code == 404 and "made to someone else" in forged.content.decode()
    assert client.post(f"/en/housing/offers/{booking.pk}/", {"accept": "1"}).status_code == 404
    assert client.get(f"/en/housing/offers/{2**70}/").status_code == 404
    assert client.get(f"/en/housing/stays/{booking.pk}/").status_code == 404
    assert client.post(f"/en/housing/applications/{application.pk}/withdraw/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.OFFERED


def test_hr_applies_from_the_hire_page(client):
    from tests.companies.factories import HireFactory, HRStaffFactory

    ContactPersonFactory()
    staff = HRStaffFactory()
    newcomer = NewcomerProfileFactory().user
    hire = HireFactory(company=staff.company, user=newcomer, with_partner=True)
    unit = UnitFactory()
    client.force_login(staff.user)
    page = client.get(f"/en/companies/hr/hires/{hire.pk}/")
    assert f"/en/housing/hires/{hire.pk}/apply/" in page.content.decode()
    form = client.get(f"/en/housing/hires/{hire.pk}/apply/")
    assert form.context["form"].initial["persons"] == 2
    response = client.post(
        f"/en/housing/hires/{hire.pk}/apply/",
        {
            "wish": f"m:{unit.residence.municipality_id}",
            "move_in": _days(10),
            "move_out": _days(70),
            "persons": 2,
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().applied_by == staff.user
    other = HireFactory()
    assert client.get(f"/en/housing/hires/{other.pk}/apply/").status_code == 404


def test_applying_without_a_profile_is_refused_clearly(client):
    client.force_login(UserFactory(kind="hr"))
    assert client.get("/en/housing/apply/").status_code == 403
    client.force_login(UserFactory(kind="newcomer"))  # no profile yet
    unit = UnitFactory()
    response = client.post(
        "/en/housing/apply/",
        {"wish": f"u:{unit.pk}", "move_in": _days(10), "move_out": _days(70), "persons": 1},
    )
    assert response.status_code == 200 and "Complete your newcomer profile" in response.content.decode()
