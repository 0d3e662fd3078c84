import pytest

from approx.statistics.measures import Measure, Rule
from approx.statistics.reliability import (FALSE_ALARM, binomial_cdf, chance_of_count, chance_of_false_alarm, judge, pass_rate_lower_bound,
                                required_passes)


def test_binomial_cdf_by_hand():
    assert binomial_cdf(0, 2, 0.5) == pytest.approx(0.25)
    assert binomial_cdf(1, 3, 0.5) == pytest.approx(0.5)
    assert binomial_cdf(3, 3, 0.2) == pytest.approx(1.0)


def test_a_clean_calibration_bounds_the_rate_by_the_rule_of_three():
    assert pass_rate_lower_bound(100, 100) == pytest.approx(0.05 ** (1 / 100), rel=1e-9)
    assert pass_rate_lower_bound(30, 30) == pytest.approx(1 - 0.0950, abs=1e-4)


def test_the_lower_bound_is_clopper_pearson():
    p = pass_rate_lower_bound(8, 10)
    assert 1 - binomial_cdf(7, 10, p) == pytest.approx(0.05, rel=1e-6)  # P(X ≥ 8 | p) = 5%
    assert pass_rate_lower_bound(0, 10) == 0.0
    with pytest.raises(ValueError):
        pass_rate_lower_bound(11, 10)


@pytest.mark.parametrize("seeds, required", [(1, 1), (3, 2), (5, 3), (10, 7), (20, 16)])
def test_required_passes_after_a_clean_calibration_of_100(seeds, required):
    rate = pass_rate_lower_bound(100, 100)
    assert required_passes(seeds, rate) == required
    if seeds >= 5:
        assert chance_of_false_alarm(seeds, required, rate) <= 0.001


def test_an_unreliable_claim_still_needs_a_majority():
    assert required_passes(5, 0.3) == 3


def test_a_verdict_shows_every_seed_and_the_rule():
    measure = Measure("m", "the ratio", lambda s: 0.0, Rule(low=2.0))
    verdict = judge("S9.9", measure, {0: 3.0, 1: 1.5, 2: 2.5}, (100, 100), (2.1, 5.0, 40.0), (3.0, 9.0))
    assert verdict.passed_seeds == (0, 2) and verdict.required == 2 and verdict.holds
    text = str(verdict)
    assert "S9.9: the ratio must be > 2 on at least 2 of 3 seeds; it was on 2/3 = 0.67" in text
    assert "seed 1: 1.5 FAIL" in text and "calibration: 100/100 seeds passed (min 2.1, median 5, max 40)" in text
    assert not judge("S9.9", measure, {0: 1.0, 1: 1.5, 2: 2.5}, (100, 100), (2.1, 5.0, 40.0), (3.0, 9.0)).holds


def test_a_count_far_from_the_baselines_rate_is_improbable():
    assert chance_of_count(0, 5, 95, 100) < 1e-4
    assert chance_of_count(4, 5, 95, 100) > 0.1


@pytest.mark.parametrize("passed, total, run_passed", [(100, 100, 4), (30, 30, 4), (0, 100, 1)],
                         ids=["all-of-100", "all-of-30", "none-of-100"])
def test_a_clean_baseline_does_not_make_one_contrary_seed_a_moved_rate(passed, total, run_passed):
    """100 of 100 bounds the rate at 0.97, not 1: one seed in five going the other way is not impossible."""
    assert chance_of_count(run_passed, 5, passed, total) > FALSE_ALARM


def test_a_clean_baseline_still_flags_a_count_its_bound_makes_improbable():
    assert chance_of_count(1, 5, 100, 100) < FALSE_ALARM


def test_a_rule_is_a_value_with_its_bounds_and_words():
    assert (str(Rule(low=1.2)), str(Rule(high=0.25)), str(Rule(0.3, 0.999))) == ("> 1.2", "< 0.25", "in (0.3, 0.999)")
    assert Rule(0.3, 0.999).bounds == (0.3, 0.999) and Rule(high=0.25).bounds == (0.25,)
    assert Rule(0.3, 0.999).passes(0.5) and not Rule(0.3, 0.999).passes(0.999) and not Rule(low=1.2).passes(1.2)


def test_a_rule_without_a_bound_or_with_no_room_is_refused():
    import pytest

    with pytest.raises(ValueError, match="needs a bound"):
        Rule()
    with pytest.raises(ValueError, match="admits no value"):
        Rule(2.0, 1.0)
