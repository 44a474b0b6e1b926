"""The Kaplan–Meier estimator against a small example computed by hand."""

import pytest

from retention.selectors import kaplan_meier, retention_by_year, survival_at


def test_hand_computed_example():
    # Six people (years, left?): 0.5 still here (censored), 1 left, 2 left, 2 still here, 3 still
    # here, 4 left. At 1: 5 at risk, 1 leaves → 4/5 = 0.8. At 2: 4 at risk (the leaver counted
    # before the one censored at the same time), 1 leaves → 0.8 × 3/4 = 0.6. At 4: 1 at risk (2 and
    # 3 censored), 1 leaves → 0.
    observations = [(0.5, False, 1), (1, True, 1), (2, True, 1), (2, False, 1), (3, False, 1), (4, True, 1)]
    steps = kaplan_meier(observations)
    assert [(s.time, s.at_risk, s.events) for s in steps] == [(1, 5, 1), (2, 4, 1), (4, 1, 1)]
    assert [round(s.survival, 6) for s in steps] == [0.8, 0.6, 0.0]
    assert survival_at(steps, 0.9) == 1.0
    assert survival_at(steps, 3.5) == pytest.approx(0.6)


def test_people_not_yet_a_year_here_are_censored_not_stayers_or_leavers():
    # Ten arrived this year (censored at 0.3) and two of four older ones left in their first year.
    observations = [(0.3, False, 10), (0.5, True, 2), (1.5, False, 2)]
    # At 0.5 the ten are no longer at risk: 2 of 4 leave, so 50 %, not 10 of 14 staying.
    assert retention_by_year(observations, years=2) == [1.0, pytest.approx(0.5), None]


def test_counts_weigh_like_repeated_people():
    repeated = [(1, True, 1), (1, True, 1), (3, False, 1)]
    weighted = [(1, True, 2), (3, False, 1)]
    assert kaplan_meier(repeated) == kaplan_meier(weighted)


def test_nobody_gives_no_curve():
    assert kaplan_meier([]) == []
    assert retention_by_year([], years=2) == [None, None, None]


def test_months_back_crosses_the_new_year():
    import datetime as dt

    from retention.selectors import months_back

    assert months_back(dt.date(2026, 12, 1), 11) == dt.date(2026, 1, 1)
    assert months_back(dt.date(2026, 3, 31), 3) == dt.date(2025, 12, 1)
