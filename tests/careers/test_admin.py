import pytest

from tests.network.factories import CoordinatorFactory, MunicipalityFactory

from .factories import TravelTimeFactory, partner_with_profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_coordinator_edits_travel_times_and_reads_career_profiles(client, language):
    profile = partner_with_profile(with_cv=True)
    travel = TravelTimeFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    for url in (
        f"/{language}/admin/careers/careerprofile/",
        f"/{language}/admin/careers/careerprofile/{profile.pk}/change/",
        f"/{language}/admin/network/traveltime/",
        f"/{language}/admin/network/traveltime/{travel.pk}/change/",
        f"/{language}/admin/network/traveltime/add/",
    ):
        assert client.get(url).status_code == 200, url


def test_a_travel_time_saved_in_admin_is_checked(client):
    a, b = MunicipalityFactory.create_batch(2)
    TravelTimeFactory(origin=a, destination=b)
    client.force_login(CoordinatorFactory(is_superuser=True))
    response = client.post(
        "/en/admin/network/traveltime/add/",
        {"origin": b.pk, "destination": a.pk, "car_minutes": "20", "transit_minutes": ""},
    )
    assert response.status_code == 200
    assert "already recorded" in response.content.decode()


def test_the_menu_shows_each_role_its_careers_page(client):
    profile = partner_with_profile()
    client.force_login(profile.user)
    assert 'href="/en/careers/"' in client.get("/en/info/").content.decode()
    client.force_login(CoordinatorFactory())
    assert 'href="/en/careers/overview/"' in client.get("/en/info/").content.decode()
