"""The calendar, an activity with its sign-up form, and "my activities" pass axe in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from events import services
from events.models import Audience
from tests.network.factories import UserFactory

from .factories import EventFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # pytest-base-url (pulled in by pytest-playwright) still defines a fixture the way pytest 9 deprecates.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_calendar_pages_have_no_accessibility_violations(page, live_server, lang):
    event = EventFactory(capacity=1, childcare_offered=True, audience=Audience.NEWCOMERS, price_nok=100)
    user = UserFactory()
    services.signup_create(event=EventFactory(capacity=1), user=user)
    services.signup_create(event=event, user=UserFactory())
    _login(page, live_server, user)

    for path in (
        f"/{lang}/events/",
        f"/{lang}/events/?municipality=nowhere&date_from=bad",
        f"/{lang}/events/month/",
        f"/{lang}/events/{event.pk}/",
        f"/{lang}/events/{event.pk}/sign-up/",
        f"/{lang}/events/mine/",
    ):
        page.goto(live_server.url + path)
        results = Axe().run(page)
        assert results.violations_count == 0, (path, results.generate_report())


def test_sign_up_without_javascript_flow(page, live_server):
    event = EventFactory(title_en="Harbour walk", capacity=5)
    user = UserFactory()
    _login(page, live_server, user)

    page.goto(f"{live_server.url}/en/events/{event.pk}/")
    page.get_by_label("Other adults coming with you").fill("1")
    page.get_by_role("button", name="Sign up").click()

    assert page.get_by_text("You are signed up. A confirmation is on its way").is_visible()
    page.goto(f"{live_server.url}/en/events/mine/")
    assert page.get_by_role("link", name="Harbour walk").is_visible()
