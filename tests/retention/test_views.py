"""The survey by its link, "I have moved away", HR's "left the region" and the dashboard, in both languages."""

import datetime as dt

import pytest
from django.utils import timezone

from companies.models import Hire
from retention import services
from retention.models import Departure, Response
from tests.companies.factories import CompanyFactory, HireFactory, HRStaffFactory
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import CoordinatorFactory, MunicipalityFactory

from .factories import ArrivedProfileFactory, DepartureFactory, InvitationFactory, answers_for

pytestmark = pytest.mark.django_db


def _post_data(survey, **by_key):
    data = {}
    for question_id, value in answers_for(survey, **by_key).items():
        data[f"q{question_id}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


@pytest.mark.parametrize(
    ("lang", "title", "thanks"), [("en", "Yearly check-in", "Thank you"), ("nb", "Årlig oppfølging", "Takk")]
)
def test_the_survey_link_takes_one_answer_without_logging_in(client, lang, title, thanks):
    invitation = InvitationFactory()
    url = f"/{lang}/retention/survey/{services.link_token(invitation=invitation)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert title in page.content.decode()
    data = _post_data(invitation.survey, still_in_region="yes", stay_five_years=5)
    done = client.post(url, data, follow=True)
    assert done.redirect_chain[-1][1] == 302 and thanks in done.content.decode()
    assert Response.objects.count() == 1
    again = client.post(url, data)
    assert again.status_code == 410
    assert Response.objects.count() == 1


def test_a_required_question_left_out_shows_the_form_again(client):
    invitation = InvitationFactory()
    url = f"/en/retention/survey/{services.link_token(invitation=invitation)}/"
    page = client.post(url, {})
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize(("lang", "text"), [("en", "not valid"), ("nb", "ikke gyldig")])
def test_a_forged_link_gets_a_clear_page(client, lang, text):
    page = client.get(f"/{lang}/retention/survey/nonsense/")
    assert page.status_code == 410 and text in page.content.decode()


@pytest.mark.parametrize(("lang", "button"), [("en", "I have moved away"), ("nb", "Jeg har flyttet")])
def test_the_newcomer_says_they_moved_away(client, lang, button):
    profile = ArrivedProfileFactory()
    client.force_login(profile.user)
    home = client.get(f"/{lang}/newcomers/")
    assert button in home.content.decode()
    day = timezone.localdate() - dt.timedelta(days=5)
    response = client.post(
        f"/{lang}/retention/moved-away/", {"left_on": day.isoformat(), "reason": "housing"}
    )
    assert response.status_code == 302
    departure = Departure.objects.get(profile=profile)
    assert (departure.left_on, departure.reason, departure.source) == (day, "housing", "profile")
    future = client.post(f"/{lang}/retention/moved-away/", {"left_on": "2999-01-01"})
    assert future.status_code == 200
    client.post(f"/{lang}/retention/moved-away/", {"undo": "1"})
    assert not Departure.objects.exists()


def test_hr_marks_their_hire_as_left(client):
    staff = HRStaffFactory()
    profile = ArrivedProfileFactory()
    hire = HireFactory(company=staff.company, user=profile.user)
    client.force_login(staff.user)
    page = client.get(f"/en/companies/hr/hires/{hire.pk}/")
    assert "Mark as having left the region" in page.content.decode()
    day = timezone.localdate() - dt.timedelta(days=2)
    response = client.post(
        f"/nb/retention/hires/{hire.pk}/left/", {"left_on": day.isoformat(), "reason": "job"}
    )
    assert response.status_code == 302
    assert Hire.objects.get(pk=hire.pk).left_region_on == day
    assert Departure.objects.get(profile=profile).source == "hr"


def _population(n: int, company, municipality):
    today = timezone.localdate()
    for i in range(n):
        profile = ArrivedProfileFactory(
            arrival_date=today - dt.timedelta(days=200 + 400 * i), employer=company, municipality=municipality
        )
        if i % 2:
            DepartureFactory(profile=profile, left_on=today - dt.timedelta(days=100))
        invitation = InvitationFactory(profile=profile)
        services.response_submit(
            invitation_id=invitation.pk,
            answers=answers_for(invitation.survey, still_in_region="yes", stay_five_years=3),
        )
        SignUpFactory(
            user=profile.user,
            attended=True,
            event=EventFactory(starts_at=timezone.now() - dt.timedelta(days=20 * i + 1)),
        )


@pytest.mark.parametrize("n", [1, 6])
def test_the_dashboard_asks_the_database_a_constant_number_of_times(client, django_assert_max_num_queries, n):
    company, municipality = CompanyFactory(), MunicipalityFactory()
    _population(n, company, municipality)
    client.force_login(CoordinatorFactory())
    with django_assert_max_num_queries(20):
        page = client.get(
            "/en/retention/dashboard/", {"municipality": municipality.pk, "company": company.pk}
        )
    assert page.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/nb/retention/dashboard/").status_code == 200


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Who stays", "Goal: ten years", "Years since arrival"]), ("nb", ["Hvem blir", "Mål: ti år"])],
)
def test_the_dashboard_draws_accessible_charts_in_both_languages(client, lang, words):
    company, municipality = CompanyFactory(), MunicipalityFactory()
    _population(3, company, municipality)
    client.force_login(CoordinatorFactory())
    html = client.get(f"/{lang}/retention/dashboard/").content.decode()
    for word in words:
        assert word in html
    assert html.count('role="img"') == html.count("<table") >= 8
    assert "<title id=" in html and "<desc id=" in html and "<polyline" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "query",
    [
        "municipality=abc",
        "company=99999999999999999999999",
        "arrival_year=-5",
        "arrival_year=x&company=&municipality=1.5",
    ],
)
def test_nonsense_filters_are_ignored(client, query):
    client.force_login(CoordinatorFactory())
    assert client.get(f"/en/retention/dashboard/?{query}").status_code == 200
    assert client.get(f"/en/retention/dashboard/retention.csv?{query}").status_code == 200


def test_each_chart_downloads_as_csv(client):
    municipality = MunicipalityFactory(name="=Halden")
    ArrivedProfileFactory(municipality=municipality)
    client.force_login(CoordinatorFactory())
    csv_text = client.get("/en/retention/dashboard/municipality.csv").content.decode()
    assert csv_text.splitlines()[0] == "Municipality,Number"
    assert "'=Halden,1" in csv_text  # a formula is not run by the spreadsheet
    assert client.get("/en/retention/dashboard/nonsense.csv").status_code == 404
    retention = client.get("/en/retention/dashboard/retention.csv").content.decode()
    assert retention.splitlines()[1].startswith("All arrivals,1,100")


def test_the_admin_index_links_to_the_dashboard(client):
    client.force_login(CoordinatorFactory())
    assert "/en/retention/dashboard/" in client.get("/en/admin/").content.decode()


def test_a_hire_marked_as_left_on_the_companies_form_counts_as_a_departure():
    from retention.selectors import Filters, dashboard

    today = timezone.localdate()
    profile = ArrivedProfileFactory(arrival_date=today - dt.timedelta(days=800))
    HireFactory(user=profile.user, left_region_on=today - dt.timedelta(days=100))
    ArrivedProfileFactory(arrival_date=today - dt.timedelta(days=800))
    [everyone, *_cohorts] = dashboard(filters=Filters())["charts"][0].rows
    assert everyone[2:5] == ["100", "100", "50"]


def test_newcomers_are_counted_per_country_group():
    from retention.selectors import Filters, dashboard

    for code in ("SE", "PL", "PL", "IN", ""):
        ArrivedProfileFactory(citizenship=code)
    charts = {c.key: c for c in dashboard(filters=Filters())["charts"]}
    assert [row[1] for row in charts["country-group"].rows] == [1, 2, 1, 1]
