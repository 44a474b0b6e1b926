"""Issue #16's "done": `bootstrap_region docs/regions/salten.yaml` on a fresh database gives a working
Salten portal, its name in every page, mail and feed, and the first region (Søndre Viken) nowhere."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import Category
from network.models import InfoPage, Municipality, OutgoingMail, Region
from stories import digest
from tests.events.factories import EventFactory
from tests.newcomers.factories import NewcomerProfileFactory
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db

REGIONS = Path(__file__).resolve().parents[2] / "docs" / "regions"
FIRST_REGION = re.compile(r"s(ø|o|&#248;|&oslash;)ndre[ -]?viken", re.IGNORECASE)
PASSWORD = "a-Long-pass-2026"


@pytest.fixture
def salten(db, django_capture_on_commit_callbacks):
    assert not Region.objects.exists(), "the database must be fresh"
    call_command("bootstrap_region", str(REGIONS / "salten.yaml"), stdout=io.StringIO())
    bodo = Municipality.objects.get(slug="bodo")
    starts = timezone.now() + dt.timedelta(days=3)
    event = EventFactory(
        municipality=bodo,
        category=Category.objects.get(slug="social"),
        title_nb="Kaffe og språkprat",
        title_en="Coffee and language chat",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    story = StoryFactory(title_nb="Min første vinter", title_en="My first winter")
    return bodo, event, story


def _clean(text: str, where: str) -> None:
    found = FIRST_REGION.search(text)
    assert found is None, (
        f"{where} names the first region: …{text[max(found.start() - 80, 0) : found.end() + 80]}…"
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_public_page_names_salten_and_its_municipalities_and_never_the_first_region(
    client, salten, lang
):
    bodo, event, story = salten
    page = InfoPage.objects.filter(published=True).first()
    paths = [
        "/",
        "/events/",
        "/events/month/",
        f"/events/{event.pk}/",
        "/info/",
        f"/info/{page.slug}/",
        f"/municipalities/{bodo.slug}/",
        "/municipalities/hamaroy/",
        "/stories/",
        f"/stories/{story.pk}/",
        "/companies/",
        "/companies/jobs/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    for path in paths:
        response = client.get(f"/{lang}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        _clean(html, path)
        assert "Salten" in html, path
    # Its municipalities in the calendar's filter and every page's footer.
    calendar = client.get(f"/{lang}/events/").content.decode()
    for name in (
        "Bodø",
        "Fauske",
        "Saltdal",
        "Sørfold",
        "Steigen",
        "Beiarn",
        "Gildeskål",
        "Meløy",
        "Hamarøy",
    ):
        assert f">{name}</option>" in calendar, name
        assert f">{name}</a>" in calendar, name


def test_the_calendar_feeds_name_salten_and_never_the_first_region(client, salten):
    bodo, event, _story = salten
    for path in (
        "/nb/events/feeds/calendar.ics",
        "/en/events/feeds/calendar.ics",
        f"/en/events/{event.pk}/calendar.ics",
    ):
        response = client.get(path)
        ics = b"".join(response).decode() if response.streaming else response.content.decode()
        assert response.status_code == 200 and "BEGIN:VCALENDAR" in ics, path
        _clean(ics, path)
    feed = client.get("/en/events/feeds/calendar.ics").content.decode()
    assert "X-WR-CALNAME:Salten activities" in feed and "Coffee and language chat" in feed


def test_the_mails_name_salten_and_come_from_its_address(client, salten, django_capture_on_commit_callbacks):
    bodo, _event, _story = salten
    with django_capture_on_commit_callbacks(execute=True):
        # Signing up: the address confirmation (allauth's mail, with the region's subject prefix).
        client.post(
            "/en/accounts/signup/",
            {
                "first_name": "Ola",
                "last_name": "Nordmann",
                "email": "ola@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        # A forgotten password.
        client.post("/nb/accounts/password/reset/", {"email": "ola@example.com"})
        # The weekly digest, in both languages.
        for language in ("nb", "en"):
            NewcomerProfileFactory(municipality=bodo, weekly_digest=True, user__language=language)
        assert digest.weekly_digest_send() == 2
    assert len(mail.outbox) >= 4, [m.subject for m in mail.outbox]
    for sent in mail.outbox:
        parts = [sent.subject, sent.body, sent.from_email, *(str(v) for v in sent.extra_headers.values())]
        parts += [content for content, _type in getattr(sent, "alternatives", [])]
        for part in parts:
            _clean(part, f"the mail {sent.subject!r}")
        # Every mail names the region in its sender; most in the subject or text as well.
        assert "Salten" in sent.from_email, sent.from_email
        assert sent.from_email.endswith("<post@salten.example>"), sent.from_email
    subjects = [m.subject for m in mail.outbox]
    assert any(subject.startswith("[Salten]") for subject in subjects), subjects
    assert "Denne uka i Salten: aktiviteter, historier og praktiske sider for deg" in subjects, subjects
    assert "This week in Salten: activities, stories and practical pages for you" in subjects, subjects
    for stored in OutgoingMail.objects.all():
        _clean(stored.subject + stored.body_text + stored.body_html, f"the stored mail {stored.subject!r}")
