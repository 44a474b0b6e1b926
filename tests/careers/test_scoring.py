"""The scoring of openings for a partner: a pure function, tested on its ordering and its reasons."""

import datetime as dt

from django.utils import translation

from careers import scoring

DAY = dt.date(2026, 12, 1)


def _seeker(**overrides):
    values = dict(
        field_ids=frozenset({1}),
        norwegian_level="B1",
        max_commute_minutes=45,
        mode="car",
        home_name="Halden",
        extent="either",
    )
    return scoring.Seeker(**{**values, **overrides})


def _opening(pk, **overrides):
    values = dict(
        pk=pk,
        title=f"Opening {pk}",
        deadline=DAY,
        field_id=None,
        open_to_partners=False,
        norwegian_level_required="",
        extent="full",
        minutes=None,
    )
    return scoring.Opening(**{**values, **overrides})


def test_the_reasons_name_the_field_the_language_and_the_commute():
    with translation.override("en"):
        found = scoring.score(
            _seeker(),
            _opening(1, field_id=1, open_to_partners=True, norwegian_level_required="B1", minutes=25),
        )
    assert found.reasons == [
        "your field",
        "open to partners",
        "Norwegian B1 required, you have B1",
        "25 min by car from Halden",
    ]
    assert found.score == (
        scoring.FIELD
        + scoring.OPEN_TO_PARTNERS
        + scoring.NORWEGIAN_OK
        + scoring.COMMUTE_OK
        + 4
        + scoring.EXTENT
    )


def test_the_reasons_are_in_norwegian_on_norwegian_pages():
    with translation.override("nb"):
        found = scoring.score(_seeker(mode="transit"), _opening(1, field_id=1, minutes=30))
    assert found.reasons[0] == "ditt fagfelt"
    assert "med kollektivtransport fra Halden" in found.reasons[-1]


def test_field_first_then_open_to_partners_then_deadline():
    ranked = scoring.rank(
        _seeker(),
        [
            _opening(1),
            _opening(2, open_to_partners=True),
            _opening(3, field_id=1),
            _opening(4, field_id=1, deadline=DAY - dt.timedelta(days=3)),
        ],
    )
    assert [s.opening.pk for s in ranked] == [4, 3, 2, 1]


def test_too_little_norwegian_and_too_long_a_commute_rank_an_opening_down():
    with translation.override("en"):
        ranked = scoring.rank(
            _seeker(norwegian_level="A2"),
            [
                _opening(1, field_id=1, norwegian_level_required="B2"),
                _opening(2, field_id=1, minutes=90),
                _opening(3, field_id=1, minutes=20),
            ],
        )
    # 1 and 2 tie (the same deadline): the title decides.
    assert [s.opening.pk for s in ranked] == [3, 1, 2]
    by_pk = {s.opening.pk: s for s in ranked}
    assert "Norwegian B2 required, you have A2" in by_pk[1].reasons
    assert "90 min by car from Halden, more than you want to commute" in by_pk[2].reasons
    assert by_pk[3].score > by_pk[2].score and by_pk[3].score > by_pk[1].score


def test_no_norwegian_at_all_is_said_plainly():
    with translation.override("en"):
        found = scoring.score(_seeker(norwegian_level=""), _opening(1, norwegian_level_required="A2"))
    assert found.reasons == ["Norwegian A2 required, you have none yet"]


def test_a_closer_opening_scores_higher_than_a_farther_one_within_reach():
    near = scoring.score(_seeker(), _opening(1, minutes=10))
    far = scoring.score(_seeker(), _opening(2, minutes=40))
    assert near.score > far.score


def test_the_wanted_extent_counts():
    part = _seeker(extent="part")
    assert scoring.score(part, _opening(1, extent="part")).score - scoring.score(part, _opening(2)).score == (
        scoring.EXTENT
    )
