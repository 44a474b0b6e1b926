import pytest
from django.urls import reverse

from network.seed import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    seed()


def test_home_in_norwegian_shows_region_municipalities_and_contact(client, region):
    response = client.get("/nb/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    assert "Velkommen til Søndre Viken" in html
    assert "Kommunene i regionen" in html
    for name in ["Fredrikstad", "Sarpsborg", "Halden", "Hvaler", "Rakkestad", "Aremark"]:
        assert name in html
    assert "Gamlebyen – Nord-Europas best bevarte festningsby" in html
    assert "Din kontaktperson" in html
    assert "Ingrid Haugen" in html
    assert "kontakt@sondreviken.example" in html
    assert "Regional kontaktperson for tilflyttere" in html


def test_home_in_english_shows_translated_text(client, region):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Welcome to Søndre Viken" in html
    assert "The municipalities of the region" in html
    assert "the best-preserved fortress town in Northern Europe" in html
    assert "Your contact person" in html
    assert "Regional contact person for newcomers" in html
    assert "Velkommen til" not in html


def test_root_redirects_to_a_language(client, region):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_language_switch_links_keep_the_current_path_and_query(client, region):
    html = client.get("/en/accounts/login/?next=/en/").content.decode()
    assert 'href="/nb/accounts/login/?next=/en/" hreflang="nb"' in html
    assert 'href="/en/accounts/login/?next=/en/" hreflang="en"' in html
    assert 'aria-current="true">English' in html


def test_contact_person_shows_in_the_footer_of_other_pages(client, region):
    html = client.get(reverse("account_login")).content.decode()
    assert "Ingrid Haugen" in html
    assert "+47 69 00 00 00" in html


def test_missing_english_description_falls_back_to_norwegian(client, region):
    from network.models import Municipality

    Municipality.objects.filter(slug="hvaler").update(description_en="")
    html = client.get("/en/").content.decode()
    assert "Øykommunen ytterst i Oslofjorden" in html


@pytest.mark.parametrize("extra", [0, 20])
def test_home_query_count_does_not_grow_with_municipalities(
    client, region, django_assert_max_num_queries, extra
):
    from network.models import Region
    from tests.network.factories import MunicipalityFactory

    MunicipalityFactory.create_batch(extra, region=Region.objects.get())
    with django_assert_max_num_queries(4):
        assert client.get("/en/").status_code == 200


def test_the_footer_region_comes_from_the_cache_and_follows_changes(client, django_assert_max_num_queries):
    from network.models import ContactPerson
    from tests.network.factories import ContactPersonFactory

    person = ContactPersonFactory(name="Ingrid Haugen")
    assert "Ingrid Haugen" in client.get("/en/info/").content.decode()
    person = ContactPerson.objects.get(pk=person.pk)
    person.name = "Kari Nordmann"
    person.save()
    page = client.get("/en/info/").content.decode()
    assert "Kari Nordmann" in page and "Ingrid Haugen" not in page
