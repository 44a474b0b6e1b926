import datetime as dt
import io

import pytest
from freezegun import freeze_time

from events import seed as events_seed
from events.models import Category, Event, EventLanguage, EventSeries, SignUp
from events.recurrence import series_occurrences_generate
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
    # Activities double as language practice: every level of the calendar's filter has some.
    assert set(Event.objects.values_list("language", flat=True)) >= {"en", "nb-a1", "nb-a2", "nb-b1", "both"}
    assert set(Event.objects.values_list("language", flat=True)) <= set(EventLanguage.values)
    # Some activities are full with a waiting list numbered from 1.
    waiting = SignUp.objects.filter(status=SignUp.Status.WAITING)
    assert waiting.exists()
    assert set(waiting.values_list("waitlist_position", flat=True)) == {1, 2, 3}
    assert "activities" in out.getvalue()


@freeze_time("2026-11-15 10:00")
def test_the_demo_social_meeting_is_on_the_first_thursday_and_not_at_christmas():
    network_seed.seed()
    events_seed.seed(stdout=io.StringIO())

    social = EventSeries.objects.get(title_en="Social meeting place")
    dates = list(Event.objects.filter(series=social).values_list("occurrence_date", flat=True))
    assert dates and all(day.weekday() == 3 and day.day <= 7 for day in dates)
    assert len(dates) == len({(day.year, day.month) for day in dates})
    assert not {dt.date(2026, 12, 24), dt.date(2026, 12, 31)} & set(dates)
    assert dt.date(2026, 12, 3) in dates and dt.date(2027, 1, 7) in dates
    assert (social.skip_from, social.skip_to) == (dt.date(2026, 12, 20), dt.date(2027, 1, 3))
    assert social.skip_public_holidays


@freeze_time("2026-11-15 10:00")
def test_every_demo_series_is_a_valid_series_and_the_network_meeting_is_on_a_weekday():
    network_seed.seed()
    events_seed.seed(stdout=io.StringIO())

    for series in EventSeries.objects.all():
        series.full_clean()
    meeting = EventSeries.objects.get(title_en="Company network meeting")
    dates = Event.objects.filter(series=meeting).values_list("occurrence_date", flat=True)
    assert dates and all(day.weekday() == 1 and 8 <= day.day <= 14 for day in dates)


@freeze_time("2026-11-15 10:00")
def test_seeding_again_mends_a_demo_social_meeting_left_on_every_thursday():
    network_seed.seed()
    events_seed.seed(stdout=io.StringIO())
    social = EventSeries.objects.get(title_en="Social meeting place")
    EventSeries.objects.filter(pk=social.pk).update(
        monthly_position=None, skip_public_holidays=False, skip_from=None, skip_to=None
    )
    social.refresh_from_db()
    series_occurrences_generate(series=social)  # the old rule: every Thursday
    assert Event.objects.filter(series=social, occurrence_date=dt.date(2026, 12, 24)).exists()

    events_seed.seed(stdout=io.StringIO())

    assert not Event.objects.filter(
        series=social, occurrence_date__in=[dt.date(2026, 12, 24), dt.date(2026, 12, 31)]
    ).exists()


def test_the_demo_has_after_action_notes_on_past_activities_and_seeding_again_keeps_them():
    from events.models import EventReview

    network_seed.seed()
    events_seed.seed(stdout=io.StringIO())
    reviews = list(EventReview.objects.select_related("event"))
    assert reviews and all(review.event.ends_at < dt.datetime.now(tz=dt.UTC) for review in reviews)
    reviews[0].note = "The coordinator's own words"
    reviews[0].save()
    events_seed.seed(stdout=io.StringIO())
    assert EventReview.objects.count() == len(reviews)
    assert EventReview.objects.filter(note="The coordinator's own words").exists()
