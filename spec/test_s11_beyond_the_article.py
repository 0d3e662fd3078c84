"""§11 Beyond the article: published results the article points towards."""

import pytest

from approx.analysis import figures, piecewise
from approx.analysis.reading import predict
from approx.article import nets, runs
from approx.article.targets import Grid, TRAINING_GRID
from approx.probes import dense, forward
from approx.statistics.measures import depth, neurons
from approx.training.session import train


@pytest.mark.claim("S11.1")
def test_a_relu_net_extrapolates_along_a_straight_line(seeds, evidence):
    """A ReLU net extrapolates linearly, not flat: past its outermost breakpoint its second difference is zero.

    Xu et al., ICLR 2021, "How neural networks extrapolate". Checked on the
    trained ReLU(100) + Nesterov of In [76], every seed: sampled from each
    outermost breakpoint to 20 beyond, the Keras prediction has zero second
    differences (float32 round-off) and a slope that is not zero.
    """
    evidence.figure(figures.breakpoints(train(runs.relu_momentum_on_sine(seeds[0])), "sine", Grid(-10.0, 10.0, 2000)),
                    f"ReLU(100) on [−10, 10]: straight lines beyond the outermost breakpoints (seed {seeds[0]})")
    for seed in seeds:
        model = train(runs.relu_momentum_on_sine(seed))
        wrong, slope = forward.straight_beyond(dense.read(model), lambda x: predict(model, x))
        assert not wrong, f"seed {seed}: {'; '.join(wrong)}"
        evidence.number(f"slope beyond the last breakpoint, seed {seed}", slope)


@pytest.mark.claim("S11.2")
def test_at_initialisation_every_relu_breakpoint_sits_at_zero():
    """At initialisation, with zero biases, every ReLU breakpoint sits at x = 0: the segments are made by training.

    Checked on freshly built ReLU(100) nets, seeds 0–9: every −bᵢ/wᵢ is 0, so
    the net has 2 segments on [−3, 3]. The Keras prediction agrees: it is
    straight on each side of 0, and its slope changes there by Σ|wᵢ|·vᵢ.
    """
    for seed in range(10):
        model = nets.relu_momentum(100).build(seed=seed, compiled=False)
        wrong = forward.breakpoints_at_zero(dense.read(model), lambda x: predict(model, x))
        assert not wrong, f"seed {seed}: {'; '.join(wrong)}"


@pytest.mark.claim("S11.3")
def test_a_trained_relu_net_uses_far_fewer_segments_than_its_bound(over_seeds, seeds, evidence):
    """A trained ReLU net uses far fewer segments (linear regions) than its bound (Hanin & Rolnick 2019).

    For a ReLU(20, 20) stack the bound on [−3, 3] is 21² = 441 segments, 11 per
    neuron. Checked on every seed: its segments, counted exactly from the
    weights, stay below the calibrated count per neuron. One layer reaches
    its bound of n + 1 nearly; shown for ReLU(59).
    """
    bound = piecewise.segment_bound(runs.DEEP_RELU)
    first = seeds[0]
    evidence.number("ReLU(20, 20) segments per neuron, bound", bound / sum(runs.DEEP_RELU))
    evidence.number(f"ReLU(59) segments per neuron, seed {first} (bound 60/59)",
                    piecewise.segments(train(runs.relu_on_sine(59, first)), -3, 3) / 59)
    over_seeds(depth.deep_segments_per_neuron)


@pytest.mark.claim("S11.4")
def test_a_net_fits_a_slow_sine_better_than_a_fast_one(over_seeds):
    """Spectral bias (Rahaman et al. 2019): with the same budget, a net fits sin x better than sin 4x.

    Checked on In [76]'s ReLU(100) + Nesterov, 100 epochs, every seed: its MSE
    on 2 sin 4x + 5 over its MSE on 2 sin x + 5 clears the calibrated threshold.
    """
    over_seeds(depth.spectral_bias)


@pytest.mark.claim("S11.5")
@pytest.mark.parametrize("depth", [1, 2, 3, 5, 8])
def test_linear_layers_collapse_at_any_depth(depth):
    """Linear layers collapse at any depth: a stack of them computes one slope and one intercept.

    Checked on freshly initialised Dense(5, linear) stacks of several depths,
    seeds 0–4: the Keras prediction equals the map collapsed from the weights.
    """
    x = TRAINING_GRID.x()
    for seed in range(5):
        model = nets.linear_layers(5, depth).build(seed=seed, compiled=False)
        wrong = forward.collapsed_line(dense.read(model), x, predict(model, x), depth)
        assert not wrong, f"depth {depth}, seed {seed}: {'; '.join(wrong)}"


@pytest.mark.claim("S11.6", cell="In [72]")
def test_relu59_misses_most_at_the_ends_of_the_interval(over_seeds):
    """ReLU(59) misses the sine most at the ends of [−3, 3], more than at its bends (S2.6).

    A finding of ours beside §2's remark about the bends (S2.6). Checked on
    every seed: RMS error within 0.5 of ±3 over RMS error within 0.5 of ±π/2
    clears the calibrated threshold.
    """
    over_seeds(neurons.relu_ends_over_bends)


@pytest.mark.claim("S11.7", cell="In [126]")
def test_sigmoid_units_fit_the_hard_function_worse_than_tanh_units(over_seeds, seeds, evidence):
    """Sigmoid units fit the hard function worse than tanh units: sigmoid(20) loses to tanh(20), all else equal.

    A finding of ours beside §5, In [126]: the same net, optimiser, data and
    budget, with the logistic sigmoid in place of tanh. Its slope is at most
    a quarter of tanh's and its output is not centred on 0, so in 100 epochs
    it gets less far. Checked on every seed: the MSE ratio sigmoid(20) /
    tanh(20) clears the calibrated threshold.
    """
    evidence.figure(figures.fit(train(runs.sigmoid_momentum_on_hard(seeds[0])), "hard"),
                    f"sigmoid(20) + Nesterov on the hard function (seed {seeds[0]})")
    over_seeds(depth.sigmoid_over_tanh)
