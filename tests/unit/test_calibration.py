"""The committed calibration backs every rule of approx.statistics.measures."""

import json

import pytest

from approx.framework import versions
from approx.statistics import calibration
from approx.statistics.measures import ARMS, MEASURES, quantities
from approx.statistics.reliability import (DEFAULT_SEEDS, FALSE_ALARM, chance_of_false_alarm, holds_usually, is_reliable,
                                          pass_rate_lower_bound, required_passes)
from approx.statistics import envelope
from approx.tools.calibrate import BASELINE_SEED_BASE, arguments
from approx.tools.tables.baselines import table

MIN_CALIBRATION_SEEDS = 30
SPEC_SEED_BASES = (0, 100, 1000)  # the bases the spec is run on; calibration must not overlap them


@pytest.fixture(scope="module")
def committed():
    return calibration.committed()


def test_the_calibration_ran_on_enough_seeds_apart_from_the_specs(committed):
    assert len(committed.seeds) >= MIN_CALIBRATION_SEEDS
    spec_seeds = {base + i for base in SPEC_SEED_BASES for i in range(20)}
    assert not spec_seeds & set(committed.seeds)


def test_the_calibration_records_its_versions_and_command(committed):
    assert set(committed.versions) == set(versions())
    assert committed.command.startswith("approx calibrate")


def test_the_installed_versions_are_read_without_importing_the_framework(committed):
    """The run's header compares them with the baseline's; differing versions are the gate's situation, not a failure."""
    installed = calibration.installed_versions()
    assert {k: installed[k] for k in ("tensorflow", "keras", "numpy")} == {
        k: versions()[k] for k in ("tensorflow", "keras", "numpy")}


@pytest.mark.parametrize("name", sorted(quantities()))
def test_every_measure_and_arm_is_calibrated_on_every_seed(committed, name):
    assert len(committed.of(name)) == len(committed.seeds)


def test_no_retired_measure_lingers_in_the_calibration(committed):
    assert set(committed.values) <= set(quantities()), "run: approx calibrate (it drops retired measures)"


def test_every_arm_belongs_to_a_measure():
    used = {arm for m in MEASURES.values() for arm in m.arms}
    assert used == set(ARMS)


RELIABLE = sorted(n for n, m in MEASURES.items() if not m.by_rate)


@pytest.mark.parametrize("name", RELIABLE)
def test_a_claim_fails_by_chance_under_one_in_a_thousand_on_the_default_seeds(committed, name):
    """The calibration's pass count makes a false alarm on 5 seeds rarer than FALSE_ALARM.

    Or, where this backend's baseline shows the rule on most trainings only,
    the spec judges the claim's rate instead (spec/conftest.py's over_seeds),
    which fails by chance no more often.
    """
    passed, total = committed.passes(MEASURES[name])
    if not is_reliable(passed, total, DEFAULT_SEEDS):
        assert holds_usually(passed, total), f"{name}: {passed}/{total} is neither reliable nor usual"
        return
    rate = pass_rate_lower_bound(passed, total)
    required = required_passes(DEFAULT_SEEDS, rate)
    assert chance_of_false_alarm(DEFAULT_SEEDS, required, rate) <= FALSE_ALARM


def test_the_committed_baseline_keeps_pairs_for_the_default_seeds():
    """Every measure and arm, on every seed a default run uses, with a value per round-off variant."""
    base = calibration.load(calibration.PATH)
    assert set(base.pairs) == set(base.values)
    for name, pairs in base.pairs.items():
        assert sorted(pairs) == list(range(DEFAULT_SEEDS)), name
    assert envelope.random_draws(base.variants) >= 9  # all five seeds beyond δ must clear Holm's floor


def test_the_table_shows_each_measures_spread_and_pass_count():
    data = calibration.Calibration({"tensorflow": "t", "keras": "k", "numpy": "n"}, "approx calibrate", [7, 8, 9],
                                   {"m": {7: 1.0, 8: 4.0, 9: 30.0}})
    from approx.statistics.measures import Measure, Rule
    rendered = table(data, {"m": Measure("m", "|a| ratio", lambda s: 0.0, Rule(low=2.0))})
    assert "on 3 seeds (7–9), TensorFlow t, Keras k, numpy n" in rendered
    assert "| `m` | \\|a\\| ratio | > 2 | 1 | 4 | 30 | 2/3 | — | — |" in rendered


def test_save_then_load_round_trips_and_leaves_no_temporary_file(tmp_path):
    data = calibration.Calibration({"keras": "x"}, "approx calibrate", [1, 2], {"m": {1: 0.5, 2: 1.5}})
    path = tmp_path / "c.json"
    calibration.save(data, {"m": "a number"}, path)
    assert calibration.load(path) == data
    assert json.loads(path.read_text())["measures"]["m"]["meaning"] == "a number"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_a_missing_calibration_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="approx calibrate"):
        calibration.load(tmp_path / "none.json")


def test_calibrate_defaults_and_bad_arguments(capsys):
    args = arguments([])
    assert args.seeds == 100 and args.seed_base == BASELINE_SEED_BASE
    for bad in (["--seeds", "0"], ["--seed-base", "-2"], ["--jobs", "x"]):
        with pytest.raises(SystemExit):
            arguments(bad)
        assert "expected a whole number" in capsys.readouterr().err


@pytest.mark.parametrize("name, file", [("tensorflow", "calibration.json"), ("jax", "calibration.jax.json"),
                                        ("torch", "calibration.torch.json")])
def test_each_backend_has_a_baseline_of_its_own(name, file):
    assert calibration.baseline_path(name) == calibration.FOLDER / file
    assert calibration.load(calibration.baseline_path(name)).versions["backend"] == name


def test_an_unknown_backend_is_named_with_the_ones_approx_runs_on(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "numpy")
    with pytest.raises(ValueError, match="KERAS_BACKEND='numpy': approx runs on tensorflow, jax, torch"):
        calibration.baseline_path()
