"""What the article's networks output, held against the formula their weights give (S1.4, S2.1–S2.4, S7.1–S7.3, S10.4, S11.1, S11.2, S11.5).

Each check takes a network's layers (approx.probes.dense.read) and its
outputs at x, as the caller read them (the spec by its forward pass, checked
against predict; a reproducer by model.predict), and returns what is wrong,
in words: nothing when Keras computes what the weights say. Standalone
(numpy, with approx.probes.dense), for the spec and `approx repro`.
"""

import numpy as np

from approx.probes.dense import (collapse, centres, is_straight, least_squares_line, relu_breakpoints, relu_recompose,
                                 relu_segments, relu_slope_changes, second_differences, segments_from_samples,
                                 straightness_tolerance, tanh_recompose, tanh_terms, tolerance)

FINE = (-3.0, 3.0, 6001)  # [−3, 3] every 0.001: fine enough to see every ReLU breakpoint
FAR = 20.0  # how far past the outermost ReLU breakpoint the straight line is checked
SATURATED = 5.0  # |wx + b| from here on counts as saturated: tanh is within 1 − tanh 5 ≈ 9e-5 of ±1
SATURATION_GAP = 1 - float(np.tanh(SATURATED))


def fine() -> np.ndarray:
    """[−3, 3] every 0.001, as a column."""
    return np.linspace(*FINE).reshape(-1, 1)


def _off(found, expected, atol: float, what: str) -> list[str]:
    gap = float(np.max(np.abs(np.asarray(found, np.float64) - expected), initial=0.0))
    return [] if gap <= atol else [f"{what}: {gap:.3g} off (float32 round-off allows {atol:.3g})"]


def weight_then_bias(layers, x, y) -> list[str]:
    """S1.4: one neuron outputs w·x + b, w its kernel and b its bias (the order Keras prints them in)."""
    (kernel, bias, _), = layers
    line = kernel[0, 0] * x + bias[0]
    return _off(y, line, tolerance(np.abs(line).max()), "the prediction is not w·x + b")


def collapsed_line(layers, x, y, depth: int = 1) -> list[str]:
    """S11.5: a stack of `depth` linear layers outputs the one line collapsed from its weights."""
    slope, intercept = collapse(layers)
    return _off(y, slope * x + intercept, tolerance(np.abs(y).max() * depth), "not the collapsed line")


def one_straight_line(layers, x, y) -> list[str]:
    """S2.1: a linear stack outputs the line collapsed from its weights, and its outputs lie on one line."""
    return collapsed_line(layers, x, y) + ([] if is_straight(y) else ["its outputs are not on one straight line"])


def no_better_than_the_line(x, y, target) -> list[str]:
    """S2.2: outputs y of a line-drawing net fit `target` no better than its least-squares line does."""
    w, b = least_squares_line(x, target)
    best = float(np.mean((w * np.ravel(x) + b - np.ravel(target)) ** 2))
    error = float(np.mean((np.ravel(y) - np.ravel(target)) ** 2))
    return [] if error >= best - tolerance(best) else [f"MSE {error:.8g}, below the least-squares line's {best:.8g}"]


def breaks_only_at_minus_b_over_w(layers, x, y) -> list[str]:
    """S2.3: a ReLU layer outputs Σ vᵢ·max(0, wᵢx + bᵢ) + c, and bends only next to some −bᵢ/wᵢ (x: fine())."""
    by_hand = relu_recompose(layers, x)
    wrong = _off(y, by_hand, tolerance(np.abs(by_hand).max()), "not Σ w′ max(0, wx + b) + b")
    x = np.ravel(x)
    off_line = np.abs(second_differences(y)) > straightness_tolerance(y)
    at = relu_breakpoints(layers)
    step = x[1] - x[0]
    stray = [c for c in x[1:-1][off_line] if at.size == 0 or np.abs(at - c).min() > 1.5 * step]
    return wrong + ([f"the slope changes at x = {stray[:5]}, where no unit has −b/w"] if stray else [])


def hand_set_relu(model, width: int):
    """Set a ReLU(width) model's weights: breakpoints at distinct x in (−3, 3), slopes alternating, width + 1 segments."""
    at = np.linspace(-2.5, 2.5, width)
    model.layers[0].set_weights([np.ones((1, width)), -at])
    alternating = np.array([(-1) ** i * (i + 1) for i in range(width)], dtype=float)
    model.layers[1].set_weights([alternating[:, None], np.zeros(1)])
    return model


def segments_seen(y) -> int:
    """Straight segments in outputs sampled on fine()."""
    return segments_from_samples(y, straightness_tolerance(y))


def reaches_n_plus_1_segments(layers, y, width: int) -> list[str]:
    """S2.4: a hand-set ReLU(n) makes n + 1 segments, by its weights and in its outputs on fine()."""
    by_weights, seen = relu_segments(layers, FINE[0], FINE[1]), segments_seen(y)
    return [] if by_weights == seen == width + 1 else [
        f"ReLU({width}) makes {by_weights} segments by its weights and shows {seen}, not {width + 1}"]


def at_most_segments(y, most: int) -> list[str]:
    """S2.4: outputs on fine() show no more than `most` segments."""
    seen = segments_seen(y)
    return [] if seen <= most else [f"{seen} segments, more than {most}"]


def tanh_terms_sum_to_the_output(layers, x, y) -> list[str]:
    """S7.1: a tanh layer outputs Σᵢ w′ᵢ·tanh(wᵢx + bᵢ) + b, the output bias counted once."""
    scale = np.abs(tanh_terms(layers, x)).sum(axis=1).max()
    return _off(y, tanh_recompose(layers, x), tolerance(scale), "not the sum of the terms plus the bias")


def centred_at_zero(layers) -> list[str]:
    """S7.2: every tanh unit of a fresh net (zero biases) is centred at x = 0."""
    found = centres(layers)
    return [] if np.all(found == 0) else [f"units centred at {found[found != 0][:5]}, not 0"]


def saturates_to(layers, x, hidden, levels: str) -> list[str]:
    """S7.3: where |wx + b| ≥ 5, the hidden activation (Keras's tanh) is within 1 − tanh 5 of ±1 ("sign"),
    or, as the article has it ("zero or one"), within 0.01 of 0 or 1."""
    kernel, bias, _ = layers[0]
    argument = np.asarray(x, np.float64) * kernel[0] + bias
    far = np.abs(argument) >= SATURATED
    hidden = np.asarray(hidden, np.float64)
    if levels == "sign":
        gap = np.abs(hidden - np.sign(argument))[far]
        return [] if gap.max() <= SATURATION_GAP + tolerance(1.0) else [f"a far unit is {gap.max():.3g} from ±1"]
    near = (np.abs(hidden[far]) < 0.01) | (np.abs(hidden[far] - 1) < 0.01)
    return [] if np.all(near) else [f"{np.sum(~near)} saturated activations are near neither 0 nor 1"]


def straight_beyond(layers, outputs) -> tuple[list[str], float]:
    """S11.1: beyond its outermost breakpoints a ReLU net is straight and not flat; and its slope there.

    `outputs(x)` gives the net's outputs at a column x.
    """
    at = relu_breakpoints(layers)
    wrong, slope = [], 0.0
    for start, stop in ((at.max() + 0.01, at.max() + FAR), (at.min() - FAR, at.min() - 0.01)):
        x = np.linspace(float(start), float(stop), 1000).reshape(-1, 1)
        y = outputs(x)
        if not is_straight(y):
            wrong.append(f"not straight beyond x = {start:.2f}")
        slope = least_squares_line(x, y)[0]
        if abs(slope) <= 0.01:
            wrong.append(f"flat beyond x = {start:.2f}")
    return wrong, slope


def breakpoints_at_zero(layers, outputs) -> list[str]:
    """S11.2: a fresh ReLU net (zero biases) bends only at 0: 2 segments, each straight, the slope changing by Σ|wᵢ|·vᵢ."""
    at = relu_breakpoints(layers)
    if not np.array_equal(at, [0.0]) or relu_segments(layers, -3, 3) != 2:
        return [f"breakpoints at {at[:5]}, {relu_segments(layers, -3, 3)} segments on [−3, 3]"]
    slopes, wrong = [], []
    for start, stop in ((-3.0, -0.001), (0.001, 3.0)):
        x = np.linspace(start, stop, 1000).reshape(-1, 1)
        y = outputs(x)
        if not is_straight(y):
            wrong.append(f"not straight on [{start:g}, {stop:g}]")
        slopes.append(least_squares_line(x, y)[0])
    (change,) = relu_slope_changes(layers).values()
    if not abs(slopes[1] - slopes[0] - change) <= max(1e-4 * abs(change), tolerance(1.0)):
        wrong.append(f"the slope changes by {slopes[1] - slopes[0]:.6g} at 0, the weights say {change:.6g}")
    return wrong


def predict_is_the_forward_pass(predicted, forward) -> list[str]:
    """S10.4: model.predict's outputs equal the model called on all the points, to float32 round-off."""
    forward = np.asarray(forward, np.float64)
    return _off(predicted, forward, tolerance(np.abs(forward).max()), "model.predict is not the forward pass")
