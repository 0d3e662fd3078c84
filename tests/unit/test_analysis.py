"""The analysis modules on hand-set weights, against numbers worked out on paper."""

import numpy as np
import pytest

from approx.analysis import decomposition, extrapolation, linear, piecewise, shape
from approx.analysis.approximation import mse, rms_error_near, worst_window_share
from approx.analysis.reading import predict
from approx.article import nets
from approx.article.targets import TRAINING_GRID, Grid


def _set(model, *weights):
    for layer, (kernel, bias) in zip(model.layers, weights):
        layer.set_weights([np.asarray(kernel, np.float32), np.asarray(bias, np.float32)])
    return model


def test_collapse_multiplies_through_the_layers():
    # x → [2x + 1, −x] → 3(2x + 1) + 1(−x) − 4 = 5x − 1
    model = _set(nets.linear_layers(2).build(), ([[2, -1]], [1, 0]), ([[3], [1]], [-4]))
    assert linear.collapse(model) == pytest.approx((5.0, -1.0))


def test_collapse_refuses_a_nonlinear_layer():
    with pytest.raises(ValueError, match="only linear layers collapse; found a relu layer"):
        linear.collapse(nets.relu_layer(3).build())


def test_least_squares_recovers_an_exact_line_and_fits_noise_by_hand():
    x = np.linspace(-1, 1, 5)
    assert linear.least_squares_line(x, 3 * x - 2) == pytest.approx((3.0, -2.0))
    assert linear.least_squares_line([0, 1, 2], [0, 2, 1]) == pytest.approx((0.5, 0.5))


def _relu(w, b, v, c=0.0):
    return _set(nets.relu_layer(len(w)).build(), ([w], b), (np.reshape(v, (-1, 1)), [c]))


def test_breakpoints_are_minus_b_over_w_of_units_that_bend():
    # units: kink at 1; kink at −2 (w < 0); w = 0 (constant); v = 0 (unused)
    model = _relu([1, -0.5, 0, 2], [-1, -1, 3, 1], [1, 2, 5, 0])
    np.testing.assert_allclose(piecewise.breakpoints(model), [-2, 1])
    assert piecewise.slope_changes(model) == pytest.approx({1.0: 1.0, -2.0: 1.0})
    assert piecewise.segments(model, -3, 3) == 3
    assert piecewise.segments(model, 0, 3) == 2


def test_units_sharing_a_kink_that_cancel_make_no_segment():
    model = _relu([1, 1], [0, 0], [1, -1])  # relu(x) − relu(x) = 0
    assert piecewise.segments(model, -1, 1) == 1


def test_linear_pieces_of_a_one_layer_net_match_its_breakpoints():
    model = _relu([1, -0.5, 2], [-1, -1, 1], [1, 2, -1])
    np.testing.assert_allclose(piecewise.stack_breakpoints(model, -3, 3), piecewise.breakpoints(model))


def test_linear_pieces_of_a_two_layer_net_by_hand():
    # layer 1: h = relu(x), relu(−x); layer 2: g = relu(h₁ + h₂ − 1) = relu(|x| − 1): kinks at ±1, and at 0
    model = _set(nets.Net(hidden=(2, 1), activation="relu").build(),
                 ([[1, -1]], [0, 0]), ([[1], [1]], [-1]), ([[1]], [0]))
    np.testing.assert_allclose(piecewise.stack_breakpoints(model, -3, 3), [-1, 1])  # 0 is flat on both sides
    assert piecewise.segment_bound((2, 1)) == 6 and piecewise.segment_bound((20, 20)) == 441


@pytest.mark.parametrize("seed", range(5))
def test_the_walker_never_finds_more_pieces_than_the_bound(seed):
    """Moved from S11.3's evidence: a property of approx's walker, which no framework could break."""
    model = nets.Net(hidden=(20, 20), activation="relu").build(seed=seed, compiled=False)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(size=w.shape) for w in model.get_weights()])  # breakpoints all over
    assert len(piecewise.stack_breakpoints(model, -3, 3)) + 1 <= piecewise.segment_bound((20, 20))


def test_linear_pieces_refuses_tanh():
    with pytest.raises(ValueError, match="only ReLU and linear"):
        piecewise.stack_breakpoints(nets.tanh_momentum(3).build(), -1, 1)


def test_pieces_from_samples_counts_bends():
    x = np.linspace(-3, 3, 601)
    assert piecewise.segments_from_samples(2 * x + 1, 1e-9) == 1
    assert piecewise.segments_from_samples(np.abs(x - 0.005), 1e-9) == 2
    assert piecewise.segments_from_samples(np.abs(x) + np.maximum(0, x - 1.5), 1e-9) == 3


def _tanh(w, b, v, c):
    return _set(nets.tanh_momentum(len(w)).build(), ([w], b), (np.reshape(v, (-1, 1)), [c]))


def test_tanh_terms_sum_with_one_output_bias_to_the_prediction():
    model = _tanh([1, -2, 0.5], [0.5, 1, -1], [2, 1, -1], 3)
    x = np.array([[-1.0], [0.0], [2.0]])
    expected = 2 * np.tanh(x + 0.5) + np.tanh(-2 * x + 1) - np.tanh(0.5 * x - 1)
    np.testing.assert_allclose(decomposition.terms(model, x).sum(axis=1, keepdims=True), expected, rtol=1e-6)
    np.testing.assert_allclose(decomposition.recompose(model, x), expected + 3, rtol=1e-6)
    np.testing.assert_allclose(predict(model, x), expected + 3, rtol=1e-5)
    np.testing.assert_allclose(decomposition.article_terms(model, x) - decomposition.terms(model, x), 3)
    np.testing.assert_allclose(decomposition.centres(model), [-0.5, 0.5, 2])


def test_slopes_and_flatness_beyond_an_interval():
    model = _tanh([1], [0], [1], 0)
    assert extrapolation.slope(model, -0.01, 0.01) == pytest.approx(1, rel=1e-3)
    assert abs(extrapolation.slope(model, 10, 11)) < 1e-6
    assert extrapolation.slope(lambda x: 3 * x, 5, 6) == pytest.approx(3)
    x = extrapolation.outside(Grid(-6, 6, 13), TRAINING_GRID)
    np.testing.assert_array_equal(np.ravel(x), [-6, -5, -4, 4, 5, 6])


def test_errors_where_they_sit():
    model = _set(nets.single_neuron().build(), ([[2]], [5]))  # exactly the line target
    assert mse(model, "line", TRAINING_GRID) < 1e-10
    sine_fit = _set(nets.single_neuron().build(), ([[0]], [5]))  # y = 5 misses 2 sin x most at ±π/2
    assert rms_error_near(sine_fit, "sine", TRAINING_GRID, (np.pi / 2,), 0.1) == pytest.approx(2, rel=0.01)
    with pytest.raises(ValueError, match="no grid point lies within"):
        rms_error_near(model, "line", TRAINING_GRID, (10,), 0.5)


def test_transitions_and_the_distance_from_which_every_unit_is_still():
    model = _tanh([2, -0.5, 0.005], [1, 1, 0], [1, 1, 1], 0)
    np.testing.assert_allclose(decomposition.transitions(model), [1, 4, 400], rtol=1e-6)
    found = decomposition.still_from(model, 0.01)
    # the unit with |w| = 0.005 < 0.01 is still everywhere; the widest other sets the distance
    slopes = decomposition.unit_slopes(model, (-found - 1e-3, found + 1e-3, -found + 0.05, found - 0.05))
    assert (slopes[:2] < 0.01).all() and (slopes[2:] >= 0.01).any()
    assert decomposition.still_from(_tanh([0.001], [0], [1], 0), 0.01) == 0.0


def test_the_worst_window_holds_the_error_where_it_sits():
    # 2·relu(x + 3) − 1 is the line 2x + 5 on [−3, 3]; relu(x − 2) adds an error on (2, 3] only
    bumped = _set(nets.relu_layer(2).build(), ([[1, 1]], [3, -2]), ([[2], [1]], [-1]))
    grid = Grid(-3, 3, 601)
    assert worst_window_share(bumped, "line", grid, 1.0) == pytest.approx(1.0)
    x = np.ravel(grid.x())
    error = np.maximum(x - 2, 0) ** 2
    assert worst_window_share(bumped, "line", grid, 0.25) == pytest.approx(error[-26:].sum() / error.sum(), rel=1e-4)
    even = _set(nets.single_neuron().build(), ([[2]], [5.5]))  # off by 0.5 everywhere: a window holds its width's share
    assert worst_window_share(even, "line", grid, 1.0) == pytest.approx(101 / 601, rel=1e-4)
    with pytest.raises(ValueError, match="does not fit"):
        worst_window_share(even, "line", grid, 7.0)


def test_the_shape_of_the_targets():
    np.testing.assert_allclose(shape.bends("sine", TRAINING_GRID), (-np.pi / 2, np.pi / 2), atol=TRAINING_GRID.step)
    assert shape.bends("line", TRAINING_GRID) == ()
    assert shape.widest_plateau("line", TRAINING_GRID) == 0.0  # a line's slope is never under a tenth of itself
    # 2 sin x is flat (|2 cos x| < 0.2) within arcsin(0.1) of ±π/2
    assert shape.widest_plateau("sine", TRAINING_GRID) == pytest.approx(2 * np.arcsin(0.1), abs=2 * TRAINING_GRID.step)
    assert shape.unevenness("line", TRAINING_GRID) == pytest.approx(1.0)
    assert shape.unevenness("sine", Grid(-np.pi, np.pi, 100001)) == pytest.approx(np.pi / 2, rel=1e-3)
