import io

import pytest
from django.utils import timezone

from companies import seed as companies_seed
from events.models import SignUp
from network import seed as network_seed
from network.models import User
from newcomers import seed as newcomers_seed
from retention import seed as retention_seed
from retention import selectors
from retention.models import Answer, Departure, Invitation, Response
from tests.events.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_the_demo_history_fills_every_chart_once(monkeypatch):
    # A smaller history keeps the test fast; seed_demo's own test runs the full 300.
    monkeypatch.setattr(retention_seed, "PEOPLE", 50)
    network_seed.seed()
    companies_seed.seed()
    newcomers_seed.seed()
    CategoryFactory()  # the events seed's categories, without its calendar
    retention_seed.seed(stdout=io.StringIO())
    counts = (
        Invitation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Departure.objects.count(),
    )
    retention_seed.seed(stdout=io.StringIO())  # a second run changes nothing
    assert counts == (
        Invitation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Departure.objects.count(),
    )
    assert User.objects.filter(email__startswith="history-").count() == retention_seed.PEOPLE
    assert 5 < counts[3] < 35 and counts[1] > 80
    # The invitations are history: today's run of the task finds at most a few due, and mails nobody twice.
    assert not Invitation.objects.filter(sent_at__gt=timezone.now()).exists()
    assert SignUp.objects.filter(attended=True, user__email__startswith="history-").count() > 30
    data = selectors.dashboard(filters=selectors.Filters())
    charts = {chart.key: chart for chart in data["charts"]}
    everyone = charts["retention"].rows[0]
    assert everyone[0] == "Alle tilflyttere" or everyone[0] == "All arrivals"
    assert 40 < int(everyone[2 + 10]) < 90  # still here after ten years: a plausible share
    assert all(chart.rows for chart in data["charts"] if not chart.key.startswith("question-"))
    assert (
        len([c for c in data["charts"] if c.key.startswith("question-") and any(r[1] for r in c.rows)]) >= 8
    )
