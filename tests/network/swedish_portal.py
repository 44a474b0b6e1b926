"""Blekinge served in Swedish. Run by tests/network/test_swedish.py in a subprocess with
PORTAL_LANGUAGES=nb,en,sv and `--nomigrations` (the tables are built from the models, which then have
their `_sv` columns): a deployment makes those columns with `makemigrations` (README, "Adding a
language"). Not collected on its own (no `test_` prefix), and skipped if Swedish is not configured."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from network.models import Municipality, Region
from network.regions import region_load
from tests.network.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "sv" not in dict(settings.LANGUAGES), reason="needs PORTAL_LANGUAGES=nb,en,sv and --nomigrations"
    ),
]
REGIONS = Path(__file__).resolve().parents[2] / "docs" / "regions"


@pytest.fixture
def blekinge(db):
    report = region_load(text=(REGIONS / "blekinge.yaml").read_text(encoding="utf-8"), base_dir=REGIONS)
    assert not report.warnings, report.warnings  # every sv text is stored now
    return Region.objects.get()


def test_the_swedish_texts_are_stored(blekinge):
    assert blekinge.tagline_sv == "Arbeta, bo och stanna – i Sveriges trädgård."
    karlskrona = Municipality.objects.get(slug="karlskrona")
    assert karlskrona.description_sv == "Örlogsstaden, ett världsarv."


def test_the_home_page_in_swedish_under_sv(client, blekinge):
    response = client.get("/sv/")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="sv">' in html
    assert "Arbeta, bo och stanna – i Sveriges trädgård." in html
    assert "Blekinge är fem kommuner vid Östersjön." in html
    # The interface is Swedish too (locale/sv), not English: the skip link, the menu, the footer.
    with translation.override("sv"):
        interface = [gettext(text) for text in ("Skip to main content", "Log in", "Your contact person")]
    assert interface == ["Hoppa till huvudinnehållet", "Logga in", "Din kontaktperson"], interface
    assert all(text in html for text in interface), interface
    # The language switch offers all three, each in its own language.
    for code, name in (("nb", "Norsk"), ("en", "English"), ("sv", "Svenska")):
        assert f'lang="{code}"' in html and name in html, code
    english = client.get("/en/").content.decode()
    assert "Work, live and stay – in the garden of Sweden." in english and "Sveriges trädgård" not in english
    assert "Jobb, bo og bli – i Sveriges hage." in client.get("/nb/").content.decode()


def test_a_municipality_page_in_swedish_falls_back_to_english_where_swedish_is_missing(client, blekinge):
    html = client.get("/sv/municipalities/karlskrona/").content.decode()
    assert "Örlogsstaden, ett världsarv." in html
    assert "Karlskrona är Blekinges residensstad, byggd på öar." in html
    assert "Blekingetrafiken kör bussar i hela länet" in html
    # No Swedish text for leisure in the file: the English one, not an empty section.
    assert "Sailing clubs, the archipelago&#x27;s islands and the Marine Museum." in html
    assert 'href="https://www.karlskrona.se/"' in html


def test_the_calendar_and_practical_pages_answer_under_sv(client, blekinge):
    for path in ("/sv/events/", "/sv/info/", "/sv/stories/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Karlskrona" in response.content.decode() or path != "/sv/events/", path


def test_a_person_may_choose_swedish_for_mail(blekinge):
    user = UserFactory(language="sv")
    user.full_clean()
