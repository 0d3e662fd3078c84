"""The shuffle tests (approx.statistics.permutations) and the skews they must catch (approx.statistics.shuffles)."""

import numpy as np
import pytest

from approx.statistics import permutations, shuffles
from approx.statistics.reliability import FALSE_ALARM

POINTS = 1000
STRONGEST = {"buffered": 0.5, "sticky": 0.05, "tail": 0.5}


def _draw(skew=None, strength=0.0, runs=2, epochs=10, seed=0):
    return shuffles.draw(np.random.default_rng(seed), 1, runs, epochs, POINTS, skew, strength)[0]


@pytest.mark.parametrize("skew", list(shuffles.SKEWS))
@pytest.mark.parametrize("strength", [0.0, 0.01, 0.5, 1.0])
def test_a_skew_keeps_every_order_a_permutation_of_all_points(skew, strength):
    orders = _draw(skew, strength, runs=1, epochs=4)
    assert (np.sort(orders, axis=-1) == np.arange(POINTS)).all()


@pytest.mark.parametrize("skew", list(shuffles.SKEWS))
def test_a_skew_at_no_strength_is_the_uniform_order(skew):
    assert np.array_equal(_draw(skew, 0.0, seed=3), _draw(None, seed=3))


def test_the_strongest_skews_do_what_they_say():
    buffered = _draw("buffered", 0.5, runs=1, epochs=3)
    assert (buffered[..., 0] < POINTS // 2).all()  # the first place comes from a buffer of the first 500
    sticky = _draw("sticky", 1.0, runs=1, epochs=3)
    assert (sticky == sticky[:, :1]).all()  # everyone keeps the first epoch's place
    tail = _draw("tail", 1.0, runs=1, epochs=3)
    assert (np.sort(tail[..., -8:], axis=-1) == np.arange(POINTS - 8, POINTS)).all()


def test_uniform_orders_pass_every_test():
    verdict = permutations.judge(_draw(seed=1))
    assert verdict.uniform, str(verdict)
    assert set(verdict.pvalues) == set(permutations.TESTS)


@pytest.mark.parametrize("skew, caught_by", [("buffered", "place"), ("sticky", "kept"), ("tail", "ragged")])
def test_each_skew_at_its_strongest_is_caught_by_the_test_made_for_it(skew, caught_by):
    verdict = permutations.judge(_draw(skew, STRONGEST[skew], seed=2))
    assert caught_by in verdict.failed, str(verdict)


def test_one_order_every_epoch_fails_the_epochs_independence():
    once = _draw(runs=1, epochs=1)
    verdict = permutations.judge(np.repeat(once, 10, axis=1))
    assert {"next", "kept"} <= set(verdict.failed)


def test_the_same_orders_in_two_runs_fail_the_runs_independence():
    run = _draw(runs=1)
    verdict = permutations.judge(np.concatenate([run, run]))
    assert {"runs", "runs kept"} <= set(verdict.failed)


def test_the_family_spends_half_a_claims_false_alarm():
    assert permutations.level() * len(permutations.TESTS) == pytest.approx(FALSE_ALARM / 2)
    assert permutations.level(4) == pytest.approx(FALSE_ALARM / 8)


def test_a_skew_keyed_by_the_order_repeats_with_it():
    order = _draw(runs=1, epochs=1)[0]
    once = shuffles.buffered(order, shuffles.from_order(order[0]), 0.3)
    again = shuffles.buffered(order, shuffles.from_order(order[0]), 0.3)
    assert np.array_equal(once, again)


def test_the_committed_calibration_holds_the_spec_designs_within_a_claims_false_alarm():
    """calibration/shuffle.json: on uniform orders each design's family alarmed within FALSE_ALARM (95% bound)."""
    import json

    from approx.tools import shuffle_calibration

    record = json.loads(shuffle_calibration.PATH.read_text())
    assert {name: (d["runs"], d["epochs"]) for name, d in record["designs"].items()} == shuffle_calibration.DESIGNS
    for name, design in record["designs"].items():
        null = design["null"]
        assert null["level"] == pytest.approx(permutations.level(len(null["tests"]))), name
        assert null["family alarm bound"] <= FALSE_ALARM, name


def test_the_committed_check_on_real_fit_found_the_simulated_law_on_every_backend_it_ran():
    """calibration/shuffle.json's `keras` part: each test's p-values on real fit orders as on uniform ones.

    At 1% for all the KS tests of the record together (Bonferroni); among a few
    hundred designs the family, at its budget, alarms at most once but with
    chance under 1%.
    """
    import json

    from approx.tools import shuffle_calibration

    checked = json.loads(shuffle_calibration.PATH.read_text()).get("keras", {})
    assert checked, "no backend checked: python -m approx.tools.shuffle_calibration --keras CALLS"
    count = sum(len(found["tests"]) for found in checked.values())
    for backend, found in checked.items():
        assert found["designs"] * 2 <= found["fit calls"], backend
        worst = min(test["KS p against simulated"] for test in found["tests"].values())
        assert worst >= 0.01 / count, f"{backend}: fit's p-values differ from the uniform's (KS p = {worst:.2g})"
        assert found["family alarms"] <= 1, backend


def test_the_check_on_real_fit_needs_two_designs():
    from approx.tools import shuffle_calibration

    with pytest.raises(SystemExit) as stopped:
        shuffle_calibration.main(["--keras", "3", "--out", "-"])
    assert stopped.value.code == 2


def test_the_tests_batch_is_fits_batch():
    """permutations keeps its own copy of fit's batch size so that it needs no Keras: it must be probes.shuffling's."""
    from approx.probes import shuffling

    assert permutations.BATCH == shuffles.BATCH == shuffling.BATCH_SIZE
