"""The portal serves any region: its name is data, never a literal in a template, mail or feed."""

import re
from pathlib import Path

import pytest
from django.core import mail as django_mail

from network.services import mail_render
from tests.network.factories import RegionFactory

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"s(ø|o)ndre[ -]?viken", re.IGNORECASE)
# Where the first region may be named: its demo data, migrations, tests, docs and region files.
SOURCES = [
    *ROOT.glob("*/templates/**/*.*"),
    *ROOT.glob("templates/**/*.*"),
    ROOT / "events" / "feeds.py",
    ROOT / "events" / "ics.py",
    ROOT / "network" / "apps.py",
    ROOT / "network" / "settings.py",
    ROOT / "network" / "services.py",
    ROOT / "network" / "adapters.py",
]


def test_no_template_mail_or_feed_names_the_region():
    offenders = []
    for path in SOURCES:
        if ".venv" in path.parts or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "the region's name is data, not a literal:\n" + "\n".join(offenders)


@pytest.fixture
def salten(db):
    return RegionFactory(
        name="Salten", slug="salten", short_name="Salten", sender_email="post@salten.example"
    )


def test_home_page_names_the_region_from_data(client, salten):
    html = client.get("/en/").content.decode()
    assert "Salten" in html
    assert "Søndre Viken" not in html


def test_mail_names_the_region_from_data(salten):
    from tests.companies.factories import CompanyFactory

    subject, text, _html = mail_render(
        template_prefix="companies/mail/hire_invitation",
        context={"company": CompanyFactory(name="Nordlandssykehuset"), "url": "https://x.example/"},
        language="en",
    )
    assert "Salten" in subject and "Salten" in text
    assert "Søndre Viken" not in subject + text


def test_calendar_feed_names_the_region_from_data(client, salten):
    from django.urls import reverse

    response = client.get(reverse("events:feed"))
    ics = b"".join(response).decode() if response.streaming else response.content.decode()
    assert "X-WR-CALNAME:Aktiviteter i Salten" in ics
    assert "Søndre Viken" not in ics


def test_mail_is_sent_from_the_regions_address(salten, settings):
    from network.services import mail_queue, mail_send

    queued = mail_queue(key="t", to="a@example.com", language="en", subject="s", body_text="b")
    mail_send(mail_id=queued.pk)
    assert django_mail.outbox[-1].from_email == "Salten <post@salten.example>"


def test_the_regions_colour_is_served_as_a_stylesheet(client, salten):
    salten.primary_colour = "#1d4e89"
    salten.save()
    response = client.get("/region.css")
    assert response["Content-Type"].startswith("text/css")
    assert "--portal-navy: #1d4e89;" in response.content.decode()
    assert 'href="/region.css"' in client.get("/en/").content.decode()
