"""The demo year a reader in Norway finds plausible: seasons, holidays, texts that fit their
audience, and something to show in every category whatever day the demo is loaded."""

import datetime as dt
import io
import re
from collections import defaultdict

import pytest
from django.utils import timezone
from freezegun import freeze_time

from events import seed as events_seed
from events.models import Audience, Event, SignUp
from network import seed as network_seed
from tests.network.factories import UserFactory

from .factories import EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db

# Found by tag and, in case a new template forgets its tag, by its title.
SNOW_WORDS = re.compile(r"\bski|sledg|skating|langrenn|\baking\b|skøyte", re.I)
WATER_WORDS = re.compile(r"canoe|kayak|swim|paddl|kano|padl|bad\b|bading", re.I)
SNOW_TITLES = {t["title"][1] for t in events_seed.TEMPLATES if "snow" in t.get("tags", ())}
WATER_TITLES = {t["title"][1] for t in events_seed.TEMPLATES if "water" in t.get("tags", ())}
OUTDOOR_TITLES = {t["title"][1] for t in events_seed.TEMPLATES if "outdoor" in t.get("tags", ())}
# Texts written for newcomers and families, out of place on a page for HR staff.
NEWCOMER_TEXTS = re.compile(
    r"nye og gamle|long-time residents|komme alene|on your own|klær etter været|clothes for the weather"
    r"|\bbarn|\bchild|new in the region|ny i regionen|just moved|nettopp har flyttet",
    re.I,
)
# The Norwegian summer holiday (fellesferie) is in July: no courses, sessions or meetings.
PAUSE_IN_JULY = {"norwegian-course", "welcome-to-norway", "company-network-meeting", "working-group"}
LEISURE = {"get-to-know-your-city", "social", "sports", "culture", "family"}


@pytest.fixture
def demo():
    network_seed.seed()
    events_seed.seed()
    return list(Event.objects.select_related("category"))


def _month(event) -> int:
    return timezone.localtime(event.starts_at).month


@pytest.mark.parametrize("today", ["2027-01-10", "2027-06-20", "2027-11-15"])
def test_the_demo_year_follows_the_norwegian_seasons(today):
    with freeze_time(today):
        network_seed.seed()
        events_seed.seed()
    events = list(Event.objects.select_related("category"))
    snow = [e for e in events if e.title_en in SNOW_TITLES or SNOW_WORDS.search(f"{e.title_en} {e.title_nb}")]
    water = [
        e for e in events if e.title_en in WATER_TITLES or WATER_WORDS.search(f"{e.title_en} {e.title_nb}")
    ]
    christmas = [e for e in events if re.search(r"christmas", e.title_en, re.I)]
    assert snow and water and christmas, "the demo shows every season"

    assert [e.title_en for e in snow if _month(e) in (6, 7, 8)] == [], "no skiing or sledging in summer"
    assert [e.title_en for e in water if _month(e) in (11, 12, 1, 2, 3)] == [], "no open water in winter"
    assert {_month(e) for e in christmas} == {12}
    one_off = [e for e in events if e.series_id is None]
    holidays = [
        e for e in one_off if events_seed.in_christmas_holidays(timezone.localtime(e.starts_at).date())
    ]
    assert holidays == []
    assert [e.title_en for e in one_off if e.category.slug in PAUSE_IN_JULY and _month(e) == 7] == []
    # Only what happens outdoors says what to bring.
    assert {e.title_en for e in events if e.what_to_bring_nb or e.what_to_bring_en} <= OUTDOOR_TITLES
    assert all(e.what_to_bring_nb and e.what_to_bring_en for e in one_off if e.title_en in OUTDOOR_TITLES)


def test_company_meetings_carry_an_agenda_for_hr_and_no_newcomer_texts(demo):
    meetings = [e for e in demo if e.audience == Audience.COMPANIES]
    assert {e.category.slug for e in meetings} == {"company-network-meeting", "working-group"}
    for event in meetings:
        for field in ("summary", "description", "what_to_bring"):
            for lang in ("nb", "en"):
                text = getattr(event, f"{field}_{lang}") or ""
                assert not NEWCOMER_TEXTS.search(text), (event.title_en, field, lang, text)
        assert not event.what_to_bring_nb and not event.what_to_bring_en
    for event in (e for e in meetings if e.series_id is None):
        assert "HR" in event.description_nb and re.search(r"^(Program|Saker):$", event.description_nb, re.M)
        assert "HR" in event.description_en and re.search(r"^Agenda:$", event.description_en, re.M)
    # Activities for newcomers welcome newcomers, not "long-time residents".
    for event in (e for e in demo if e.audience in (Audience.NEWCOMERS, Audience.FAMILIES)):
        assert "long-time residents" not in (event.description_en or "")
        assert "gamle innbyggere" not in (event.description_nb or "")


def test_the_demo_names_its_organiser_in_each_language(demo):
    one_off = [e for e in demo if e.series_id is None]
    assert one_off
    assert {(e.organiser_nb, e.organiser_en) for e in one_off} == {
        ("Søndre Viken tilflytternettverk", "Søndre Viken expat network")
    }


@pytest.mark.parametrize("year", range(2026, 2033))  # seven years: the months start on every weekday
def test_every_category_has_an_activity_soon_from_any_day_of_the_year(year):
    """Leisure within four weeks, and courses, sessions and meetings (which pause for the summer
    holiday) within eight, whatever day the demo is loaded; the Christmas holidays, when the
    calendar rests, are not counted."""
    slugs = {slug for slug, *_ in events_seed.CATEGORIES}
    for month in range(1, 13):
        anchor = dt.date(year, month, 1)
        days = defaultdict(list)
        for template in events_seed.TEMPLATES:
            days[template["category"]] += events_seed.template_days(template, anchor)
        assert set(days) == slugs
        today = anchor
        while today.month == month:
            for slug in slugs:
                soonest = min(day for day in days[slug] if day >= today)
                waited = [today + dt.timedelta(days=n) for n in range((soonest - today).days)]
                open_days = sum(1 for day in waited if not events_seed.in_christmas_holidays(day))
                assert open_days <= (28 if slug in LEISURE else 56), (slug, today, soonest)
            today += dt.timedelta(days=1)


def test_a_full_activity_with_a_waiting_list_and_a_course_with_childcare_are_coming(demo):
    now = timezone.now()
    upcoming = [e for e in demo if e.starts_at > now]
    waiting = SignUp.objects.filter(status=SignUp.Status.WAITING, event__starts_at__gt=now)
    assert waiting.exists()
    assert any(e.category.slug == "norwegian-course" and e.childcare_offered for e in upcoming)


def test_the_seed_removes_its_activities_out_of_its_plan_unless_someone_signed_up():
    network_seed.seed()
    events_seed.seed()
    now = timezone.now()
    canoe = "Canoe trip on the Halden watercourse"
    november = dt.datetime(now.year + 1, 11, 14, 10, tzinfo=events_seed.OSLO)
    demo = {"organiser_nb": "Søndre Viken tilflytternettverk"}
    # An earlier demo's canoe trip in November (its English organiser kept as the Norwegian one).
    left_over = EventFactory(title_en=canoe, starts_at=november, organiser_nb="Søndre Viken expat network")
    retired = EventFactory(title_en="Company network meeting", audience=Audience.COMPANIES, **demo)
    booked = EventFactory(title_en=canoe, starts_at=november + dt.timedelta(days=1), **demo)
    SignUpFactory(event=booked, user=UserFactory())
    someone_elses = EventFactory(title_en=canoe, starts_at=november, organiser_nb="Aremark kanoklubb")
    past = EventFactory(
        title_en=canoe,
        starts_at=now - dt.timedelta(days=400),
        ends_at=now - dt.timedelta(days=400, hours=-2),
        **demo,
    )
    out = io.StringIO()
    events_seed.seed(stdout=out)

    assert not Event.objects.filter(pk__in=[left_over.pk, retired.pk]).exists()
    assert Event.objects.filter(pk__in=[booked.pk, someone_elses.pk, past.pk]).count() == 3
    assert "2 out of season removed" in out.getvalue()
