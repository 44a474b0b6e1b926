"""The yearly report in a real browser: the coordinator finds it from the admin's front page, picks
the year, and the page has no serious accessibility problems in either language."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import CoordinatorFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

from .factories import EventReviewFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_the_coordinator_reads_the_yearly_report_from_the_admin(page, live_server):
    last_year = timezone.localdate().year - 1
    event = EventFactory(
        title_en="Language café",
        title_nb="Språkkafé",
        starts_at=timezone.make_aware(dt.datetime(last_year, 5, 4, 18)),
    )
    SignUpFactory(event=event, attended=True)
    EventReviewFactory(event=event, note="One volunteer per table works best.", partners="Sarpsborg library")
    _login(page, live_server, CoordinatorFactory(is_superuser=True))

    page.goto(f"{live_server.url}/en/admin/")
    page.get_by_role("link", name="The yearly report for the steering group and funders").click()
    page.get_by_label("Year").select_option(str(last_year))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Yearly report {last_year}")
    expect(page.get_by_text("One volunteer per table works best.")).to_be_visible()
    assert not _serious_violations(page)
    _shot(page, "yearly-report-en")

    page.goto(f"{live_server.url}/nb/reports/yearly/?year={last_year}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapport {last_year}")
    assert not _serious_violations(page)
