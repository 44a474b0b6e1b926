"""Layout at the sizes people use: the menu on a 1280-pixel laptop, the calendar on a phone."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from companies.models import HRStaff
from network.models import User
from newcomers.models import NewcomerProfile
from tests.network.factories import CoordinatorFactory
from tests.quality.test_browser import _login, _shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def _menu_rows(page) -> int:
    """How many rows the menu bar's items take (their distinct top edges)."""
    tops = page.eval_on_selector_all(
        "header .navbar-nav > li, header .language-switch",
        "els => els.filter(e => e.offsetParent).map(e => Math.round(e.getBoundingClientRect().top))",
    )
    return len({top // 8 for top in tops})


@pytest.mark.parametrize("who", ["newcomer", "partner", "hr", "coordinator"])
def test_the_menu_fits_one_line_at_1280_pixels_when_logged_in(page, live_server, demo, who):
    page.set_viewport_size({"width": 1280, "height": 800})
    users = {
        "newcomer": lambda: NewcomerProfile.objects.select_related("user").first().user,
        "partner": lambda: User.objects.get(email="priya@demo.sondreviken.example"),
        # The HR person with the most menu items: a member company's (the dual-career pool).
        "hr": lambda: (
            HRStaff.objects.select_related("user").filter(company__membership="member").first().user
        ),
        "coordinator": CoordinatorFactory,
    }
    user = users[who]()
    _login(page, live_server, user)
    for lang in ("nb", "en"):
        page.goto(f"{live_server.url}/{lang}/")
        assert _menu_rows(page) == 1, f"{who} {lang}: the menu wraps"
        # A bar that does not wrap can still run off the screen (the navbar does not wrap its items).
        right = page.eval_on_selector_all(
            "header .navbar-nav > li, header .language-switch",
            "els => Math.max(...els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().right))",
        )
        assert right <= 1280, f"{who} {lang}: the menu runs {right - 1280:.0f} px off the screen"
        height = page.eval_on_selector("header nav", "e => e.getBoundingClientRect().height")
        assert height < 80, height
    # The person's own pages, the account and logging out are in one menu, which the keyboard opens.
    page.goto(f"{live_server.url}/en/")
    page.locator("#my-menu").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    _shot(page, f"menu-{who}-en")


def test_on_a_phone_the_calendar_filters_fold_behind_a_button(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/events/")
    filters = page.locator("#calendar-filters")
    expect(filters).to_be_hidden()
    # The first screen shows activities, not the form.
    first = page.locator("main article, main .list-group-item, main .card.event").first
    assert first.bounding_box()["y"] < 844
    _shot(page, "calendar-phone-en")
    page.get_by_role("button", name="Filter").click()
    expect(filters).to_be_visible()
    expect(page.get_by_label("Municipality")).to_be_visible()


def test_on_a_laptop_the_calendar_filters_are_open(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/en/events/")
    expect(page.locator("#calendar-filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filter")).to_be_hidden()
