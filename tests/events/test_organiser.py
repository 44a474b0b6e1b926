"""The organiser is content in two languages, like the title: each page names it in its language."""

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from events.models import Event
from events.recurrence import series_occurrences_generate
from events.services_series import series_update

from .factories import EventFactory
from .factories_series import EventSeriesFactory

pytestmark = pytest.mark.django_db


def _detail(client, event, lang):
    with translation.override(lang):
        path = reverse("events:detail", kwargs={"pk": event.pk})
    return client.get(path).content.decode()


def test_each_page_names_the_organiser_in_its_language(client):
    event = EventFactory(
        organiser_nb="Søndre Viken tilflytternettverk", organiser_en="Søndre Viken expat network"
    )
    nb, en = _detail(client, event, "nb"), _detail(client, event, "en")
    assert "Arrangør: Søndre Viken tilflytternettverk" in nb and "expat network" not in nb
    assert "Organised by Søndre Viken expat network" in en and "tilflytternettverk" not in en


def test_an_organiser_written_in_one_language_shows_in_both(client):
    event = EventFactory(organiser_nb="NAV Fredrikstad", organiser_en="")
    assert "NAV Fredrikstad" in _detail(client, event, "nb")
    assert "Organised by NAV Fredrikstad" in _detail(client, event, "en")


@pytest.mark.parametrize("lang", ["nb", "en"])
@freeze_time("2026-08-20 10:00")
def test_a_series_gives_its_occurrences_its_organiser_and_a_change_of_it(client, lang):
    """A series has one organiser (not translated); recurrence.py copies it to each occurrence,
    in the language active at the time (the nightly task's is nb), and both pages show it."""
    series = EventSeriesFactory(organiser="Fredrikstad kommune")
    with translation.override(lang):
        series_occurrences_generate(series=series)
    event = Event.objects.filter(series=series).first()
    for page_lang in ("nb", "en"):
        assert "Fredrikstad kommune" in _detail(client, event, page_lang)

    with translation.override(lang):
        series_update(series=series, changes={"organiser": "Sarpsborg kommune"})
    for page_lang in ("nb", "en"):
        page = _detail(client, event, page_lang)
        assert "Sarpsborg kommune" in page and "Fredrikstad kommune" not in page


@freeze_time("2026-08-20 10:00")
def test_a_change_of_a_series_organiser_made_in_english_reaches_the_norwegian_page(client):
    series = EventSeriesFactory(organiser="Fredrikstad kommune")
    with translation.override("nb"):
        series_occurrences_generate(series=series)
    with translation.override("en"):
        series_update(series=series, changes={"organiser": "Sarpsborg kommune"})
    event = Event.objects.filter(series=series).first()
    assert "Sarpsborg kommune" in _detail(client, event, "nb")
