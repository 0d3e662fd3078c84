"""§4 A harder function (In [110]–[112]): what the code computes, and ReLU's ceiling."""

import numpy as np
import pytest

from approx.analysis import figures, shape
from approx.article import runs
from approx.article.targets import TRAINING_GRID, target
from approx.statistics.measures import momentum
from approx.training.session import train


def _as_the_cell_branches(x):
    """The branch In [110] takes: its test `np.any(x) < 0` compares a bool with 0."""
    takes_negative_branch = np.any(x) < 0
    return np.where(takes_negative_branch, x * np.sin(2 * np.pi * x), target("hard")(x))


@pytest.mark.claim("S4.1", cell="In [110]", evidence_kind="code")
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


@pytest.mark.claim("S4.1", cell="In [110]", corrects=True, evidence_kind="code")
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
def test_relu100_with_momentum_errs_orders_of_magnitude_more_on_the_hard_function(over_seeds, seeds, evidence):
    """The ReLU(100) + Nesterov set-up that fit the sine errs orders of magnitude more on the hard function.

    §4, In [112], the gap the ceiling is measured against. Checked on every
    seed: its MSE on the hard function over its MSE on the sine clears the
    calibrated threshold. That the gap is a ceiling, not a slow start, is
    the two tests below.
    """
    evidence.figure(figures.fit(train(runs.relu_momentum_on_hard(seeds[0])), "hard"),
                    f"ReLU(100) + Nesterov on the hard function (seed {seeds[0]})", cell="In [112]")
    over_seeds(momentum.hard_over_sine)


@pytest.mark.claim("S4.2", cell="In [112]")
def test_twice_the_epochs_close_little_of_the_gap(over_seeds):
    """At its ceiling the set-up gains little from more training: 200 epochs in place of 100 close a small share of the gap.

    §4, after In [112]. Checked on every seed: log(MSE after 100 epochs /
    after 200) over log(MSE on the hard function / on the sine), the share
    of the gap's orders of magnitude that doubling the epochs takes off,
    stays under the calibrated bound.
    """
    over_seeds(momentum.ceiling_by_epochs)


@pytest.mark.claim("S4.2", cell="In [112]")
def test_twice_the_width_closes_little_of_the_gap(over_seeds):
    """At its ceiling the architecture gains little from more neurons: ReLU(200) in place of ReLU(100) closes a small share of the gap.

    §4, after In [112]. Checked on every seed: the same share as above, for
    ReLU(200) against ReLU(100), both 100 epochs of Nesterov SGD.
    """
    over_seeds(momentum.ceiling_by_width)


@pytest.mark.claim("S4.3", cell="In [110]", evidence_kind="code")
def test_the_sine_has_no_wide_plateau_and_the_hard_function_has_one(evidence):
    """The sine has no wide plateau, a stretch where it changes very slowly; the hard function has one.

    §4, the paragraph before In [110]: a fact about the two functions, not
    about a trained net. A plateau is where the slope stays under a tenth of
    the function's steepest on [−3, 3]; wide is wider than a tenth of the
    interval. Checked on the training grid.
    """
    wide = (TRAINING_GRID.stop - TRAINING_GRID.start) / 10
    for name in ("sine", "hard"):
        evidence.number(f"widest plateau of the {name} on [−3, 3]", shape.widest_plateau(name, TRAINING_GRID))
    assert shape.widest_plateau("sine", TRAINING_GRID) < wide < shape.widest_plateau("hard", TRAINING_GRID)


@pytest.mark.claim("S4.3", cell="In [110]", evidence_kind="code")
def test_the_sine_changes_evenly_and_the_hard_function_does_not(evidence):
    """The sine changes fairly evenly, the hard function unevenly: its steepest slope is far above its mean slope.

    §4, the paragraph before In [110]. Checked on the training grid: the
    steepest |slope| over the mean |slope| is under 2 for the sine (π/2 for
    whole periods of a sine), over 2 for the hard function.
    """
    for name in ("sine", "hard"):
        evidence.number(f"steepest over mean |slope|, {name}", shape.unevenness(name, TRAINING_GRID))
    assert shape.unevenness("sine", TRAINING_GRID) < 2 < shape.unevenness("hard", TRAINING_GRID)
