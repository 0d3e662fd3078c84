import math

import numpy as np
import pytest

from approx.probes import initialisers
from approx.probes import initialisers as promised
from approx.analysis.vanishing import first_layer_gradient
from approx.article.nets import Net
from approx.article.targets import TRAINING_GRID
from approx.training.draws import starting_weights


def test_expected_stds_are_the_textbook_formulas():
    assert promised.expected_std("glorot_normal", 3, 5) == pytest.approx(math.sqrt(2 / 8))
    assert promised.expected_std("he_normal", 3, 5) == pytest.approx(math.sqrt(2 / 3))
    assert promised.expected_std("glorot_uniform", 3, 5) == pytest.approx(math.sqrt(6 / 8) / math.sqrt(3))


def test_the_truncation_constant_is_the_std_of_a_unit_normal_cut_at_two():
    z = np.linspace(-2, 2, 400001)
    density = np.exp(-z**2 / 2)
    assert math.sqrt(np.trapezoid(z**2 * density, z) / np.trapezoid(density, z)) == pytest.approx(promised.TRUNCATED_STD, rel=1e-6)


def test_draws_are_seeded():
    np.testing.assert_array_equal(initialisers.draw("he_normal", 4, 3, 7), initialisers.draw("he_normal", 4, 3, 7))
    assert initialisers.draw("he_normal", 4, 3, 7).shape == (4, 3)


def test_an_unknown_initialiser_is_a_value_error():
    with pytest.raises(ValueError, match="unknown initialiser 'orthogonal'; known: glorot_uniform"):
        initialisers.draw("orthogonal", 3, 3, 0)


def test_first_layer_gradient_is_a_function_of_the_start_and_positive():
    net = Net(hidden=(8, 8), activation="tanh")
    g = first_layer_gradient(net, "sine", TRAINING_GRID, starting_weights(net, 3))
    assert g > 0 and g == first_layer_gradient(net, "sine", TRAINING_GRID, starting_weights(net, 3))
