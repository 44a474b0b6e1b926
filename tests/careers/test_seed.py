import io

import pytest

from careers import seed as careers_seed
from careers.models import CareerProfile, OpeningInterest
from companies import seed as companies_seed
from companies.models import JobOpening
from network import seed as network_seed
from network.models import TravelTime, User
from newcomers import seed as newcomers_seed
from newcomers.models import Partner

pytestmark = pytest.mark.django_db


def _seed():
    network_seed.seed()
    companies_seed.seed()
    newcomers_seed.seed()
    careers_seed.seed(stdout=io.StringIO())


def test_the_demo_has_partners_with_profiles_travel_times_and_fitting_openings(client):
    _seed()
    _seed()  # a second run changes nothing
    assert TravelTime.objects.count() == 15
    assert CareerProfile.objects.count() == 3
    assert set(CareerProfile.objects.values_list("norwegian_level", flat=True)) == {"A2", "B1", "C1"}
    assert Partner.objects.filter(user__kind=User.Kind.PARTNER).count() == 3
    assert OpeningInterest.objects.count() == 1
    # One municipality is a public member with an apprenticeship; the job list filters on both.
    apprenticeship = JobOpening.objects.get(kind=JobOpening.Kind.APPRENTICESHIP)
    assert apprenticeship.company.sector == "public" and apprenticeship.company.is_member
    listed = client.get("/nb/companies/jobs/", {"kind": "apprenticeship", "public": "on"}).content.decode()
    assert "Lærling i helsearbeiderfaget" in listed and "Backend-utvikler" not in listed
    priya = User.objects.get(email="priya@demo.sondreviken.example")
    client.force_login(priya)
    page = client.get("/en/careers/").content.decode()
    assert "Healthcare worker, nursing home" in page and "Norwegian B1 required, you have B1" in page
