"""Booking and cancelling a meeting in Norwegian in a real browser, on a phone-sized screen, with the
axe-core scan of each page."""

import pytest
from playwright.sync_api import expect

from appointments.models import Booking
from network.models import OutgoingMail
from tests.network.factories import MunicipalityFactory
from tests.newcomers.factories import NewcomerProfileFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

from .factories import SlotFactory, contact_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_book_and_cancel_a_meeting_in_norwegian_on_a_phone(page, live_server):
    contact_person()
    sarpsborg = MunicipalityFactory(name="Sarpsborg", slug="sarpsborg-test")
    slot = SlotFactory(municipality=sarpsborg, place_nb="Sarpsborg rådhus", place_en="Sarpsborg city hall")
    SlotFactory(video=True)
    newcomer = NewcomerProfileFactory(user__language="nb").user
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, live_server, newcomer)

    page.goto(f"{live_server.url}/nb/appointments/?municipality=sarpsborg-test")
    expect(page.get_by_role("heading", name="Bestill en samtale med kontaktpersonen")).to_be_visible()
    assert _serious_violations(page) == []
    page.get_by_role("link", name="Bestill").first.click()
    page.get_by_label("Skatt").check()
    page.get_by_label("Noe kontaktpersonen bør vite på forhånd (valgfritt)").fill("Skattekort")
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Bestill samtalen").click()
    expect(page.get_by_text("Samtalen din er bestilt.")).to_be_visible()
    expect(page.get_by_text("Sarpsborg rådhus")).to_be_visible()
    assert _serious_violations(page) == []
    _shot(page, "appointments-mine-nb-phone")
    booking = Booking.objects.get(person=newcomer)
    assert booking.slot == slot and booking.note == "Skattekort"

    page.get_by_role("button", name="Avlys samtalen").click()
    expect(page.get_by_text("Samtalen din er avlyst.")).to_be_visible()
    expect(page.get_by_text("Du har ingen bestilte samtaler.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert OutgoingMail.objects.filter(to=newcomer.email).count() == 2
