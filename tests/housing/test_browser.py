"""Start housing end to end in a real browser: a newcomer applies, the coordinator offers a unit in
the admin, the newcomer accepts, and the residence page's availability bar shows the booking."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from housing.models import Application, Booking
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, MunicipalityFactory
from tests.newcomers.factories import NewcomerProfileFactory
from tests.quality.test_browser import _login, _shot

from .factories import ResidenceFactory, UnitFactory, today

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_apply_offer_accept_and_the_bar_shows_the_booking(page, live_server):
    ContactPersonFactory()
    residence = ResidenceFactory(
        name_en="Tistasiden start housing",
        slug="tistasiden",
        municipality=MunicipalityFactory(name="Halden", slug="halden-test"),
    )
    unit = UnitFactory(residence=residence, label="101")
    UnitFactory(residence=residence, label="102")
    newcomer = NewcomerProfileFactory(user__language="en").user
    move_in, move_out = today() + dt.timedelta(days=20), today() + dt.timedelta(days=110)

    _login(page, live_server, newcomer)
    page.goto(f"{live_server.url}/en/housing/residences/tistasiden/")
    page.get_by_role("link", name=f"Apply for any unit in {residence.municipality.name}").click()
    page.get_by_label("Move-in").fill(move_in.isoformat())
    page.get_by_label("Move-out").fill(move_out.isoformat())
    page.get_by_label("Persons").fill("1")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The coordinator will look at your application")).to_be_visible()
    application = Application.objects.get(user=newcomer)

    page.context.clear_cookies()
    _login(page, live_server, CoordinatorFactory())
    page.goto(f"{live_server.url}/en/admin/housing/application/")
    page.get_by_role("link", name="Decide").click()
    page.get_by_label("Offer a unit and period").check()
    page.locator("#id_unit").select_option(str(unit.pk))
    _shot(page, "housing-admin-decide-en")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Offered")).to_be_visible()
    booking = Booking.objects.get(application=application)

    page.context.clear_cookies()
    _login(page, live_server, newcomer)
    page.goto(f"{live_server.url}/en/newcomers/")
    page.get_by_role("link", name="Read the offer and answer").first.click()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text("The unit is booked for you")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    page.goto(f"{live_server.url}/en/housing/residences/tistasiden/")
    row = page.locator(f'li[data-unit="{unit.pk}"]')
    expect(row.locator('rect[data-state="booked"]')).to_have_count(1)
    expect(row.locator(".availability-text")).to_contain_text("booked from")
    _shot(page, "housing-residence-en")
