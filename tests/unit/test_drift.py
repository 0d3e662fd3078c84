"""The drift test: rank tests against the baseline, Holm across the run, power by resampling."""

import numpy as np
import pytest

from approx.statistics import drift
from approx.statistics.calibration import Calibration

BASE_SEEDS = list(range(100))


def _baseline(**measures) -> Calibration:
    return Calibration(versions={}, command="test", seeds=BASE_SEEDS,
                       values={name: dict(zip(BASE_SEEDS, values)) for name, values in measures.items()})


def _lognormal(seed, n=100):
    return np.random.default_rng(seed).lognormal(0.0, 1.0, n)


def test_holm_multiplies_the_kth_smallest_p_by_the_tests_left_and_keeps_the_order():
    adjusted = drift.holm({"a": 0.01, "b": 0.04, "c": 0.03, "d": 0.5})
    assert adjusted == pytest.approx({"a": 0.04, "b": 0.09, "c": 0.09, "d": 0.5})


def test_holm_never_exceeds_one():
    assert drift.holm({"a": 0.6, "b": 0.7}) == {"a": 1.0, "b": 1.0}


def test_the_rank_test_is_exact_without_ties():
    """Five values above all of 100: p is 2 / C(105, 5), the exact two-sided tail."""
    baseline = np.arange(100.0)
    assert drift.rank_test(np.arange(200.0, 205.0), baseline) == pytest.approx(2 / 96560646, rel=1e-6)


def test_seeds_from_the_baseline_distribution_do_not_move():
    values = _lognormal(1)
    base = _baseline(ratio=values, other=values[::-1])
    run = {"ratio": dict(enumerate(_lognormal(2, 5))), "other": dict(enumerate(_lognormal(3, 5)))}
    judged = drift.judge(run, base)
    assert not any(d.moved for d in judged.values())
    assert judged["ratio"].family == 2 and judged["ratio"].verdict == "as the baseline"


def test_a_sixfold_fall_moves_and_says_by_how_much():
    base = _baseline(gain=_lognormal(1) * 120)
    run = {"gain": dict(enumerate(_lognormal(2, 5) * 20))}
    moved = drift.judge(run, base)["gain"]
    assert moved.moved and moved.verdict == "moved"
    assert moved.factor == pytest.approx(moved.run_median / moved.baseline_median)
    assert "→" in moved.effect and "p = " in moved.effect


def test_a_name_without_a_baseline_is_left_out():
    assert drift.judge({"new": {0: 1.0}}, _baseline(old=_lognormal(1))) == {}


def test_the_detectable_shift_shrinks_with_more_seeds_and_grows_with_the_family():
    baseline = _lognormal(4)
    five, twenty = drift.detectable_shift(baseline, 5, 40), drift.detectable_shift(baseline, 20, 40)
    assert five is not None and twenty is not None and twenty < five
    assert drift.detectable_shift(baseline, 5, 1) <= five


def test_a_measure_of_both_signs_is_shifted_not_scaled():
    baseline = np.random.default_rng(5).normal(0.0, 1.0, 100)
    assert drift.detectable_shift(baseline, 5, 10) is not None


def test_the_power_is_drawn_the_same_way_every_time():
    baseline = _lognormal(6)
    assert drift.detectable_shift(baseline, 5, 30) == drift.detectable_shift(baseline, 5, 30)


def test_a_run_of_baseline_seeds_raises_a_false_alarm_at_most_alpha():
    """Resampled runs from one distribution, judged against the rest of it: Holm keeps the run's rate under ALPHA."""
    rng = np.random.default_rng(7)
    base = _baseline(a=rng.lognormal(0, 1, 100), b=rng.normal(0, 1, 100), c=rng.integers(3, 7, 100).astype(float))
    assert drift.false_alarm_rate(base, seeds=5, resamples=300) <= 3 * drift.ALPHA  # 300 draws: room for their noise


def test_a_run_that_diverged_has_moved_beyond_doubt():
    before = {"mse": np.linspace(0.01, 0.02, 100)}
    after = {"mse": np.array([0.012, np.nan, 0.015, np.inf, 0.011])}
    judged = drift.compare(before, after)["mse"]
    assert judged.moved and judged.p == 0.0
