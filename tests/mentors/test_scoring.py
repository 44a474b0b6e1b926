"""The scoring of volunteers for a request (mentors/scoring.py) and the suggestions built on it.

The pure function is tested with plain objects; `suggestions_for_request` on the database, for its
ordering, its reasons in both languages, who it leaves out and its constant number of queries.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from mentors import scoring, services
from mentors.models import Hope, Match, MentorRequest, Scheme, Volunteer
from mentors.scoring import Household, Suggestion, child_ages, rank, request_priority, volunteer_score
from tests.network.factories import MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

from .factories import (
    ActiveMatchFactory,
    GrandparentFactory,
    MatchFactory,
    MentorRequestFactory,
    VolunteerFactory,
)

HOPES = dict(Hope.choices)
HALDEN, SARPSBORG, MOSS = 1, 2, 3


@dataclass(frozen=True)
class Thing:
    pk: int


@dataclass
class FakeVolunteer:
    """What `volunteer_score` and `rank` read of a volunteer."""

    name: str = "Kari"
    municipality_id: int = MOSS
    municipality: object = None
    languages: list = field(default_factory=list)
    interest_list: list = field(default_factory=list)
    offers: list = field(default_factory=list)
    child_age_min: int = 0
    child_age_max: int = 12
    status_changed_at: dt.datetime = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Place:
    pk: int
    name: str


def household(**overrides) -> Household:
    values = {
        "municipality_id": HALDEN,
        "municipality_name": "Halden",
        "neighbour_ids": frozenset({SARPSBORG}),
        "languages": frozenset(),
        "interests": {},
        "hopes": frozenset(),
        "child_ages": (),
        "scheme": Scheme.MENTOR,
    }
    return Household(**{**values, **overrides})


def volunteer(**overrides) -> FakeVolunteer:
    municipality_id = overrides.pop("municipality_id", MOSS)
    names = {HALDEN: "Halden", SARPSBORG: "Sarpsborg", MOSS: "Moss"}
    return FakeVolunteer(
        municipality_id=municipality_id,
        municipality=Place(municipality_id, names.get(municipality_id, "Elsewhere")),
        **overrides,
    )


def score(volunteer_, *, household_=None, free_places=1) -> Suggestion:
    return volunteer_score(
        household=household_ or household(), volunteer=volunteer_, free_places=free_places, hope_labels=HOPES
    )


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- the pure function ----------------------------------------------------------------------------


def test_nothing_in_common_scores_nothing_but_says_how_much_room_there_is():
    suggestion = score(volunteer())
    assert suggestion.score == 0
    assert suggestion.reasons == ["has room for 1 more"]


def test_same_municipality_beats_neighbouring_beats_none():
    same = score(volunteer(municipality_id=HALDEN))
    neighbour = score(volunteer(municipality_id=SARPSBORG))
    far = score(volunteer(municipality_id=MOSS))
    assert (same.score, neighbour.score, far.score) == (
        scoring.SAME_MUNICIPALITY,
        scoring.NEIGHBOURING_MUNICIPALITY,
        0,
    )
    assert same.reasons[0] == "same municipality (Halden)"
    # The neighbouring reason names the volunteer's municipality, not the newcomer's.
    assert neighbour.reasons[0] == "neighbouring municipality (Sarpsborg)"
    assert [s.volunteer.municipality_id for s in rank([far, neighbour, same])] == [HALDEN, SARPSBORG, MOSS]


def test_a_household_without_a_municipality_gets_no_municipality_points():
    lonely = household(municipality_id=None, municipality_name="", neighbour_ids=frozenset())
    suggestion = score(volunteer(municipality_id=HALDEN), household_=lonely)
    assert suggestion.score == 0


def test_shared_languages_count_but_english_and_norwegian_do_not():
    home = household(languages=frozenset({"pl", "uk", "de", "en", "nb", "nn"}))
    only_common = score(volunteer(languages=["en", "nb", "nn"]), household_=home)
    assert only_common.score == 0 and not any("speak" in r for r in only_common.reasons)

    polish = score(volunteer(languages=["pl", "en"]), household_=home)
    assert polish.score == scoring.SHARED_LANGUAGE
    assert "both speak Polish" in polish.reasons

    # At most two languages are counted; all are named, sorted by name.
    three = score(volunteer(languages=["uk", "pl", "de", "nb"]), household_=home)
    assert three.score == scoring.SHARED_LANGUAGE * scoring.SHARED_LANGUAGES_COUNTED
    assert "both speak German, Polish, Ukrainian" in three.reasons


def test_shared_interests_count_up_to_four_and_are_named_in_order():
    interests = {1: "hiking", 2: "Football", 3: "chess", 4: "Baking", 5: "skiing"}
    home = household(interests=interests)
    two = score(volunteer(interest_list=[Thing(1), Thing(2), Thing(99)]), household_=home)
    assert two.score == 2 * scoring.SHARED_INTEREST
    assert "shared interests: Football, hiking" in two.reasons
    five = score(volunteer(interest_list=[Thing(pk) for pk in interests]), household_=home)
    assert five.score == scoring.SHARED_INTEREST * scoring.SHARED_INTERESTS_COUNTED
    assert "shared interests: Baking, chess, Football, hiking, skiing" in five.reasons


def test_offers_count_only_where_they_meet_the_hopes():
    home = household(hopes=frozenset({"practical", "outdoors", "language", "culture"}))
    suggestion = score(volunteer(offers=["outdoors", "family", "practical"]), household_=home)
    assert suggestion.score == 2 * scoring.OFFERED_HOPE
    # In the order of the list of hopes, as the list names them ("Norwegian" keeps its capital).
    assert "can offer: Practical help (forms, services, finding things), Outdoor life and walks" in (
        suggestion.reasons
    )
    everything = score(volunteer(offers=list(HOPES)), household_=home)
    assert everything.score == scoring.OFFERED_HOPE * scoring.OFFERED_HOPES_COUNTED
    # A volunteer who offers what nobody hoped for gets nothing for it.
    assert score(volunteer(offers=["family"]), household_=home).score == 0


def test_grandparents_score_for_children_in_their_age_range_only():
    family = household(scheme=Scheme.GRANDPARENT, child_ages=(2, 9, 15))
    one = score(volunteer(child_age_min=0, child_age_max=5), household_=family)
    assert one.score == scoring.CHILD_AGE_FITS
    assert "a child of the age they prefer (2)" in one.reasons
    two = score(volunteer(child_age_min=6, child_age_max=17), household_=family)
    assert two.score == scoring.CHILD_AGE_FITS  # the same points for one or more children
    assert "children of the ages they prefer (9, 15)" in two.reasons
    none = score(volunteer(child_age_min=3, child_age_max=8), household_=family)
    assert none.score == 0 and not any("prefer" in r for r in none.reasons)
    # For a mentor request the children's ages do not count.
    mentor = household(scheme=Scheme.MENTOR, child_ages=(2,))
    assert score(volunteer(child_age_min=0, child_age_max=5), household_=mentor).score == 0


@pytest.mark.parametrize(("free", "points"), [(1, 0), (2, 3), (3, 6), (4, 9), (10, 9)])
def test_free_places_beyond_the_first_count_up_to_three(free, points):
    suggestion = score(volunteer(), free_places=free)
    assert suggestion.score == points
    assert suggestion.reasons[-1] == f"has room for {free} more"


def test_everything_together_adds_up_and_reads_as_one_line():
    home = household(
        languages=frozenset({"pl"}), interests={1: "hiking"}, hopes=frozenset({"outdoors"}), child_ages=(4,)
    )
    suggestion = score(
        volunteer(municipality_id=HALDEN, languages=["pl"], interest_list=[Thing(1)], offers=["outdoors"]),
        household_=home,
        free_places=2,
    )
    assert suggestion.score == 30 + 20 + 6 + 8 + 3
    assert suggestion.reasons_text == (
        "same municipality (Halden) · both speak Polish · shared interests: hiking · "
        "can offer: Outdoor life and walks · has room for 2 more"
    )


def test_rank_orders_by_score_then_who_waited_longest_then_name():
    early = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    late = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    suggestions = [
        Suggestion(volunteer=FakeVolunteer(name="bodil", status_changed_at=late), score=10),
        Suggestion(volunteer=FakeVolunteer(name="Anna", status_changed_at=late), score=10),
        Suggestion(volunteer=FakeVolunteer(name="Zoe", status_changed_at=early), score=10),
        Suggestion(volunteer=FakeVolunteer(name="Top", status_changed_at=late), score=50),
    ]
    assert [str(s.volunteer) for s in rank(suggestions)] == ["Top", "Zoe", "Anna", "bodil"]


def test_child_ages_and_request_priority():
    today = dt.date(2025, 5, 1)
    assert child_ages([2020, 2024, 2007, 2006, 2026], today) == (1, 5)  # 18 and older, or unborn: left out
    now = timezone.now()
    assert request_priority(opened_at=now - dt.timedelta(days=40, hours=1), now=now) == 40
    assert request_priority(opened_at=None, now=now) == 0


def test_reasons_are_translated_into_norwegian():
    home = household(languages=frozenset({"pl"}), interests={1: "fjelltur"}, hopes=frozenset({"outdoors"}))
    with translation.override("nb"):
        suggestion = score(
            volunteer(
                municipality_id=HALDEN, languages=["pl"], interest_list=[Thing(1)], offers=["outdoors"]
            ),
            household_=home,
        )
        from network.languages import language_name

        expected = [
            gettext("same municipality (%(name)s)") % {"name": "Halden"},
            # Norwegian writes language names in lower case inside a sentence.
            gettext("both speak %(languages)s") % {"languages": language_name("pl").lower()},
            gettext("shared interests: %(interests)s") % {"interests": "fjelltur"},
            gettext("can offer: %(hopes)s") % {"hopes": str(HOPES["outdoors"])},
            ngettext("has room for %(n)s more", "has room for %(n)s more", 1) % {"n": 1},
        ]
    assert suggestion.reasons == expected


# --- suggestions on the database ------------------------------------------------------------------


@pytest.fixture
def place(db):
    halden = MunicipalityFactory(name="Halden")
    sarpsborg = MunicipalityFactory(name="Sarpsborg")
    halden.neighbours.add(sarpsborg)
    return {"halden": halden, "sarpsborg": sarpsborg, "moss": MunicipalityFactory(name="Moss")}


@pytest.fixture
def hiking():
    return InterestFactory(name_en="Hiking", name_nb="Fjelltur")


@pytest.fixture
def request_(place, hiking):
    profile = NewcomerProfileFactory(municipality=place["halden"])
    profile.interests.add(hiking)
    return MentorRequestFactory(user=profile.user, languages=["pl", "en"], hopes=["outdoors"])


def _volunteer(name, **kwargs):
    return VolunteerFactory(user__first_name=name, user__last_name="Test", **kwargs)


def test_suggestions_are_ordered_and_explained(place, hiking, request_):
    far = _volunteer("Far", municipality=place["moss"])
    neighbour = _volunteer("Neighbour", municipality=place["sarpsborg"])
    same = _volunteer("Same", municipality=place["halden"])
    polish_far = _volunteer("Polish", municipality=place["moss"], languages=["pl", "en"])
    english_far = _volunteer("English", municipality=place["moss"], languages=["en", "nb"])
    hiker_far = _volunteer("Hiker", municipality=place["moss"], interests=[hiking])
    outdoors_far = _volunteer("Outdoors", municipality=place["moss"], offers=["outdoors"])
    roomy_far = _volunteer("Roomy", municipality=place["moss"], capacity=3)

    suggestions = services.suggestions_for_request(request=request_)
    order = [s.volunteer for s in suggestions]
    assert order[:3] == [same, polish_far, neighbour]
    assert order.index(outdoors_far) < order.index(hiker_far) < order.index(roomy_far) < order.index(far)
    # English in common does not count: tied with the volunteer who has nothing in common.
    by_volunteer = {s.volunteer: s for s in suggestions}
    assert by_volunteer[english_far].score == by_volunteer[far].score == 0
    assert by_volunteer[same].reasons == ["same municipality (Halden)", "has room for 1 more"]
    assert by_volunteer[neighbour].reasons == ["neighbouring municipality (Sarpsborg)", "has room for 1 more"]
    assert by_volunteer[polish_far].reasons == ["both speak Polish", "has room for 1 more"]
    assert by_volunteer[hiker_far].reasons == ["shared interests: Hiking", "has room for 1 more"]
    assert by_volunteer[outdoors_far].reasons == ["can offer: Outdoor life and walks", "has room for 1 more"]
    assert by_volunteer[roomy_far].reasons == ["has room for 3 more"]
    assert by_volunteer[roomy_far].score == 6


def test_free_capacity_counts_what_is_taken_by_live_matches(place, request_):
    busy = _volunteer("Busy", municipality=place["moss"], capacity=3)
    ActiveMatchFactory(volunteer=busy)
    MatchFactory(volunteer=busy)  # a proposal takes a place too
    MatchFactory(volunteer=busy, status=Match.Status.DECLINED, request__status=MentorRequest.Status.OPEN)
    [suggestion] = services.suggestions_for_request(request=request_)
    assert suggestion.volunteer == busy
    assert suggestion.reasons == ["has room for 1 more"]


def test_grandparents_are_scored_on_the_childrens_ages(place):
    profile = NewcomerProfileFactory(municipality=place["moss"])
    profile.children.create(birth_year=timezone.localdate().year - 4)
    request = MentorRequestFactory(user=profile.user, scheme=Scheme.GRANDPARENT)
    toddlers = GrandparentFactory(user__first_name="Toddlers", child_age_min=0, child_age_max=6)
    teens = GrandparentFactory(user__first_name="Teens", child_age_min=12, child_age_max=17)
    suggestions = services.suggestions_for_request(request=request)
    assert [s.volunteer for s in suggestions] == [toddlers, teens]
    assert "a child of the age they prefer (4)" in suggestions[0].reasons
    assert suggestions[0].score == scoring.CHILD_AGE_FITS and suggestions[1].score == 0


def test_suggestion_reasons_in_norwegian(place, hiking, request_):
    _volunteer("Same", municipality=place["halden"], languages=["pl"], interests=[hiking])
    with translation.override("nb"):
        [suggestion] = services.suggestions_for_request(request=request_)
        from network.languages import language_name

        expected = [
            gettext("same municipality (%(name)s)") % {"name": "Halden"},
            # Norwegian writes language names in lower case inside a sentence.
            gettext("both speak %(languages)s") % {"languages": language_name("pl").lower()},
            gettext("shared interests: %(interests)s") % {"interests": "Fjelltur"},
            ngettext("has room for %(n)s more", "has room for %(n)s more", 1) % {"n": 1},
        ]
    assert suggestion.reasons == expected
    assert "Fjelltur" in suggestion.reasons_text  # the interest's Norwegian name


def test_who_is_left_out_of_the_suggestions(place, request_):
    eligible = _volunteer("Eligible", municipality=place["moss"])
    left_out = {
        "applied": _volunteer("Applied", status=Volunteer.Status.APPLIED),
        "paused": _volunteer("Paused", status=Volunteer.Status.PAUSED),
        "withdrawn": _volunteer("Withdrawn", status=Volunteer.Status.WITHDRAWN),
        "declined": _volunteer("Declined", status=Volunteer.Status.DECLINED),
        "inactive account": _volunteer("Inactive", user__is_active=False),
        "grandparent only": GrandparentFactory(user__first_name="Grandparent"),
        "the newcomer themselves": VolunteerFactory(user=request_.user),
        "no free place": _volunteer("Full"),
        "declined this request before": _volunteer("DeclinedBefore"),
    }
    ActiveMatchFactory(volunteer=left_out["no free place"])
    MatchFactory(
        request=request_,
        volunteer=left_out["declined this request before"],
        status=Match.Status.DECLINED,
        declined_by="volunteer",
    )
    names = {str(s.volunteer.user.first_name) for s in services.suggestions_for_request(request=request_)}
    assert names == {"Eligible"}, names
    assert eligible.user.first_name in names


def test_grandparents_need_a_valid_police_certificate(place):
    profile = NewcomerProfileFactory(municipality=place["moss"])
    profile.children.create(birth_year=timezone.localdate().year - 3)
    request = MentorRequestFactory(user=profile.user, scheme=Scheme.GRANDPARENT)
    today = timezone.localdate()
    valid = GrandparentFactory(user__first_name="Valid")
    almost_expired = GrandparentFactory(
        user__first_name="Almost",
        police_certificate_date=today.replace(year=today.year - 3) + dt.timedelta(days=1),
    )
    GrandparentFactory(user__first_name="None", police_certificate_date=None)
    GrandparentFactory(user__first_name="Expired", police_certificate_date=today - dt.timedelta(days=3 * 366))
    _volunteer("MentorOnly")  # takes the other scheme
    both = VolunteerFactory(
        user__first_name="Both", mentor=True, grandparent=True, police_certificate_date=today
    )
    suggested = {s.volunteer for s in services.suggestions_for_request(request=request)}
    assert suggested == {valid, almost_expired, both}


def test_the_limit_keeps_the_best(place, request_):
    best = _volunteer("Best", municipality=place["halden"])
    for n in range(4):
        _volunteer(f"Other{n}", municipality=place["moss"])
    assert [s.volunteer for s in services.suggestions_for_request(request=request_, limit=1)] == [best]


def _suggestion_queries(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.suggestions_for_request(request=request)
    return len(queries)


def test_suggestions_take_a_constant_number_of_queries(
    place, hiking, request_, django_assert_max_num_queries
):
    for n in range(2):
        _volunteer(f"First{n}", municipality=place["halden"], interests=[hiking], languages=["pl"])
    few = _suggestion_queries(request_)
    for n in range(25):
        volunteer_ = _volunteer(f"More{n}", municipality=place["sarpsborg"], interests=[hiking], capacity=3)
        ActiveMatchFactory(volunteer=volunteer_)
    many = _suggestion_queries(request_)
    assert many == few
    with django_assert_max_num_queries(6):
        suggestions = services.suggestions_for_request(request=request_, limit=100)
    assert len(suggestions) == 27


def test_a_newcomer_without_a_profile_still_gets_suggestions(place):
    request = MentorRequestFactory(user=UserFactory())
    volunteer_ = _volunteer("Anyone", municipality=place["halden"])
    [suggestion] = services.suggestions_for_request(request=request)
    assert suggestion.volunteer == volunteer_ and suggestion.reasons == ["has room for 1 more"]
