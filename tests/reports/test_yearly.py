"""The yearly report: what the network did in a year, whom it reached, what it cost, how it went."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone, translation

from events.models import Event, SignUp
from reports import selectors
from tests.companies.factories import CompanyFactory
from tests.events.factories import CategoryFactory, EventFactory, SignUpFactory
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import EventReviewFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def _at(month: int, day: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(YEAR, month, day, 18))


@pytest.fixture
def year_of_activities():
    walks = CategoryFactory(name_en="Get to know your city", name_nb="Bli kjent i byen")
    courses = CategoryFactory(name_en="Norwegian course", name_nb="Norskkurs")
    halden = MunicipalityFactory(name="Halden")
    hvaler = MunicipalityFactory(name="Hvaler")
    walk = EventFactory(category=walks, municipality=halden, starts_at=_at(3))
    course = EventFactory(category=courses, municipality=hvaler, starts_at=_at(9), attended_erased=2)
    EventFactory(category=walks, municipality=halden, starts_at=_at(5), status=Event.Status.CANCELLED)
    EventFactory(category=walks, municipality=halden, starts_at=_at(3).replace(year=YEAR - 1))
    anna, ben = UserFactory(), UserFactory()
    SignUpFactory(event=walk, user=anna, attended=True)
    SignUpFactory(event=walk, user=ben, attended=False)
    SignUpFactory(event=course, user=anna, attended=True)
    SignUpFactory(event=course, user=UserFactory(), status=SignUp.Status.WAITING, waitlist_position=1)
    EventReviewFactory(event=walk, note="Rain, but 2 came.", cost_nok=800, partners="Halden turistforening")
    EventReviewFactory(event=course, note="", partners="", cost_nok=12000)
    NewcomerProfileFactory(arrival_date=dt.date(YEAR, 4, 1))
    NewcomerProfileFactory(arrival_date=dt.date(YEAR - 1, 4, 1))
    CompanyFactory(member_since=dt.date(YEAR, 2, 1))
    CompanyFactory(member_since=dt.date(YEAR - 3, 2, 1))
    return walk, course


def test_the_report_counts_activities_attendance_reach_and_costs(year_of_activities):
    walk, _course = year_of_activities
    with translation.override("en"):
        report = selectors.yearly_report(year=YEAR)

    # The cancelled activity and last year's are left out.
    assert (report.totals.activities, report.totals.attended, report.totals.cost_nok) == (2, 4, 12800)
    assert [(line.name, line.activities, line.attended, line.cost_nok) for line in report.by_category] == [
        ("Get to know your city", 1, 1, 800),
        ("Norwegian course", 1, 3, 12000),  # one attended, two more by people since erased
    ]
    assert {line.name for line in report.by_municipality} == {"Halden", "Hvaler"}
    assert (report.signups, report.people_reached) == (3, 2)
    assert (report.new_newcomers, report.new_companies) == (1, 1)
    # Only notes that say something are listed; the cost-only review still counts in the costs.
    assert [review.event for review in report.notes] == [walk]


def test_nonsense_years_fall_back_to_this_year():
    this_year = timezone.localdate().year
    for value in (None, "", "abc", "1999", str(this_year + 1), "2025.5"):
        assert selectors.report_year(value) == this_year
    assert selectors.report_year("2024") == 2024


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_page_csv_and_pdf_in_both_languages(
    client, year_of_activities, language, django_assert_max_num_queries
):
    client.force_login(CoordinatorFactory())
    with django_assert_max_num_queries(20):
        page = client.get(f"/{language}/reports/yearly/", {"year": YEAR})
    html = page.content.decode()
    assert page.status_code == 200
    assert {"en": "Yearly report 2025", "nb": "Årsrapport 2025"}[language] in html
    assert "Rain, but 2 came." in html and "Halden turistforening" in html
    assert {"en": "Get to know your city", "nb": "Bli kjent i byen"}[language] in html

    response = client.get(f"/{language}/reports/yearly/{YEAR}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert (
        rows[0]
        == {
            "en": ["Section", "Name", "Activities", "Attended", "Cost (NOK)"],
            "nb": ["Del", "Navn", "Aktiviteter", "Deltok", "Kostnad (kr)"],
        }[language]
    )
    assert [row[1:] for row in rows if row[1] == "All activities" or row[1] == "Alle aktiviteter"] == [
        [{"en": "All activities", "nb": "Alle aktiviteter"}[language], "2", "4", "12800"]
    ]

    pdf = client.get(f"/{language}/reports/yearly/{YEAR}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert f"yearly-report-{YEAR}-{language}.pdf" in pdf["Content-Disposition"]


def test_a_year_out_of_range_in_a_download_address_is_not_found(client):
    client.force_login(CoordinatorFactory())
    assert client.get("/en/reports/yearly/1999.csv").status_code == 404
    assert client.get(f"/en/reports/yearly/{timezone.localdate().year + 1}.pdf").status_code == 404
    assert client.get("/en/reports/yearly/", {"year": "<script>"}).status_code == 200


def test_the_queries_do_not_grow_with_the_activities(client, django_assert_max_num_queries):
    client.force_login(CoordinatorFactory())
    for n in range(12):
        event = EventFactory(starts_at=_at(1 + n % 12))
        SignUpFactory(event=event, attended=True)
        EventReviewFactory(event=event)
    with django_assert_max_num_queries(20):
        assert client.get("/en/reports/yearly/", {"year": YEAR}).status_code == 200


def test_the_coordinator_writes_after_action_notes_on_the_activity_in_admin(client):
    event = EventFactory(starts_at=_at(6))
    client.force_login(CoordinatorFactory(is_superuser=True))
    page = client.get(f"/en/admin/events/event/{event.pk}/change/").content.decode()
    assert "After the activity: how it went" in page
    assert 'name="review-0-note"' in page
