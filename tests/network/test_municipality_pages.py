"""A page per municipality: its sections in the reader's language, its practical pages and coming
activities, linked from the home page's cards."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Audience, Event
from network.models import InfoPage
from tests.events.factories import EventFactory
from tests.network.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _town(**kwargs):
    return MunicipalityFactory(
        name="Hvaler",
        slug="hvaler",
        introduction_nb="Øyer og skjær.",
        introduction_en="Islands and skerries.",
        schools_nb="Innføringsklasse for nye elever.",
        schools_en="An introductory class for new pupils.",
        public_transport_nb="Buss gjennom tunnelen.",
        public_transport_en="A bus through the tunnel.",
        website_nb="https://www.hvaler.kommune.no/",
        website_en="https://www.hvaler.kommune.no/english/",
        **kwargs,
    )


def _page(slug, municipality, published=True):
    return InfoPage.objects.create(
        topic=InfoPage.Topic.SCHOOLS,
        slug=slug,
        title_nb=f"Side {slug}",
        title_en=f"Page {slug}",
        body_nb="…",
        body_en="…",
        municipality=municipality,
        published=published,
        last_reviewed=timezone.localdate(),
    )


def test_the_page_in_english_and_norwegian(client):
    town = _town()
    english = client.get("/en/municipalities/hvaler/").content.decode()
    assert "Islands and skerries." in english and "An introductory class for new pupils." in english
    assert "Schools" in english and "Public transport" in english
    assert "Kindergartens" not in english  # an empty section is left out
    assert 'href="https://www.hvaler.kommune.no/english/"' in english
    norwegian = client.get("/nb/municipalities/hvaler/").content.decode()
    assert "Øyer og skjær." in norwegian and "Skoler" in norwegian and "Kollektivtransport" in norwegian
    assert 'href="https://www.hvaler.kommune.no/"' in norwegian
    assert town.name in norwegian


def test_the_page_lists_the_municipalitys_published_pages_and_coming_activities(client):
    town, elsewhere = _town(), MunicipalityFactory()
    _page("here", town)
    _page("draft", town, published=False)
    _page("there", elsewhere)
    EventFactory(municipality=town, title_en="Crab fishing")
    EventFactory(municipality=elsewhere, title_en="Far away")
    EventFactory(municipality=town, title_en="For HR", audience=Audience.COMPANIES)
    EventFactory(municipality=town, title_en="Cancelled", status=Event.Status.CANCELLED)
    past = timezone.now() - dt.timedelta(days=3)
    EventFactory(municipality=town, title_en="Past", starts_at=past, ends_at=past + dt.timedelta(hours=1))
    html = client.get("/en/municipalities/hvaler/").content.decode()
    assert "Page here" in html and "Page draft" not in html and "Page there" not in html
    assert "Crab fishing" in html
    assert not any(title in html for title in ("Far away", "For HR", "Cancelled", "Past"))


def test_an_unknown_municipality_is_a_404(client):
    assert client.get("/en/municipalities/atlantis/").status_code == 404


def test_the_home_page_cards_link_to_the_municipality_pages(client):
    _town()
    html = client.get("/en/").content.decode()
    assert 'href="/en/municipalities/hvaler/"' in html


@pytest.mark.parametrize("count", [1, 20])
def test_the_page_has_a_query_budget(client, django_assert_max_num_queries, count):
    town = _town()
    for n in range(count):
        _page(f"page-{n}", town)
        EventFactory(municipality=town)
    client.get("/en/municipalities/hvaler/")  # the region is cached for the layout
    with django_assert_max_num_queries(4):
        assert client.get("/en/municipalities/hvaler/").status_code == 200


def test_the_demo_texts_cover_the_six_municipalities_in_both_languages():
    import yaml

    from network.seed import REGION_FILE

    municipalities = yaml.safe_load(REGION_FILE.read_text(encoding="utf-8"))["municipalities"]
    assert {m["slug"] for m in municipalities} == {
        "fredrikstad",
        "sarpsborg",
        "halden",
        "hvaler",
        "rakkestad",
        "aremark",
    }
    for sections in municipalities:
        slug = sections["slug"]
        assert sections["website"]["nb"].startswith(f"https://www.{slug}.")
        for name in (
            "introduction",
            "kindergartens",
            "schools",
            "health_services",
            "leisure",
            "public_transport",
        ):
            nb, en = sections[name]["nb"], sections[name]["en"]
            assert nb and en and nb != en, (slug, name)
