"""The measures' registry: a measure and its arms are values a spec test passes, each declared once."""

import pytest

from approx.article import runs
from approx.statistics import measures
from approx.statistics.measures import ARMS, MEASURES, Arm, Measure, depth, momentum


def test_a_spec_test_passes_the_registered_object_itself():
    assert isinstance(momentum.momentum_gain, Measure) and MEASURES["momentum_gain"] is momentum.momentum_gain
    assert isinstance(momentum.mse_relu_momentum_on_sine, Arm)
    assert momentum.momentum_gain.arms == ("mse_relu59_on_sine", "mse_relu_momentum_on_sine")


def test_an_arm_made_from_a_run_says_what_it_trains():
    assert depth.mse_sigmoid_momentum_on_hard.meaning == f"MSE of {runs.sigmoid_momentum_on_hard(0).description}"
    assert "seed" not in depth.mse_sigmoid_momentum_on_hard.meaning
    assert momentum.rms_relu100_near_bends.meaning.startswith("RMS error within 0.5 of ±π/2 of relu[100]")


def test_a_name_is_declared_once():
    with pytest.raises(ValueError, match="'momentum_gain' is defined twice"):
        measures.ratio("momentum_gain", momentum.mse_relu100_on_sine, momentum.mse_relu_momentum_on_sine,
                       "again", above=1.0, why="a second declaration")
    with pytest.raises(ValueError, match="defined twice"):
        measures.mse_of("mse_relu100_on_sine", runs.relu_momentum_on_sine)


def test_a_measure_takes_only_registered_arms_and_one_rule():
    stray = Arm("stray", "not registered", lambda seed: 1.0)
    with pytest.raises(ValueError, match="not registered arms"):
        measures.measure("m", why="w", above=1.0, arms=(stray,), name="never_registered")
    with pytest.raises(ValueError, match="exactly one of above=, below=, between="):
        measures.measure("m", why="w", above=1.0, below=2.0, name="never_registered")
    assert "stray" not in ARMS and "never_registered" not in MEASURES
