"""The coordinator's admin in a real browser: the translated fields' language tabs."""

import pytest
from playwright.sync_api import expect

from tests.events.factories import EventFactory
from tests.network.factories import CoordinatorFactory
from tests.quality.test_browser import _login, _shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_translated_fields_have_working_language_tabs_without_the_internet(page, live_server):
    """jQuery UI came from a CDN that the CSP blocks (and the site must work offline): the tabs never
    formed, and the coordinator saw two identical "Title" fields."""
    event = EventFactory(title_nb="Kajakktur på Hvaler", title_en="Kayak trip in Hvaler")
    _login(page, live_server, CoordinatorFactory())
    outside, problems = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    # Scripts that fail to run (a CSP refusal among them) and static files that are missing.
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None
        ),
    )
    page.goto(f"{live_server.url}/en/admin/events/event/{event.pk}/change/")

    tabs = page.locator(".ui-tabs").first
    expect(tabs).to_be_visible()
    # Each tab names its language (the code, with the full name as its title).
    norwegian = tabs.get_by_role("tab", name="nb", exact=True)
    english = tabs.get_by_role("tab", name="en", exact=True)
    expect(norwegian.locator("a")).to_have_attribute("title", "Norwegian Bokmål")
    expect(english.locator("a")).to_have_attribute("title", "English")
    # The English page opens on the English tab; one language's field shows at a time.
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_en")).to_have_value("Kayak trip in Hvaler")
    expect(page.locator("#id_title_nb")).to_be_hidden()
    _shot(page, "admin-language-tabs-en")
    norwegian.click()
    expect(page.locator("#id_title_nb")).to_be_visible()
    expect(page.locator("#id_title_nb")).to_have_value("Kajakktur på Hvaler")
    expect(page.locator("#id_title_en")).to_be_hidden()
    assert not outside, outside
    assert not problems, problems
