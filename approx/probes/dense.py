"""What a stack of Dense layers computes, worked out from its weights and its outputs, in numpy alone.

The spec's analyses (approx.analysis) read a Keras model into Layers and hand
them here; `approx repro` copies this module, as it is, into a reproducer, so
a check means the same thing in the spec and in the script sent upstream.

A 1 → n → 1 net with activation σ outputs Σᵢ vᵢ·σ(wᵢx + bᵢ) + c. With ReLU,
each unit is linear on either side of x = −bᵢ/wᵢ, so the output can bend only
there; with tanh, each unit is centred there, and saturates to ±1 far from it.
Stacked linear layers compose: x·W₁ + b₁ fed to ·W₂ + b₂ is x·(W₁W₂) + (b₁W₂ + b₂).
"""

from typing import NamedTuple

import numpy as np

FLOAT32_EPS = float(np.finfo(np.float32).eps)  # 1.19e-7
ULPS = 64  # room for sums of a few hundred float32 terms with ordinary cancellation


class Layer(NamedTuple):
    """One Dense layer as float64 arrays: output = activation(x·kernel + bias)."""

    kernel: np.ndarray  # (inputs, units)
    bias: np.ndarray  # (units,)
    activation: str


def read(model) -> list[Layer]:
    """The model's Dense layers, input side first."""
    found = []
    for layer in model.layers:
        kernel, bias = layer.get_weights()
        found.append(Layer(np.asarray(kernel, np.float64), np.asarray(bias, np.float64), layer.activation.__name__))
    return found


def tolerance(scale: float) -> float:
    """How far float32 results whose terms are of size `scale` may stray from the same maths in float64."""
    return ULPS * FLOAT32_EPS * max(float(scale), 1.0)


def least_squares_line(x, y) -> tuple[float, float]:
    """(slope, intercept) minimising Σ (slope·x + intercept − y)², in float64."""
    x, y = np.ravel(x).astype(np.float64), np.ravel(y).astype(np.float64)
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean()) / (dx @ dx))
    return slope, float(y.mean() - slope * x.mean())


def collapse(layers: list[Layer]) -> tuple[float, float]:
    """(slope, intercept) of the single affine map a linear 1 → … → 1 stack computes."""
    slope, intercept = np.eye(1), np.zeros(1)
    for layer in layers:
        if layer.activation != "linear":
            raise ValueError(f"only linear layers collapse; found a {layer.activation} layer")
        slope, intercept = slope @ layer.kernel, intercept @ layer.kernel + layer.bias
    return float(slope[0, 0]), float(intercept[0])


def one_hidden_layer(layers: list[Layer], activation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(w, b, v, c) of a 1 → n → 1 net whose hidden layer uses `activation`: output Σᵢ vᵢ·act(wᵢx + bᵢ) + c."""
    shapes = [layer.kernel.shape for layer in layers]
    if len(layers) != 2 or shapes[0][0] != 1 or shapes[1][1] != 1:
        raise ValueError(f"expected a 1 → n → 1 net, got kernels of shapes {shapes}")
    hidden, out = layers
    if hidden.activation != activation:
        raise ValueError(f"expected a {activation} hidden layer, got {hidden.activation}")
    return hidden.kernel[0], hidden.bias, out.kernel[:, 0], float(out.bias[0])


# ReLU: straight segments between breakpoints.

def relu_breakpoints(layers: list[Layer]) -> np.ndarray:
    """Sorted x where a 1 → n → 1 ReLU net's slope can change: −bᵢ/wᵢ of every unit that is used and not flat."""
    w, b, v, _ = one_hidden_layer(layers, "relu")
    counts = (w != 0) & (v != 0)
    return np.unique(-b[counts] / w[counts])


def relu_recompose(layers: list[Layer], x) -> np.ndarray:
    """Σᵢ vᵢ·max(0, wᵢx + bᵢ) + c from the weights, in float64, as a column."""
    w, b, v, c = one_hidden_layer(layers, "relu")
    return (np.maximum(0.0, np.ravel(x)[:, None] * w + b) @ v + c).reshape(-1, 1)


def relu_slope_changes(layers: list[Layer]) -> dict[float, float]:
    """For each breakpoint, how much the slope changes there (right minus left)."""
    w, b, v, _ = one_hidden_layer(layers, "relu")
    changes: dict[float, float] = {}
    for wi, bi, vi in zip(w, b, v):
        if wi != 0 and vi != 0:
            x0 = float(-bi / wi)
            changes[x0] = changes.get(x0, 0.0) + abs(wi) * vi  # the unit switches on (or off) there
    return changes


def relu_segments(layers: list[Layer], start: float, stop: float) -> int:
    """Segments of a 1 → n → 1 ReLU net on [start, stop]: 1 + the breakpoints inside where the slope changes."""
    return 1 + sum(1 for x0, change in relu_slope_changes(layers).items() if start < x0 < stop and abs(change) > 0)


def stack_breakpoints(layers: list[Layer], start: float, stop: float) -> np.ndarray:
    """Breakpoints of a ReLU stack (any depth, linear output) on (start, stop), exactly.

    Walks up the layers keeping, for each segment of the x axis, every unit's
    pre-activation as an affine map a·x + c; where one crosses zero inside a
    segment, that segment splits. Returns the interior breakpoints, sorted.
    """
    parts = [(start, stop, np.ones(1), np.zeros(1))]  # (left, right, slope row, intercept row) of the inputs
    for layer in layers:
        affine = [(lo, hi, s @ layer.kernel, c @ layer.kernel + layer.bias) for lo, hi, s, c in parts]
        if layer.activation == "linear":
            parts = affine
            continue
        if layer.activation != "relu":
            raise ValueError(f"only ReLU and linear layers are piecewise linear, got {layer.activation}")
        parts = []
        for lo, hi, s, c in affine:
            with np.errstate(divide="ignore", invalid="ignore"):
                roots = -c / s
            splits = np.unique(roots[(s != 0) & (roots > lo) & (roots < hi)])
            edges = np.concatenate([[lo], splits, [hi]])
            for left, right in zip(edges[:-1], edges[1:]):
                on = (s * (left + right) / 2 + c) > 0
                parts.append((left, right, np.where(on, s, 0.0), np.where(on, c, 0.0)))
    slopes = np.array([s[0] for _, _, s, _ in parts])
    edges = np.array([hi for _, hi, _, _ in parts[:-1]])
    return edges[~np.isclose(slopes[:-1], slopes[1:], rtol=0, atol=1e-12)]  # only where the slope really changes


# Samples: what evenly spaced outputs show.

def second_differences(y) -> np.ndarray:
    """y[i-1] − 2y[i] + y[i+1]: zero wherever samples on an even grid lie on one line."""
    y = np.ravel(y).astype(np.float64)
    return y[:-2] - 2 * y[1:-1] + y[2:]


def straightness_tolerance(y) -> float:
    """Largest |Δ²y| float32 round-off alone can make: three values summed with weights 1, 2, 1."""
    return 4 * tolerance(np.abs(y).max())


def is_straight(y) -> bool:
    """Do evenly spaced float32 samples lie on one line, up to round-off?"""
    return bool(np.abs(second_differences(y)).max() <= straightness_tolerance(y))


def segments_from_samples(y, tolerance_: float) -> int:
    """Segments seen in evenly spaced samples: 1 + runs of |Δ²y| above the tolerance (a breakpoint lights one or two)."""
    off_line = np.abs(second_differences(y)) > tolerance_
    starts = off_line & ~np.concatenate([[False], off_line[:-1]])
    return 1 + int(starts.sum())


def worst_window_share(squared, step: float, width: float) -> float:
    """The largest share of a sum of squared errors on an even grid that any stretch `width` wide holds."""
    squared = np.ravel(squared)
    points = int(round(width / step)) + 1
    if points > len(squared):
        raise ValueError(f"a window {width} wide does not fit in {len(squared)} points {step} apart")
    total = np.concatenate([[0.0], np.cumsum(squared)])
    return float((total[points:] - total[:-points]).max() / total[-1])


def rms_gradient(x, y) -> float:
    """Root-mean-square of dy/dx by finite differences over samples at x."""
    return float(np.sqrt(np.mean(np.gradient(np.ravel(y), np.ravel(x)) ** 2)))


# tanh: one unit per zone.

def tanh_terms(layers: list[Layer], x) -> np.ndarray:
    """(len(x), n): column i is vᵢ·tanh(wᵢx + bᵢ), in float64 from the weights."""
    w, b, v, _ = one_hidden_layer(layers, "tanh")
    return v * np.tanh(np.ravel(x)[:, None] * w + b)


def tanh_recompose(layers: list[Layer], x) -> np.ndarray:
    """Σ terms + output bias, as a column: what the net should predict."""
    return (tanh_terms(layers, x).sum(axis=1) + one_hidden_layer(layers, "tanh")[3]).reshape(-1, 1)


def centres(layers: list[Layer]) -> np.ndarray:
    """x = −bᵢ/wᵢ, where each tanh unit is half way between its two saturation levels."""
    w, b, _, _ = one_hidden_layer(layers, "tanh")
    return -b / w


def transitions(layers: list[Layer]) -> np.ndarray:
    """2/|wᵢ|: the width in x over which each unit goes from −0.76 to +0.76 (its argument from −1 to 1)."""
    return 2 / np.abs(one_hidden_layer(layers, "tanh")[0])


def apart(centres_: np.ndarray, distance: float) -> float:
    """The share of units centred `distance` or more from every other unit."""
    gaps = np.diff(np.sort(centres_))
    nearest = np.minimum(np.concatenate([[np.inf], gaps]), np.concatenate([gaps, [np.inf]]))
    return float(np.mean(nearest >= distance))


def unit_slopes(layers: list[Layer], x) -> np.ndarray:
    """(len(x), n): |d tanh(wᵢx + bᵢ)/dx| = |wᵢ|·sech²(wᵢx + bᵢ), how fast each unit still changes at x."""
    w, b, _, _ = one_hidden_layer(layers, "tanh")
    return np.abs(w) / np.cosh(np.ravel(np.asarray(x, float))[:, None] * w + b) ** 2


def still_share(layers: list[Layer], at: float, slope: float) -> float:
    """The share of units whose slope is under `slope` at both x = −at and x = at."""
    return float(np.mean((unit_slopes(layers, (-at, at)) < slope).all(axis=0)))


def still_from(layers: list[Layer], slope: float) -> float:
    """The smallest distance D such that at every |x| ≥ D every unit's slope is under `slope`.

    Unit i's slope |wᵢ|·sech²(wᵢx + bᵢ) is under `slope` where its argument
    is beyond u = arccosh(√(|wᵢ|/slope)), that is outside the interval
    between (−u − bᵢ)/wᵢ and (u − bᵢ)/wᵢ; a unit with |wᵢ| ≤ `slope` is
    still everywhere.
    """
    w, b, _, _ = one_hidden_layer(layers, "tanh")
    moving = np.abs(w) > slope
    u = np.arccosh(np.sqrt(np.abs(w[moving]) / slope))
    ends = np.abs(np.concatenate([(u - b[moving]) / w[moving], (-u - b[moving]) / w[moving]]))
    return float(ends.max()) if ends.size else 0.0
