"""Activities say their language and, for Norwegian, the level one needs: a filter, a badge, and
"where I can practise Norwegian at my level" for those whose profile holds a level."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from events.forms import EventFilterForm
from events.ics import event_ics_bytes
from events.models import Event, EventLanguage, EventSeries
from events.seed import TEMPLATES
from events.seed_series import _series
from tests.careers.factories import CareerProfileFactory
from tests.network.factories import CoordinatorFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import EventFactory
from .factories_series import EventSeriesFactory
from .test_ics import _parse

pytestmark = pytest.mark.django_db

ALL = {
    EventLanguage.ENGLISH: ("Walk in English", "Tur på engelsk"),
    EventLanguage.NORWEGIAN_A1: ("Starter evening", "Nybegynnerkveld"),
    EventLanguage.NORWEGIAN_A2: ("Language café", "Språkkafé"),
    EventLanguage.NORWEGIAN_B1: ("Concert", "Konsert"),
    EventLanguage.NORWEGIAN_B2: ("Tax talk", "Skatteforedrag"),
    EventLanguage.BOTH: ("Story time", "Eventyrstund"),
}


@pytest.fixture
def activities():
    return {
        code: EventFactory(language=code, title_en=english, title_nb=norwegian)
        for code, (english, norwegian) in ALL.items()
    }


def _list(client, lang="en", **query):
    with translation.override(lang):
        path = reverse("events:list")
    return client.get(path, query).content.decode()


def _shown(html, lang="en") -> set[str]:
    index = 0 if lang == "en" else 1
    return {code for code, titles in ALL.items() if f">{titles[index]}</a>" in html}


def _newcomer(client, level):
    profile = NewcomerProfileFactory(norwegian_level=level, user__language="en")
    client.force_login(profile.user)
    return profile.user


class TestPractice:
    @pytest.mark.parametrize(
        ("level", "expected"),
        [
            ("", {"nb-a1", "both"}),
            ("A1", {"nb-a1", "nb-a2", "both"}),
            ("A2", {"nb-a1", "nb-a2", "nb-b1", "both"}),
            ("B1", {"nb-a1", "nb-a2", "nb-b1", "nb-b2", "both"}),
            ("C2", {"nb-a1", "nb-a2", "nb-b1", "nb-b2", "both"}),
        ],
    )
    def test_at_most_one_level_above_ones_own_or_bilingual(self, level, expected):
        assert set(EventLanguage.for_practice(level)) == expected


class TestFilter:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("en", {"en", "both"}),
            ("nb", {"nb-a1", "nb-a2", "nb-b1", "nb-b2", "both"}),
            ("nb-a2", {"nb-a2"}),
            ("both", {"both"}),
            ("", set(ALL)),
        ],
    )
    def test_the_calendar_filters_by_language_and_level(self, client, activities, value, expected):
        assert _shown(_list(client, language=value)) == expected

    def test_the_norwegian_calendar_offers_the_levels_in_norwegian(self, client, activities):
        html = _list(client, "nb", language="nb-a2")
        assert _shown(html, "nb") == {"nb-a2"}
        assert "Lett norsk (A2)" in html
        assert "På norsk, alle nivåer (eller tospråklig)" in html

    def test_a_visitor_is_not_offered_practice_at_their_level(self, client, activities):
        html = _list(client, language="practice")
        assert "at my level" not in html
        # An unknown choice is reported on the form and otherwise ignored.
        assert _shown(html) == set(ALL)

    @pytest.mark.parametrize(
        ("lang", "label"),
        [
            ("en", "Where I can practise Norwegian at my level (A2)"),
            ("nb", "Der jeg kan øve på norsk på mitt nivå (A2)"),
        ],
    )
    def test_a_newcomer_with_a_level_practises_at_it(self, client, activities, lang, label):
        _newcomer(client, "A2")
        assert label in _list(client, lang)
        assert _shown(_list(client, lang, language="practice"), lang) == {"nb-a1", "nb-a2", "nb-b1", "both"}

    def test_a_partner_reads_the_level_of_their_career_profile(self, client, activities):
        profile = CareerProfileFactory(norwegian_level="A1")
        client.force_login(profile.user)
        assert _shown(_list(client, language="practice")) == {"nb-a1", "nb-a2", "both"}

    def test_the_higher_level_counts_when_two_profiles_know_one(self, client, activities):
        user = _newcomer(client, "A1")
        CareerProfileFactory(user=user, norwegian_level="B1")
        assert "at my level (B1)" in _list(client)

    def test_without_a_level_there_is_no_practice_choice(self, client, activities):
        _newcomer(client, "")
        html = _list(client, language="practice")
        assert "at my level" not in html
        assert _shown(html) == set(ALL)

    def test_the_cached_calendar_is_not_shared_between_levels(self, client, activities):
        _newcomer(client, "A1")
        assert "nb-b2" not in _shown(_list(client, language="practice"))
        _newcomer(client, "B2")
        html = _list(client, language="practice")
        assert "nb-b2" in _shown(html)
        assert "at my level (B2)" in html

    def test_the_month_offers_it_too(self, client, activities):
        _newcomer(client, "A1")
        when = timezone.localtime(activities["nb-a1"].starts_at)
        with translation.override("en"):
            path = reverse("events:month", args=[when.year, when.month])
        html = client.get(path, {"language": "practice"}).content.decode()
        assert _shown(html) == {"nb-a1", "nb-a2", "both"}

    def test_the_form_turns_the_choice_into_the_persons_level(self):
        form = EventFilterForm({"language": "practice"}, norwegian_level="B1")
        assert form.filters() == {"practice_level": "B1"}

    def test_practice_at_my_level_has_a_constant_query_budget(
        self, client, activities, django_assert_max_num_queries
    ):
        _newcomer(client, "A2")
        _list(client, language="practice")
        EventFactory.create_batch(10, language=EventLanguage.NORWEGIAN_A2)
        with translation.override("en"):
            path = reverse("events:list")
        with django_assert_max_num_queries(11):
            assert client.get(path, {"language": "practice", "free_only": "on"}).status_code == 200


class TestBadge:
    @pytest.mark.parametrize(
        ("lang", "texts"),
        [
            ("en", ["Language:", "Easy Norwegian (A2)", "In English", "Bilingual (Norwegian and English)"]),
            ("nb", ["Språk:", "Lett norsk (A2)", "På engelsk", "Tospråklig (norsk og engelsk)"]),
        ],
    )
    def test_the_list_names_each_activitys_language_in_words(self, client, activities, lang, texts):
        html = _list(client, lang)
        assert html.count('class="badge text-bg-light border language-badge"') == len(ALL)
        for text in texts:
            assert text in html

    def test_the_activitys_page_shows_the_badge(self, client, activities):
        with translation.override("nb"):
            path = reverse("events:detail", args=[activities["nb-b1"].pk])
        html = client.get(path).content.decode()
        assert 'data-language="nb-b1"' in html
        assert "Norsk (B1+)" in html


class TestCalendarFile:
    @pytest.mark.parametrize(
        ("lang", "text"), [("en", "Language: Easy Norwegian (A2)"), ("nb", "Språk: Lett norsk (A2)")]
    )
    def test_the_calendar_entry_says_the_language_and_level(self, lang, text):
        event = EventFactory(language=EventLanguage.NORWEGIAN_A2)
        description = _parse(event_ics_bytes(event=event, language=lang)).walk("VEVENT")[0]["DESCRIPTION"]
        assert text in str(description)


class TestMigration:
    """0007 maps the old "Norwegian" to ordinary Norwegian (B1+), and back."""

    migration = importlib.import_module("events.migrations.0007_event_language_levels")

    def test_norwegian_becomes_b1_and_the_others_stay(self):
        old = EventFactory()
        english = EventFactory(language="en")
        both = EventFactory(language="both")
        series = EventSeriesFactory()
        Event.objects.filter(pk=old.pk).update(language="nb")
        EventSeries.objects.filter(pk=series.pk).update(language="nb")

        self.migration.levels_from_languages(apps, None)

        assert Event.objects.get(pk=old.pk).language == "nb-b1"
        assert EventSeries.objects.get(pk=series.pk).language == "nb-b1"
        assert Event.objects.get(pk=english.pk).language == "en"
        assert Event.objects.get(pk=both.pk).language == "both"

    def test_going_back_every_level_is_norwegian(self):
        easy = EventFactory(language="nb-a2")
        english = EventFactory(language="en")
        self.migration.languages_from_levels(apps, None)
        assert Event.objects.get(pk=easy.pk).language == "nb"
        assert Event.objects.get(pk=english.pk).language == "en"


class TestProfileAndAdmin:
    def test_a_newcomer_sets_their_norwegian_level_in_about_you(self, client):
        profile = NewcomerProfileFactory(user__language="en")
        client.force_login(profile.user)
        data = {
            "citizenship": "PL",
            "arrival_date": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
            "municipality": profile.municipality.pk,
            "languages": "Polish",
            "norwegian_level": "A2",
            "preferred_language": "en",
        }
        assert client.post("/en/newcomers/onboarding/2/", data).status_code == 302
        profile.refresh_from_db()
        assert profile.norwegian_level == "A2"
        assert "Norwegian level" in client.get("/en/newcomers/profile/").content.decode()
        assert "Norsknivå" in client.get("/nb/newcomers/profile/").content.decode()

    def test_the_coordinator_filters_activities_by_level(self, client, activities):
        client.force_login(CoordinatorFactory())
        html = client.get("/nb/admin/events/event/", {"language__exact": "nb-a2"}).content.decode()
        assert "Språkkafé" in html
        assert "Konsert" not in html
        assert "Lett norsk (A2)" in html  # the list's language column

    def test_and_the_recurring_activities_too(self, client):
        client.force_login(CoordinatorFactory())
        course = EventSeriesFactory(language=EventLanguage.NORWEGIAN_A1, title_en="Norwegian for starters")
        path = "/en/admin/events/eventseries/"
        assert course.title_en in client.get(path, {"language__exact": "nb-a1"}).content.decode()
        assert course.title_en not in client.get(path, {"language__exact": "en"}).content.decode()


class TestSeed:
    def test_the_demo_activities_have_plausible_levels(self):
        by_title = {template["title"][1]: template["language"] for template in TEMPLATES}
        assert by_title["Language café and after-work"] == EventLanguage.NORWEGIAN_A2
        assert by_title["Welcome to Norway: working life"] == EventLanguage.ENGLISH
        assert by_title["Norwegian after work: start-up evening (A1)"] == EventLanguage.NORWEGIAN_A1
        assert by_title["Norwegian conversation group (A2–B1)"] == EventLanguage.NORWEGIAN_A2
        assert {template["language"] for template in TEMPLATES} <= set(EventLanguage.values)

    def test_the_norwegian_course_series_is_for_beginners(self):
        languages = {template["key"][1]: template["language"] for template in _series()}
        assert languages["Norwegian for beginners"] == EventLanguage.NORWEGIAN_A1
        assert set(languages.values()) <= set(EventLanguage.values)
