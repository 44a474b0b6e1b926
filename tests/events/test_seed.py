import io

import pytest

from events import seed as events_seed
from events.models import Category, Event, SignUp
from network import seed as network_seed
from network.models import User

pytestmark = pytest.mark.django_db


def counts():
    return (Category.objects.count(), Event.objects.count(), SignUp.objects.count(), User.objects.count())


def test_seed_is_idempotent_and_realistic():
    network_seed.seed()
    out = io.StringIO()
    events_seed.seed(stdout=out)
    first = counts()
    events_seed.seed(stdout=io.StringIO())

    assert counts() == first
    assert set(Category.objects.values_list("slug", flat=True)) >= {
        "get-to-know-your-city",
        "welcome-to-norway",
        "norwegian-course",
        "company-network-meeting",
        "working-group",
    }
    assert Event.objects.values("municipality").distinct().count() == 6
    assert Event.objects.filter(title_nb="", title_en="").count() == 0
    assert Event.objects.filter(audience="companies", category__slug="company-network-meeting").count() >= 4
    # Some activities are full with a waiting list numbered from 1.
    waiting = SignUp.objects.filter(status=SignUp.Status.WAITING)
    assert waiting.exists()
    assert set(waiting.values_list("waitlist_position", flat=True)) == {1, 2, 3}
    assert "activities" in out.getvalue()
