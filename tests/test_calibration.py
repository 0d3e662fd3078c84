"""The committed calibration backs every threshold of approx.measures."""

import json

import pytest

from approx import calibration, store
from approx.calibrate import DEFAULT_SEED_BASE, _arguments
from approx.framework import versions
from approx.measures import MEASURES
from approx.plugin.options import DEFAULT_SEEDS
from approx.reliability import FALSE_ALARM, chance_of_false_alarm, pass_rate_lower_bound, required_passes

MIN_CALIBRATION_SEEDS = 30
SPEC_SEED_BASES = (0, 100, 1000)  # the bases the spec is run on; calibration must not overlap them


@pytest.fixture(scope="module")
def committed():
    return calibration.load()


def test_the_calibration_ran_on_enough_seeds_apart_from_the_specs(committed):
    assert len(committed.seeds) >= MIN_CALIBRATION_SEEDS
    spec_seeds = {base + i for base in SPEC_SEED_BASES for i in range(20)}
    assert not spec_seeds & set(committed.seeds)


def test_the_calibration_records_its_versions_and_command(committed):
    assert set(committed.versions) == set(versions())
    assert committed.command.startswith("python -m approx.calibrate")


def test_the_calibration_matches_the_installed_versions(committed):
    """Thresholds were placed on these versions; on others the spec may speak of a real change."""
    current = versions()
    for name in ("tensorflow", "keras", "numpy"):
        assert committed.versions[name] == current[name], f"recalibrate: {name} is {current[name]}"


@pytest.fixture
def without_store():
    """Train afresh: a stored entry would show the store works, not that training reproduces."""
    kept = store.current()
    store.use(None)
    yield
    store.use(kept)


@pytest.mark.parametrize("name", ["line_weight_error", "glorot_gain"])
def test_a_calibration_seed_reproduces_to_the_bit(committed, name, without_store):
    """Same seed, same versions, same numbers: training now gives what the calibration recorded."""
    seed = committed.seeds[0]
    assert MEASURES[name].compute(seed) == committed.values[name][seed], (
        "training no longer reproduces the calibration; if the versions changed, recalibrate")


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_every_measure_is_calibrated_on_every_seed(committed, name):
    assert len(committed.of(name)) == len(committed.seeds)


RELIABLE = sorted(n for n, m in MEASURES.items() if not m.article_error)


@pytest.mark.parametrize("name", RELIABLE)
def test_a_claim_fails_by_chance_under_one_in_a_thousand_on_the_default_seeds(committed, name):
    """The calibration's pass count makes a false alarm on 5 seeds rarer than FALSE_ALARM."""
    rate = pass_rate_lower_bound(*committed.passes(MEASURES[name]))
    required = required_passes(DEFAULT_SEEDS, rate)
    assert chance_of_false_alarm(DEFAULT_SEEDS, required, rate) <= FALSE_ALARM


ERRATA = sorted(n for n, m in MEASURES.items() if m.article_error)


@pytest.mark.parametrize("name", ERRATA)
def test_an_articles_statistical_claim_fails_almost_surely(committed, name):
    """A strict xfail must not pass by chance: its measure must fail on most calibration seeds."""
    passed, total = committed.passes(MEASURES[name])
    failing_rate = pass_rate_lower_bound(total - passed, total)
    assert chance_of_false_alarm(DEFAULT_SEEDS, DEFAULT_SEEDS // 2 + 1, failing_rate) <= FALSE_ALARM


def test_save_then_load_round_trips_and_leaves_no_temporary_file(tmp_path):
    data = calibration.Calibration({"keras": "x"}, "python -m approx.calibrate", [1, 2], {"m": {1: 0.5, 2: 1.5}})
    path = tmp_path / "c.json"
    calibration.save(data, {"m": ("S1.1", "a number")}, path)
    assert calibration.load(path) == data
    assert json.loads(path.read_text())["measures"]["m"]["claim"] == "S1.1"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_a_missing_calibration_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m approx.calibrate"):
        calibration.load(tmp_path / "none.json")


def test_calibrate_defaults_and_bad_arguments(capsys):
    args = _arguments([])
    assert args.seeds == 100 and args.seed_base == DEFAULT_SEED_BASE
    for bad in (["--seeds", "0"], ["--seed-base", "-2"], ["--jobs", "x"]):
        with pytest.raises(SystemExit):
            _arguments(bad)
        assert "expected a whole number" in capsys.readouterr().err
