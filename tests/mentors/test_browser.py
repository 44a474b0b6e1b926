"""The mentor scheme in a real browser, as issue #12's "done means" walks it: a person applies to
volunteer, the coordinator approves in the admin, a newcomer asks for a mentor, the coordinator
proposes the top suggestion (with its reasons), both accept by the link in their e-mail, and the
newcomer's page shows the mentor. Each page is also checked for serious accessibility problems."""

import re

import pytest
from playwright.sync_api import expect

from mentors.models import Match, MentorRequest, Volunteer
from network.models import OutgoingMail
from tests.mentors.factories import VolunteerFactory
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def _answer_link(email: str, live_server) -> str:
    mail = OutgoingMail.objects.get(to=email, key__startswith="mentors:proposed")
    path = re.search(r"https?://[^/\s]+(/\S+/mentors/answer/\S+/)", mail.body_text).group(1)
    return f"{live_server.url}{path}"


def test_from_volunteering_to_a_mentor_on_the_newcomers_page(page, live_server, browser):
    halden = MunicipalityFactory(name="Halden")
    hiking = InterestFactory(name_en="Hiking", name_nb="Fjelltur")
    newcomer = NewcomerProfileFactory(
        municipality=halden, user__first_name="Marta", user__last_name="Kowalska"
    )
    newcomer.interests.add(hiking)
    coordinator = CoordinatorFactory(first_name="Ingrid")
    kari = UserFactory(first_name="Kari", last_name="Nordby", email="kari@example.com")
    # Two volunteers approved earlier, further away: the suggestions rank Kari first.
    VolunteerFactory(
        user__first_name="Ola",
        user__last_name="Berg",
        municipality=MunicipalityFactory(name="Aremark"),
        interests=[hiking],
        presentation="Forester in Aremark: lakes, canoes and mushrooms.",
    )
    VolunteerFactory(
        user__first_name="Sigrid",
        user__last_name="Holm",
        municipality=MunicipalityFactory(name="Hvaler"),
        languages=["nb", "pl"],
        offers=["outdoors"],
        capacity=2,
        presentation="Sailor on Hvaler, speaks some Polish from years in Gdańsk.",
    )

    # 1. Kari applies to volunteer on the site.
    _login(page, live_server, kari)
    page.goto(f"{live_server.url}/en/mentors/")
    page.get_by_role("link", name="Become a volunteer").click()
    page.get_by_label("Mentor (fadder)").check()
    page.get_by_label("Municipality where you live").select_option(label="Halden")
    page.get_by_role("group", name="Languages you speak").get_by_label("Polish").check()
    page.get_by_label("Hiking").check()
    page.get_by_label("How often you can meet").select_option("fortnightly")
    page.get_by_label("Phone").fill("+47 900 12 345")
    page.get_by_label("A few words about yourself").fill(
        "Retired teacher in Halden, happy to show you the fortress."
    )
    assert not _serious_violations(page)
    page.get_by_label(re.compile("I agree that the coordinator stores")).check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="My volunteering")).to_be_visible()
    expect(page.get_by_text("Waiting for approval")).to_be_visible()
    volunteer = Volunteer.objects.get(user=kari)

    # 2. The coordinator approves the application with the admin action.
    page.context.clear_cookies()
    _login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/en/admin/mentors/volunteer/")
    page.locator(f"input[name='_selected_action'][value='{volunteer.pk}']").check()
    page.locator("select[name='action']").select_option("approve")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 volunteer approved and told by e-mail.")).to_be_visible()

    # 3. The newcomer asks for a mentor from their page.
    page.context.clear_cookies()
    _login(page, live_server, newcomer.user)
    page.goto(f"{live_server.url}/en/newcomers/")
    page.get_by_role("link", name="Ask for a mentor or reserve grandparents").first.click()
    page.get_by_label("Outdoor life and walks").check()
    page.get_by_role("group", name="Languages I speak").get_by_label("Polish").check()
    page.get_by_label("In your own words (optional)").fill("We would love to learn about winter here.")
    page.get_by_label(re.compile("I agree that the coordinator shows my first name")).check()
    assert not _serious_violations(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("The coordinator is looking for someone who suits you.")).to_be_visible()
    request = MentorRequest.objects.get(user=newcomer.user)

    # 4. The coordinator sees the ranked suggestions with their reasons and proposes the top one.
    page.context.clear_cookies()
    _login(page, live_server, coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/admin/mentors/mentorrequest/{request.pk}/change/")
    first = page.locator("table", has_text="Why").locator("tbody tr").first
    expect(first).to_contain_text("Kari Nordby")
    expect(first).to_contain_text("same municipality (Halden)")
    expect(first).to_contain_text("both speak Polish")
    expect(first).to_contain_text("shared interests: Hiking")
    expect(page.locator("table", has_text="Why").locator("tbody tr")).to_have_count(3)
    page.get_by_role("heading", name="Suggested volunteers").evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)"
    )
    _shot(page, "admin-mentor-suggestions-en")
    first.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("has been proposed to")).to_be_visible()

    # 5. Both accept by the link in their e-mail, without logging in.
    page.context.clear_cookies()
    for email in (newcomer.user.email, kari.email):
        page.goto(_answer_link(email, live_server))
        expect(page.get_by_role("heading", name="A proposed match")).to_be_visible()
        page.get_by_role("button", name="Yes, I would like to").click()
    expect(page.get_by_text("You have both said yes")).to_be_visible()
    assert Match.objects.get().status == Match.Status.ACTIVE

    # 6. The newcomer's page shows the mentor and how to reach her.
    _login(page, live_server, newcomer.user)
    page.goto(f"{live_server.url}/en/newcomers/")
    panel = page.locator("section", has=page.get_by_role("heading", name="My mentor"))
    expect(panel).to_contain_text("Kari Nordby")
    expect(panel.get_by_role("link", name="kari@example.com")).to_be_visible()
    expect(panel).to_contain_text("+47 900 12 345")
    assert not _serious_violations(page)
    _shot(page, "newcomer-mentor-en")
