"""A NUL character in any query string or form value is a 400 at the edge, never a 500 deep inside."""

import pytest

from tests.network.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "/en/admin/events/signup/?status__exact=%00",
    "/en/admin/events/event/?status__exact=%00",
    "/en/admin/companies/company/?membership__exact=%00",
    "/en/admin/companies/company/?q=%00",
    "/en/admin/newcomers/newcomerprofile/?q=a%00b",
    "/en/admin/network/user/?kind__exact=%00",
]


@pytest.mark.parametrize("url", ADMIN_LISTS)
def test_admin_lists_answer_400_to_a_nul_in_a_filter(client, url):
    client.force_login(CoordinatorFactory())
    response = client.get(url)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/en/activities/?q=%00", "/nb/info/search/?q=x%00", "/en/companies/jobs/?field=%00"]
)
def test_public_pages_answer_400_in_the_visitors_language(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_a_form_value_with_a_nul_is_refused_before_the_view(client):
    client.force_login(UserFactory())
    response = client.post("/nb/newcomers/contact/", {"subject": "Hei\x00", "message": "M"})
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()
    assert client.post("/nb/newcomers/contact/", {"subject": "Hei", "message": "M"}).status_code == 302
