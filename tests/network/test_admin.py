import pytest
from django.contrib.auth.models import Group

from tests.network.factories import CoordinatorFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_loads_for_the_coordinator_with_the_region_title(client):
    RegionFactory()
    client.force_login(CoordinatorFactory())
    response = client.get("/en/admin/")
    assert response.status_code == 200
    assert "Søndre Viken expat network" in response.content.decode()
    response = client.get("/nb/admin/")
    assert "Søndre Viken tilflytternettverk" in response.content.decode()


def test_coordinator_can_open_the_project_models(client):
    client.force_login(CoordinatorFactory())
    for url in ["/en/admin/network/municipality/", "/en/admin/network/user/", "/en/admin/companies/company/"]:
        assert client.get(url).status_code == 200, url


def test_admin_is_refused_to_a_newcomer(client):
    client.force_login(UserFactory())
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/en/admin/network/user/").status_code == 302


def test_coordinator_group_covers_project_models_but_cannot_delete_users():
    group = CoordinatorFactory().groups.get()
    assert group.name == "Coordinator"
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_municipality", "view_user", "change_user", "add_company"} <= codenames
    assert "delete_user" not in codenames
    assert Group.objects.filter(name="Coordinator").count() == 1
