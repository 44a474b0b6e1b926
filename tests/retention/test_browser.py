"""Who stays in a real browser: the coordinator opens the dashboard and sees the retention curve
with its table (checked for serious accessibility problems in English and Norwegian); a newcomer
answers a check-in by the mail's link without logging in, saying they are unlikely to stay; the
signal appears on the signals page and the coordinator marks it contacted."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from retention.models import ContactNote
from retention.services import link_token
from tests.network.factories import CoordinatorFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

from .factories import ArrivedProfileFactory, DepartureFactory, InvitationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def _no_serious_violations(page) -> None:
    problems = _serious_violations(page)
    assert not problems, f"{page.url}: {problems}"


def test_dashboard_check_in_by_link_and_a_signal_marked_contacted(page, live_server):
    # A transactional test starts from a flushed database: the surveys that migrations create may
    # have gone with an earlier one's flush (PostgreSQL runs them in another order than SQLite).
    from retention.models import Choice, Question, Survey
    from retention.survey_definitions import surveys_ensure

    surveys_ensure(Survey, Question, Choice)
    ArrivedProfileFactory.create_batch(3)
    DepartureFactory(profile__arrival_date=timezone.localdate() - dt.timedelta(days=900))
    newcomer = ArrivedProfileFactory(user__first_name="Marta", user__last_name="Kowalska")
    invitation = InvitationFactory(profile=newcomer)
    coordinator = CoordinatorFactory(first_name="Kari")

    # 1. The coordinator's dashboard: the curve and its table, in both languages.
    _login(page, live_server, coordinator)
    for lang in ("en", "nb"):
        page.goto(f"{live_server.url}/{lang}/retention/dashboard/")
        expect(page.locator("svg").first).to_be_visible()
        expect(page.locator("#chart-retention")).to_be_visible()
        expect(page.locator("table caption").first).to_be_visible()
        _no_serious_violations(page)
    page.goto(f"{live_server.url}/en/retention/dashboard/")
    _shot(page, "retention-dashboard-en")

    # 2. The newcomer answers the check-in by the link, without logging in.
    answer = page.context.browser.new_context().new_page()
    answer.goto(f"{live_server.url}/en/retention/survey/{link_token(invitation=invitation)}/")
    answer.locator("fieldset, div").filter(has_text="Do you still live in the region?").get_by_label(
        "Yes", exact=True
    ).first.check()
    answer.locator("fieldset, div").filter(
        has_text="How likely are you to stay five more years?"
    ).get_by_label("1", exact=True).first.check()
    answer.get_by_role("button").last.click()
    expect(answer.get_by_text("Thank you").first).to_be_visible()

    # 3. The signal appears on the signals page and is marked contacted.
    page.goto(f"{live_server.url}/en/retention/signals/?kind=unlikely_to_stay")
    expect(page.get_by_role("link", name="Marta Kowalska", exact=True)).to_be_visible()
    _no_serious_violations(page)
    page.get_by_role("link", name="Mark contacted: Marta Kowalska").click()
    page.get_by_label("What was said or agreed").fill("Called her; she will join the winter activities.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Handled").first).to_be_visible()
    assert ContactNote.objects.get().note.startswith("Called her")
