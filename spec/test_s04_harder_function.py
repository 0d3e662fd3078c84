"""§4 A harder function (In [110]–[112]): what the code computes, and ReLU's ceiling."""

import numpy as np
import pytest

from approx.analysis import figures
from approx.article import runs
from approx.article.targets import TRAINING_GRID, target
from approx.statistics.measures import momentum
from approx.training.session import train


def _as_the_cell_branches(x):
    """The branch In [110] takes: its test `np.any(x) < 0` compares a bool with 0."""
    takes_negative_branch = np.any(x) < 0
    return np.where(takes_negative_branch, x * np.sin(2 * np.pi * x), target("hard")(x))


@pytest.mark.claim("S4.1", cell="In [110]")
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="np.any(x) < 0 is never true: the x < 0 branch never runs")
def test_article_hard_function_is_x_sin_2pi_x_left_of_zero():
    """The hard function is x·sin(2πx) for negative x, as its first branch intends.

    §4, In [110]. Checked on the training grid: what the cell computes for
    x < 0 against x·sin(2πx).
    """
    x = TRAINING_GRID.x()
    left = x < 0
    np.testing.assert_allclose(_as_the_cell_branches(x)[left], (x * np.sin(2 * np.pi * x))[left])


@pytest.mark.claim("S4.1", cell="In [110]", corrects=True)
def test_the_hard_function_is_one_formula_on_the_whole_domain():
    """As written, the hard function is −x·sin(πx) + e^{x/2} − 1 on the whole domain, negative x included.

    Correction of §4, In [110]: `np.any(x) < 0` is False for every array, so
    the else branch always runs. Checked: the test is False on the grid, on
    all-negative and on all-zero arrays, and our `hard` target is that formula
    everywhere, which differs from the intended piecewise one left of zero.
    """
    for probe in (TRAINING_GRID.x(), -np.ones(5), np.zeros(5)):
        assert not (np.any(probe) < 0)
    x = TRAINING_GRID.x()
    np.testing.assert_allclose(target("hard")(x), -x * np.sin(np.pi * x) + np.exp(x / 2) - 1)
    np.testing.assert_allclose(_as_the_cell_branches(x), target("hard")(x))
    assert not np.allclose(target("hard_intended")(x), target("hard")(x))


@pytest.mark.claim("S4.2", cell="In [112]")
def test_relu100_with_momentum_hits_its_ceiling_on_the_hard_function(over_seeds, seeds, evidence):
    """The ReLU(100) + Nesterov set-up that fit the sine hits its ceiling on the hard function.

    §4, In [112]: "we hit the ceiling of our architecture". Checked on every
    seed: its MSE on the hard function over its MSE on the sine is orders of
    magnitude, above the calibrated threshold.
    """
    evidence.figure(figures.fit(train(runs.relu_momentum_on_hard(seeds[0])), "hard"),
                    f"ReLU(100) + Nesterov on the hard function (seed {seeds[0]})", cell="In [112]")
    over_seeds(momentum.hard_over_sine)
