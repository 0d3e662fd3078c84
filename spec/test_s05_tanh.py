"""§5 tanh (In [125]–[126]): a smaller tanh net beats the ReLU net on the hard function, better at its bends, blind to a part."""

import pytest

from approx.analysis import figures
from approx.article import runs
from approx.statistics.measures import momentum
from approx.training.session import train


@pytest.mark.claim("S5.1", cell="In [126]")
def test_tanh20_beats_relu100_on_the_hard_function_with_a_fifth_of_the_neurons(over_seeds, seeds, evidence):
    """tanh(20) + Nesterov beats ReLU(100) + Nesterov on the hard function, with a fifth of the neurons.

    §5, In [112] vs In [126]. Checked: the trained Keras models hold 61 and
    301 parameters (20 and 100 hidden units), and on every seed the MSE
    ratio ReLU(100) / tanh(20) clears the calibrated threshold.
    """
    tanh, relu = train(runs.tanh_momentum_on_hard(seeds[0])), train(runs.relu_momentum_on_hard(seeds[0]))
    assert (tanh.count_params(), relu.count_params()) == (3 * 20 + 1, 3 * 100 + 1)
    evidence.figure(figures.fit(train(runs.tanh_momentum_on_hard(seeds[0])), "hard"),
                    f"tanh(20) + Nesterov on the hard function (seed {seeds[0]})", cell="In [126]")
    over_seeds(momentum.tanh_over_relu)


@pytest.mark.claim("S5.2", cell="In [126]")
def test_tanh20_fits_the_bends_of_the_hard_function_better_than_relu100(over_seeds):
    """With tanh the approximation got better at the bends: tanh(20) errs less than ReLU(100) near the hard function's bends.

    The first sentence of §6, after In [126]. The bends are the hard
    function's local extrema on [−3, 3], found on the function itself.
    Checked on every seed: ReLU(100)'s RMS error within 0.25 of them over
    tanh(20)'s, both Nesterov, clears the calibrated threshold.
    """
    over_seeds(momentum.tanh_gain_at_bends)


@pytest.mark.claim("S5.2", cell="In [126]")
def test_tanh20_misses_one_part_of_the_hard_function(over_seeds):
    """Part of the function the net did not see: one stretch a unit wide holds most of tanh(20)'s error.

    The first sentence of §6, after In [126]. Checked on every seed: the
    largest share of tanh(20)'s squared error on the training grid that any
    window a unit wide (a sixth of [−3, 3]) holds clears the calibrated
    threshold.
    """
    over_seeds(momentum.tanh_worst_window_share)
