"""A Run is a value: it refuses what cannot be trained, and describes itself."""

import pytest

from approx.article import nets, runs
from approx.article.runs import Run


@pytest.mark.parametrize("kwargs, message", [
    ({"net": "relu"}, "net must be a Net"),
    ({"target": "cosine"}, "unknown target 'cosine'"),
    ({"epochs": 0}, "epochs must be a whole number >= 1, got 0"),
    ({"epochs": 1.5}, "epochs must be a whole number >= 1"),
    ({"seed": -1}, "seed must be a whole number >= 0, got -1"),
])
def test_a_malformed_run_is_a_value_error(kwargs, message):
    args = {"net": nets.single_neuron(), "target": "line", "epochs": 1, "seed": 0, **kwargs}
    with pytest.raises(ValueError, match=message):
        Run(**args)


def test_the_articles_runs_are_values_naming_their_cells():
    assert runs.tanh_momentum_on_hard(3, "he_normal") == runs.tanh_momentum_on_hard(3, "he_normal")
    assert runs.relu_on_sine(59, 0) != runs.relu_on_sine(59, 1)
    assert str(runs.neuron_on_line(0)) == "linear[-], SGD(lr default) on line (1000 points on [-3, 3]), 100 epochs, seed 0"
