"""Travel times between municipalities, and the job list's "within N minutes of …" filter."""

import pytest
from django.core.exceptions import ValidationError

from network.models import Municipality, TravelTime
from network.seed import seed as network_seed
from network.selectors import SAME_MUNICIPALITY_MINUTES, municipalities_within, travel_minutes
from tests.companies.factories import JobOpeningFactory
from tests.network.factories import MunicipalityFactory

from .factories import TravelTimeFactory

pytestmark = pytest.mark.django_db


def test_a_pair_is_read_in_either_direction_and_the_same_place_is_a_small_constant():
    halden, fredrikstad, aremark = MunicipalityFactory.create_batch(3)
    TravelTimeFactory(origin=fredrikstad, destination=halden, car_minutes=40, transit_minutes=55)
    assert travel_minutes(origin=halden, destination=fredrikstad, mode="car") == 40
    assert travel_minutes(origin=fredrikstad, destination=halden, mode="transit") == 55
    assert travel_minutes(origin=halden, destination=halden, mode="transit") == SAME_MUNICIPALITY_MINUTES
    assert travel_minutes(origin=halden, destination=aremark, mode="car") is None
    assert travel_minutes(origin=None, destination=aremark, mode="car") is None


def test_a_pair_is_recorded_once_and_never_to_itself():
    a, b = MunicipalityFactory.create_batch(2)
    TravelTimeFactory(origin=a, destination=b)
    with pytest.raises(ValidationError):
        TravelTime(origin=b, destination=a, car_minutes=10).full_clean()
    with pytest.raises(ValidationError):
        TravelTime(origin=a, destination=a, car_minutes=10).full_clean()
    with pytest.raises(ValidationError):
        TravelTime(origin=MunicipalityFactory(), destination=a, car_minutes=0).full_clean()


def test_the_seed_holds_plausible_times_for_the_six_municipalities():
    network_seed()
    network_seed()  # idempotent
    assert TravelTime.objects.count() == 15
    by_slug = Municipality.objects.in_bulk(field_name="slug")
    assert travel_minutes(origin=by_slug["sarpsborg"], destination=by_slug["fredrikstad"], mode="car") == 20
    assert travel_minutes(origin=by_slug["halden"], destination=by_slug["fredrikstad"], mode="transit") == 55
    reachable = municipalities_within(origin=by_slug["aremark"], minutes=60, mode="transit")
    assert reachable == {by_slug["aremark"].pk}


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_job_list_filters_on_travel_time(client, language, django_assert_max_num_queries):
    halden, sarpsborg, aremark = MunicipalityFactory.create_batch(3)
    TravelTimeFactory(origin=halden, destination=sarpsborg, car_minutes=30, transit_minutes=35)
    TravelTimeFactory(origin=halden, destination=aremark, car_minutes=30, transit_minutes=90)
    JobOpeningFactory(title_en="Job-H", title_nb="Job-H", municipality=halden)
    JobOpeningFactory(title_en="Job-S", title_nb="Job-S", municipality=sarpsborg)
    JobOpeningFactory(title_en="Job-A", title_nb="Job-A", municipality=aremark)
    url = f"/{language}/companies/jobs/"
    with django_assert_max_num_queries(12):
        response = client.get(url, {"within_minutes": 45, "within_of": halden.pk, "within_mode": "transit"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Job-H" in text and "Job-S" in text and "Job-A" not in text
    by_car = client.get(url, {"within_minutes": 45, "within_of": halden.pk, "within_mode": "car"})
    assert "Job-A" in by_car.content.decode()


def test_a_travel_filter_without_a_place_is_explained_not_applied(client):
    JobOpeningFactory(title_en="Anywhere")
    response = client.get("/en/companies/jobs/", {"within_minutes": 30})
    assert response.status_code == 200
    assert "Choose the municipality to travel from." in response.content.decode()
    assert client.get("/en/companies/jobs/", {"within_minutes": -5}).status_code == 200


def test_the_job_list_filters_apprenticeships_and_public_employers(client):
    from companies.models import Company, JobOpening
    from tests.companies.factories import CompanyFactory

    public = CompanyFactory(sector=Company.Sector.PUBLIC)
    JobOpeningFactory(company=public, title_en="Job-Appr", kind=JobOpening.Kind.APPRENTICESHIP)
    JobOpeningFactory(company=public, title_en="Job-Public")
    JobOpeningFactory(title_en="Job-Private")
    text = client.get("/en/companies/jobs/", {"kind": "apprenticeship"}).content.decode()
    assert "Job-Appr" in text and "Job-Public" not in text and "Job-Private" not in text
    text = client.get("/en/companies/jobs/", {"public": "on"}).content.decode()
    assert "Job-Appr" in text and "Job-Public" in text and "Job-Private" not in text
