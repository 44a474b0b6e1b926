"""Partners' careers in a real browser, as issue #13 walks it: a newcomer invites their partner, the
partner signs up and confirms the address, fills the career profile, sees the openings ranked with
reasons and commute times, says "I'm interested", and HR of that company find them in the pool. A
partner who signed up on their own asks to join the household instead, and the newcomer confirms.
The careers pages are checked for serious accessibility problems, in English and in Norwegian."""

import re

import pytest
from playwright.sync_api import expect

from careers.models import CareerProfile, OpeningInterest
from network.models import User
from newcomers.models import Partner
from tests.companies.factories import (
    PDF_BYTES,
    CompanyFactory,
    HRStaffFactory,
    JobOpeningFactory,
    ProfessionalFieldFactory,
)
from tests.network.factories import MunicipalityFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

from .factories import TravelTimeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
PASSWORD = "a-Long-pass-2026"
REASONS = "your field · open to partners · Norwegian B1 required, you have B1 · 40 min by car from Halden"


def _link(mail, live_server) -> str:
    return live_server.url + re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def _no_serious_violations(page) -> None:
    problems = _serious_violations(page)
    assert not problems, f"{page.url}: {problems}"


def _region():
    """A household in Halden, a member hospital in Fredrikstad 40 minutes away by car, with an
    opening that fits a nurse, and one elsewhere that does not."""
    halden = MunicipalityFactory(name="Halden", slug="halden-careers")
    fredrikstad = MunicipalityFactory(name="Fredrikstad", slug="fredrikstad-careers")
    TravelTimeFactory(origin=fredrikstad, destination=halden, car_minutes=40, transit_minutes=55)
    field = ProfessionalFieldFactory(name_en="Health", name_nb="Helse")
    hospital = CompanyFactory(name="Østfold Hospital", municipality=fredrikstad)
    fit = JobOpeningFactory(
        company=hospital,
        title_en="Nurse, surgery ward",
        title_nb="Sykepleier, kirurgisk sengepost",
        professional_field=field,
        open_to_partners=True,
        norwegian_level_required="B1",
    )
    JobOpeningFactory(title_en="Warehouse worker", company=CompanyFactory(municipality=halden))
    return halden, hospital, fit


def _fill_career_profile(page) -> None:
    page.get_by_role("link", name="Fill in my career profile").click()
    page.get_by_label("Health").check()
    page.locator("#id_education").select_option("master")
    page.locator("#id_years_experience").fill("6")
    page.locator("#id_norwegian_level").select_option("B1")
    page.locator("#id_english_level").select_option("C1")
    page.locator("#id_driving_licence").check()
    page.locator("#id_max_commute_minutes").fill("45")
    page.locator("#id_cv").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("#id_show_to_companies").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your career profile has been saved.")).to_be_visible()


def test_invited_partner_signs_up_finds_an_opening_and_hr_sees_them(page, live_server, mailoutbox):
    halden, hospital, fit = _region()
    hr = HRStaffFactory(company=hospital, user__first_name="Hanne", user__language="en").user
    newcomer = NewcomerProfileFactory(
        municipality=halden, user__first_name="Marta", user__last_name="Kowalska", user__language="en"
    ).user

    # 1. The newcomer names their partner in the household step and invites them.
    _login(page, live_server, newcomer)
    page.goto(f"{live_server.url}/en/newcomers/onboarding/4/")
    page.get_by_label("Partner's name").fill("Jonas Berg")
    page.get_by_label("Partner's e-mail address").fill("jonas@example.com")
    page.get_by_label("My partner is looking for work").check()
    page.get_by_role("button", name="Finish", exact=True).click()
    page.goto(f"{live_server.url}/en/newcomers/profile/")
    page.get_by_role("button", name="Invite Jonas Berg by e-mail").click()
    expect(page.get_by_text("Your partner has been invited by e-mail.")).to_be_visible()
    invitation = mailoutbox[-1]
    assert invitation.to == ["jonas@example.com"]

    # 2. The partner signs up from the invitation and confirms the address: a partner's account,
    # linked to the household, starting on the careers page without household questions.
    page.context.clear_cookies()
    page.goto(_link(invitation, live_server))
    page.locator("#id_first_name").fill("Jonas")
    page.locator("#id_last_name").fill("Berg")
    page.locator("#id_email").fill("jonas@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(_link(mailoutbox[-1], live_server))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/careers/$"))
    expect(page.get_by_text("Your household: Marta Kowalska, living in Halden.")).to_be_visible()
    expect(page.get_by_label("Children's years of birth")).to_have_count(0)
    _no_serious_violations(page)
    partner = User.objects.get(email="jonas@example.com")
    assert partner.kind == User.Kind.PARTNER and partner.partner_of.profile.user == newcomer

    # 3. The career profile, then the openings ranked with their reasons and commute time.
    _fill_career_profile(page)
    first = page.locator("main .border-bottom").first
    expect(first).to_contain_text("Nurse, surgery ward")
    expect(first).to_contain_text(REASONS)
    _shot(page, "careers-home-en")
    _no_serious_violations(page)
    first.get_by_role("button", name="I'm interested").click()
    expect(page.get_by_text("The company's HR staff have been told that you are interested.")).to_be_visible()
    profile = CareerProfile.objects.get(user=partner)
    assert OpeningInterest.objects.filter(profile=profile, opening=fit).exists()

    # The same page in Norwegian.
    page.goto(f"{live_server.url}/nb/careers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min karriere")
    expect(page.locator("main .border-bottom").first).to_contain_text("40 min med bil fra Halden")
    _no_serious_violations(page)

    # 4. HR of the hospital find the partner in the pool, interested in their opening.
    page.context.clear_cookies()
    _login(page, live_server, hr)
    page.goto(f"{live_server.url}/en/careers/pool/")
    _no_serious_violations(page)
    page.get_by_role("link", name="Jonas Berg").first.click()
    expect(page.get_by_text("Nurse, surgery ward")).to_be_visible()
    _shot(page, "careers-pool-profile-en")
    _no_serious_violations(page)


def test_a_partner_who_signed_up_alone_asks_and_the_newcomer_confirms(page, live_server):
    halden, _hospital, _fit = _region()
    newcomer = NewcomerProfileFactory(
        municipality=halden, user__first_name="Marta", user__last_name="Kowalska", user__language="nb"
    ).user
    partner = UserFactory(first_name="Jonas", last_name="Berg", email="jonas@example.com")

    # The partner's fresh account starts at the consent step, which offers the household instead.
    _login(page, live_server, partner)
    page.goto(f"{live_server.url}/en/newcomers/")
    page.get_by_role("link", name="Join my partner's household").click()
    _no_serious_violations(page)
    page.get_by_label("Your partner's e-mail address").fill(newcomer.email)
    page.get_by_role("button", name="Ask my partner to confirm").click()
    expect(page.get_by_text("If this address belongs to a newcomer in the network").first).to_be_visible()

    # The newcomer confirms on their page, in Norwegian.
    page.context.clear_cookies()
    _login(page, live_server, newcomer)
    page.goto(f"{live_server.url}/nb/newcomers/")
    expect(page.get_by_role("heading", name="Er dette partneren din?")).to_be_visible()
    _no_serious_violations(page)
    page.get_by_role("button", name="Ja, Jonas Berg er partneren min").click()
    expect(page.get_by_text("Partneren din er nå knyttet til husstanden din")).to_be_visible()
    assert Partner.objects.get(profile__user=newcomer).user == partner

    # The partner now starts on the careers page, with their own short start.
    page.context.clear_cookies()
    _login(page, live_server, partner)
    page.goto(f"{live_server.url}/en/welcome/")
    expect(page).to_have_url(re.compile(r"/en/careers/$"))
    expect(page.get_by_role("heading", name="Getting started")).to_be_visible()
    _fill_career_profile(page)
    expect(page.locator("main .border-bottom").first).to_contain_text(REASONS)
