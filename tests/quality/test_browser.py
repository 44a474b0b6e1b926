"""Real-browser journeys (Debian's chromium through Playwright) with axe-core accessibility scans.

Screenshots of each journey are written to test-artifacts/screenshots/ (not committed);
`scripts/readme_screenshots.sh` copies the main ones to docs/screenshots/ for the README.
"""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from companies.models import Campaign, HRStaff, JobOpening, WorkingGroup
from events.models import Event
from newcomers.models import NewcomerProfile
from tests.events.factories import EventFactory
from tests.network.factories import CoordinatorFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


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


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _serious_violations(page) -> list[str]:
    results = Axe().run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in {"serious", "critical"} and WCAG_TAGS & set(violation.get("tags", [])):
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems


def _check_pages(page, live_server, paths):
    failures = {}
    for path in paths:
        page.goto(live_server.url + path)
        problems = _serious_violations(page)
        if problems:
            failures[path] = problems
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_public_pages_have_no_serious_accessibility_violations(page, live_server, demo, lang):
    event = Event.objects.order_by("starts_at").last()
    _check_pages(
        page,
        live_server,
        [
            f"/{lang}/",
            f"/{lang}/accounts/login/",
            f"/{lang}/accounts/signup/",
            f"/{lang}/accounts/password/reset/",
            f"/{lang}/events/",
            f"/{lang}/events/month/",
            f"/{lang}/events/{event.pk}/",
            f"/{lang}/info/",
            f"/{lang}/info/housing/",
            f"/{lang}/info/search/?q=bank",
            f"/{lang}/appointments/",
        ],
    )


def _demo_hr():
    from companies.seed import DEMO_HR

    return HRStaff.objects.select_related("user", "company").get(
        user__email=DEMO_HR[0][0], left_at__isnull=True
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_company_pages_have_no_serious_accessibility_violations(page, live_server, demo, lang):
    hr = _demo_hr()
    opening = JobOpening.objects.filter(published=True).first()
    campaign = Campaign.objects.first()
    public = [
        f"/{lang}/companies/",
        f"/{lang}/companies/members/{hr.company.slug}/",
        f"/{lang}/companies/jobs/",
        f"/{lang}/companies/jobs/{opening.pk}/",
        f"/{lang}/companies/campaigns/{campaign.slug}/",
        f"/{lang}/companies/competence-map/",
        f"/{lang}/companies/talent-pool/register/",
    ]
    _check_pages(page, live_server, public)
    _login(page, live_server, hr.user)
    hire = hr.company.hires.first()
    group = WorkingGroup.objects.first()
    _check_pages(
        page,
        live_server,
        [
            f"/{lang}/companies/hr/",
            f"/{lang}/companies/hr/hires/",
            f"/{lang}/companies/hr/hires/new/",
            f"/{lang}/companies/hr/hires/{hire.pk}/",
            f"/{lang}/companies/hr/company/",
            f"/{lang}/companies/hr/jobs/",
            f"/{lang}/companies/hr/jobs/new/",
            f"/{lang}/companies/hr/campaigns/{campaign.slug}/",
            f"/{lang}/companies/hr/services/",
            f"/{lang}/companies/hr/working-groups/",
            f"/{lang}/companies/hr/working-groups/{group.slug}/",
            f"/{lang}/companies/hr/talent-pool/",
        ],
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_logged_in_pages_have_no_serious_accessibility_violations(page, live_server, demo, lang):
    profile = NewcomerProfileFactory()
    _login(page, live_server, profile.user)
    _check_pages(
        page,
        live_server,
        [
            f"/{lang}/newcomers/",
            f"/{lang}/newcomers/checklist/",
            f"/{lang}/newcomers/profile/",
            f"/{lang}/newcomers/contact/",
            f"/{lang}/newcomers/delete-account/",
            f"/{lang}/newcomers/onboarding/1/",
            f"/{lang}/newcomers/onboarding/2/",
            f"/{lang}/newcomers/onboarding/4/",
            f"/{lang}/events/mine/",
            f"/{lang}/accounts/email/",
        ],
    )


def test_home_and_language_switch_keep_the_page(page, live_server, demo):
    page.goto(f"{live_server.url}/nb/info/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Praktisk informasjon")
    _shot(page, "info-nb")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/info/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Practical information")
    page.goto(f"{live_server.url}/nb/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen til Søndre Viken")
    _shot(page, "home-nb")
    page.goto(f"{live_server.url}/en/")
    _shot(page, "home-en")


def test_calendar_filter_sign_up_waiting_list_and_cancel(page, live_server, demo):
    event = EventFactory(title_en="Tiny harbour walk", capacity=1)
    first, second = UserFactory(), UserFactory()
    page.goto(f"{live_server.url}/en/events/")
    _shot(page, "calendar-en")
    page.get_by_label("Free only").check()
    page.get_by_role("button", name=re.compile("Show|Filter")).first.click()
    expect(page).to_have_url(re.compile(r"free_only=on"))
    _login(page, live_server, first)
    page.goto(f"{live_server.url}/en/events/{event.pk}/")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("A confirmation is on its way")).to_be_visible()
    page.context.clear_cookies()
    _login(page, live_server, second)
    page.goto(f"{live_server.url}/en/events/{event.pk}/")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("There is no room for your party right now: you are number 1")).to_be_visible()
    _shot(page, "waiting-list-en")
    page.context.clear_cookies()
    _login(page, live_server, first)
    page.goto(f"{live_server.url}/en/events/mine/")
    _shot(page, "my-activities-en")
    page.get_by_role("button", name="Cancel Tiny harbour walk").click()
    expect(page.get_by_text("Your sign-up is cancelled.")).to_be_visible()
    assert event.signups.get(user=second).status == "confirmed"


def test_sign_up_with_the_keyboard_alone_and_visible_focus(page, live_server, demo):
    event = EventFactory(title_en="Keyboard walk", capacity=5)
    _login(page, live_server, UserFactory())
    page.goto(f"{live_server.url}/en/events/{event.pk}/")
    button = page.get_by_role("button", name="Sign up")
    for _ in range(80):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the sign-up button is not reachable with Tab")
    outline = button.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert not outline.startswith("none"), outline
    page.keyboard.press("Enter")
    expect(page.get_by_text("A confirmation is on its way")).to_be_visible()
    assert event.signups.count() == 1


def test_newcomer_signs_up_onboards_and_sees_the_checklist(page, live_server, demo, mailoutbox):
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_first_name").fill("Priya")
    page.locator("#id_email").fill("browser.newcomer@example.com")
    page.locator("#id_password1").fill("a-Long-pass-2026")
    page.locator("#id_password2").fill("a-Long-pass-2026")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()
    page.goto(f"{live_server.url}/en/welcome/")
    expect(page).to_have_url(re.compile(r"/en/newcomers/onboarding/1/$"))
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("Country of citizenship").select_option("IN")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_role("button", name="Finish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    _shot(page, "newcomer-dashboard-en")
    page.goto(f"{live_server.url}/en/newcomers/checklist/")
    _shot(page, "checklist-en")
    assert NewcomerProfile.objects.get(user__email="browser.newcomer@example.com").completed_at


def test_coordinator_admin(page, live_server, demo):
    _login(page, live_server, CoordinatorFactory())
    page.goto(f"{live_server.url}/en/admin/")
    expect(page.get_by_text("Søndre Viken expat network").first).to_be_visible()
    page.goto(f"{live_server.url}/en/admin/events/event/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _shot(page, "admin-events-en")


def test_hr_registers_a_hire_and_follows_it_on_the_board(page, live_server, demo, mailoutbox):
    hr = _demo_hr()
    _login(page, live_server, hr.user)
    page.goto(f"{live_server.url}/en/welcome/")
    expect(page).to_have_url(re.compile(r"/en/companies/hr/$"))
    _shot(page, "hr-dashboard-en")
    page.get_by_role("link", name="Register a hire").first.click()
    page.get_by_label("Name").fill("Browser Hire")
    page.get_by_label("E-mail address").fill("browser.hire@example.com")
    page.get_by_label("Position").fill("Process engineer")
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("Number of children coming").fill("1")
    page.get_by_role("button", name="Register and invite").click()
    expect(page).to_have_url(re.compile(r"/en/companies/hr/hires/$"))
    expect(page.get_by_text("Browser Hire has been registered and invited to the portal.")).to_be_visible()
    expect(page.get_by_role("link", name="Browser Hire")).to_be_visible()
    _shot(page, "hr-board-en")
    assert any(mail.to == ["browser.hire@example.com"] for mail in mailoutbox)
    page.goto(f"{live_server.url}/nb/companies/jobs/")
    _shot(page, "jobs-nb")
