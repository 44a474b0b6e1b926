import datetime as dt

import pytest
from django.utils import timezone

from newcomers.models import NewcomerProfile
from tests.network.factories import ContactPersonFactory, MunicipalityFactory, UserFactory

from .factories import InterestFactory, NewcomerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = UserFactory(language="en")
    client.force_login(user)
    return user


def _about(**overrides):
    data = {
        "citizenship": "PL",
        "arrival_date": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
        "municipality": MunicipalityFactory().pk,
        "employer_other": "Own business",
        "languages": "Polish, English",
        "preferred_language": "nb",
    }
    data.update(overrides)
    return data


def test_no_profile_is_kept_before_consent(client, user):
    response = client.get("/en/newcomers/")
    assert response.status_code == 302 and response["Location"] == "/en/newcomers/onboarding/1/"
    assert client.get("/en/newcomers/onboarding/2/")["Location"] == "/en/newcomers/onboarding/1/"
    response = client.post("/en/newcomers/onboarding/1/", {})
    assert response.status_code == 200
    assert "We can only keep a profile for you if you agree." in response.content.decode()
    assert not NewcomerProfile.objects.exists()


def test_consent_page_explains_what_is_stored_in_both_languages(client, user):
    assert "What the network stores and why" in client.get("/en/newcomers/onboarding/1/").content.decode()
    assert "Hva nettverket lagrer og hvorfor" in client.get("/nb/newcomers/onboarding/1/").content.decode()


def test_the_whole_onboarding_sends_the_welcome_pack_once(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    ContactPersonFactory()
    response = client.post("/en/newcomers/onboarding/1/", {"accept": "on", "contact_by_mentors": "on"})
    assert response["Location"] == "/en/newcomers/onboarding/2/"
    profile = NewcomerProfile.objects.get(user=user)
    assert profile.data_consent_at and profile.contact_by_mentors_at and not profile.contact_by_companies_at
    assert client.post("/en/newcomers/onboarding/2/", _about())["Location"] == "/en/newcomers/onboarding/3/"
    user.refresh_from_db()
    assert user.language == "nb"
    interest = InterestFactory()
    assert client.post("/en/newcomers/onboarding/3/", {"interests": [interest.pk]}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/newcomers/onboarding/4/",
            {"partner_name": "Ola", "partner_email": "ola@example.com", "children_birth_years": "2019, 2022"},
        )
    assert response["Location"] == "/en/newcomers/"
    profile.refresh_from_db()
    assert profile.completed_at and profile.welcome_pack_sent_at
    assert profile.group == "eu"
    assert profile.partner.name == "Ola"
    assert [c.birth_year for c in profile.children.all()] == [2019, 2022]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Velkommen til Søndre Viken – velkomstpakken din"
    assert "Ingrid Haugen" in mail.body
    (name, content, mimetype) = mail.attachments[0]
    assert name == "welcome-pack.pdf" and mimetype == "application/pdf" and content[:4] == b"%PDF"

    # Saving the last step again does not send a second pack.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newcomers/onboarding/4/", {"partner_name": "Ola", "children_birth_years": ""})
    assert len(mailoutbox) == 1
    assert not profile.children.exists()


def test_save_and_finish_later_keeps_what_was_entered(client, user):
    client.post("/en/newcomers/onboarding/1/", {"accept": "on"})
    response = client.post("/en/newcomers/onboarding/2/", {**_about(), "later": "1"})
    assert response["Location"] == "/en/"
    profile = NewcomerProfile.objects.get(user=user)
    assert profile.citizenship == "PL" and profile.step == NewcomerProfile.Step.INTERESTS
    assert client.get("/en/newcomers/")["Location"] == "/en/newcomers/onboarding/3/"
    html = client.get("/en/newcomers/onboarding/2/").content.decode()
    assert 'value="Polish, English"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("arrival_date", "2076-01-01", "Please give a date between"),
        ("arrival_date", "not a date", "Enter a valid date."),
        ("municipality", "999999", "Select a valid choice."),
        ("citizenship", "XX", "Select a valid choice."),
    ],
)
def test_bad_about_input_is_a_form_error(client, user, field, value, message):
    client.post("/en/newcomers/onboarding/1/", {"accept": "on"})
    response = client.post("/en/newcomers/onboarding/2/", _about(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Polish, English"' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"children_birth_years": "2099"}, "is in the future"),
        ({"children_birth_years": "nineteen"}, "is not a year"),
        ({"children_birth_years": "1950"}, "are adults here"),
        ({"partner_name": "Ann", "partner_email": "not-an-email"}, "Enter a valid email address."),
    ],
)
def test_bad_household_input_is_a_form_error(client, user, data, message):
    client.post("/en/newcomers/onboarding/1/", {"accept": "on"})
    response = client.post("/en/newcomers/onboarding/4/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewcomerProfile.objects.get(user=user).completed_at


def test_form_errors_are_translated(client, user):
    client.post("/nb/newcomers/onboarding/1/", {"accept": "on"})
    response = client.post("/nb/newcomers/onboarding/4/", {"children_birth_years": "2099"})
    assert "2099 er i fremtiden." in response.content.decode()


def test_unknown_step_is_404(client, user):
    assert client.get("/en/newcomers/onboarding/9/").status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get("/en/newcomers/onboarding/1/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_step_names_follow_the_page_language(client, user):
    from django.utils import translation
    from django.utils.translation import gettext

    client.post("/en/newcomers/onboarding/1/", {"accept": "on"})
    with translation.override("nb"):
        about_nb = gettext("About you")
    assert about_nb != "About you"
    assert about_nb in client.get("/nb/newcomers/onboarding/2/").content.decode()
    assert "About you" in client.get("/en/newcomers/onboarding/2/").content.decode()


def test_an_invited_hire_finds_what_hr_registered_and_gets_the_pack_after_onboarding(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """HR-invited hires got an empty welcome pack ("0 of 0 done") the moment they accepted, and typed
    again everything HR had entered."""
    from companies import services as company_services
    from tests.companies.factories import HireFactory

    ContactPersonFactory()
    halden = MunicipalityFactory(name="Halden")
    hire = HireFactory(
        email="olga@example.com",
        country="UA",
        municipality=halden,
        expected_arrival=timezone.localdate() + dt.timedelta(days=20),
        with_partner=True,
        children=2,
    )
    user = UserFactory(email="olga@example.com", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        company_services.hire_accept(hire=hire, user=user)
    assert mailoutbox == []  # no pack before there is a profile to build it from

    client.force_login(user)
    client.post("/en/newcomers/onboarding/1/", {"accept": "on"})
    profile = NewcomerProfile.objects.get(user=user)
    assert (profile.citizenship.code, profile.municipality, profile.employer) == ("UA", halden, hire.company)
    assert profile.arrival_date == hire.expected_arrival
    about = client.get("/en/newcomers/onboarding/2/").content.decode()
    assert "has already told us some of this" in about and 'value="UA" selected' in about
    household = client.get("/en/newcomers/onboarding/4/").content.decode()
    assert "registered that you come with a partner and 2 children" in household
    client.post("/en/newcomers/onboarding/2/", _about(citizenship="UA", municipality=halden.pk))
    client.post("/en/newcomers/onboarding/3/", {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/newcomers/onboarding/4/", {"partner_name": "Taras", "children_birth_years": "2018, 2021"}
        )
    profile.refresh_from_db()
    assert profile.completed_at and profile.welcome_pack_sent_at
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments[0][0] == "welcome-pack.pdf"
    hire.refresh_from_db()
    assert hire.onboarded_at == profile.completed_at


def test_the_weekly_digest_is_opt_in_at_onboarding_and_changeable_from_the_profile(client):
    profile = NewcomerProfileFactory()
    assert not profile.weekly_digest  # nobody gets it without asking
    client.force_login(profile.user)
    page = client.get("/nb/newcomers/onboarding/3/").content.decode()
    assert "Send meg en ukentlig e-post" in page
    assert client.post("/en/newcomers/onboarding/3/", {"weekly_digest": "on"}).status_code == 302
    profile.refresh_from_db()
    assert profile.weekly_digest
    html = client.get("/en/newcomers/profile/").content.decode()
    assert (
        "Weekly digest" in html and "Yes, every week" in html and 'href="/en/newcomers/onboarding/3/"' in html
    )
    client.post("/en/newcomers/onboarding/3/", {})
    profile.refresh_from_db()
    assert not profile.weekly_digest
