"""Stories and municipality pages in a real browser, in Norwegian and English, on the Salten portal
loaded from its region file: the stories list, a story with its photo, a newcomer telling a story
with a photo, and a municipality's page, each without serious accessibility problems (axe)."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from network.models import Municipality
from network.regions import region_load
from stories.models import Story
from tests.events.factories import EventFactory
from tests.newcomers.factories import NewcomerProfileFactory
from tests.quality.test_browser import _login, _serious_violations, _shot

from .factories import StoryFactory, StoryPhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
REGIONS = Path(__file__).resolve().parents[2] / "docs" / "regions"
TITLE = {"nb": "Min første vinter i Bodø", "en": "My first winter in Bodø"}


def _png(colour=(30, 90, 140)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _no_serious_violations(page) -> None:
    problems = _serious_violations(page)
    assert not problems, f"{page.url}: {problems}"


@pytest.fixture
def salten(db):
    region_load(text=(REGIONS / "salten.yaml").read_text(encoding="utf-8"), base_dir=REGIONS)
    bodo = Municipality.objects.get(slug="bodo")
    EventFactory(
        municipality=bodo,
        title_nb="Kaffe og språkprat",
        title_en="Coffee and language chat",
        starts_at=timezone.now() + timedelta(days=3),
    )
    story = StoryFactory(
        title_nb=TITLE["nb"],
        body_nb="Mørketiden var lang, men nordlyset var verdt det.",
        title_en=TITLE["en"],
        body_en="The dark season was long, but the northern lights were worth it.",
    )
    StoryPhotoFactory(
        story=story, image=ContentFile(_png(), name="photo.png"), alt_text="Northern lights over the harbour"
    )
    return bodo, story


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_stories_a_story_and_a_municipality_page(page, live_server, salten, lang):
    bodo, story = salten

    page.goto(f"{live_server.url}/{lang}/stories/")
    expect(page.get_by_role("link", name=TITLE[lang])).to_be_visible()
    # The region's logo in the header, named by the portal's name.
    expect(page.locator("header img.region-logo")).to_have_attribute(
        "alt", {"nb": "Salten tilflytternettverk", "en": "Salten expat network"}[lang]
    )
    _no_serious_violations(page)

    page.get_by_role("link", name=TITLE[lang]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE[lang])
    photo = page.get_by_role("img", name="Northern lights over the harbour")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.naturalWidth") == 320  # the photo itself is served
    _shot(page, f"story-{lang}")
    _no_serious_violations(page)

    page.goto(f"{live_server.url}/{lang}/municipalities/{bodo.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodø")
    expect(
        page.get_by_text({"nb": "Nordlandsbanen til Fauske", "en": "the Nordland Line to Fauske"}[lang])
    ).to_be_visible()
    expect(
        page.get_by_text({"nb": "Kaffe og språkprat", "en": "Coffee and language chat"}[lang])
    ).to_be_visible()
    _shot(page, f"municipality-{lang}")
    _no_serious_violations(page)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_newcomer_tells_a_story_with_a_photo(page, live_server, salten, lang):
    newcomer = NewcomerProfileFactory(municipality=salten[0], user__language=lang).user
    _login(page, live_server, newcomer)
    page.goto(f"{live_server.url}/{lang}/stories/mine/new/")
    _no_serious_violations(page)

    page.locator("#id_title").fill("Skiing to work")
    page.locator("#id_body").fill("In February I skied to the office along the river. Nobody was surprised.")
    page.locator("#id_language").select_option("en")
    page.locator("#id_consent").check()
    page.locator("#id_photo_1").set_input_files(
        files=[{"name": "skis.png", "mimeType": "image/png", "buffer": _png((200, 220, 240))}]
    )
    # A photo without its description is refused, and the form says so where it is read aloud.
    page.locator("button[name=submit]").click()
    alt = page.locator("#id_alt_1")
    expect(alt).to_have_attribute("aria-invalid", "true")
    _no_serious_violations(page)

    page.locator("#id_photo_1").set_input_files(
        files=[{"name": "skis.png", "mimeType": "image/png", "buffer": _png((200, 220, 240))}]
    )
    alt.fill("Cross-country skis leaning on an office wall")
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/stories/mine/")
    expect(page.get_by_role("status")).to_be_visible()
    _no_serious_violations(page)

    story = Story.objects.get(author=newcomer)
    assert story.status == Story.Status.SUBMITTED and story.title_en == "Skiing to work"
    assert story.consent_at is not None
    assert list(story.photos.values_list("alt_text", flat=True)) == [
        "Cross-country skis leaning on an office wall"
    ]
    # The author sees the photo while the coordinator reads the story.
    page.goto(f"{live_server.url}/{lang}/stories/{story.pk}/")
    image = page.get_by_role("img", name="Cross-country skis leaning on an office wall")
    expect(image).to_be_visible()
    assert image.evaluate("image => image.naturalWidth") == 320
    _no_serious_violations(page)
