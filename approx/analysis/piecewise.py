"""Piecewise-linear functions, as ReLU networks make them (S2.3, S2.4, S11).

A 1 → n → 1 ReLU net outputs Σᵢ vᵢ·max(0, wᵢx + bᵢ) + c. Unit i is linear on
each side of x = −bᵢ/wᵢ, so the output's slope can change only there: n
units give at most n breakpoints and n + 1 segments (straight parts between
breakpoints). From samples, a straight line has zero second differences; a
breakpoint shows as a non-zero one in the grid cells around it.
"""

import numpy as np

from approx.analysis.reading import dense_weights, one_hidden_layer
from approx.analysis.roundoff import tolerance


def breakpoints(model) -> np.ndarray:
    """Sorted x where a 1 → n → 1 net's slope can change: −bᵢ/wᵢ of every unit that counts.

    A unit with wᵢ = 0 is constant and one with vᵢ = 0 is unused: neither
    changes the output's slope. Several units may share a breakpoint; it is
    listed once.
    """
    w, b, v, _ = one_hidden_layer(model, "relu")
    counts = (w != 0) & (v != 0)
    return np.unique(-b[counts] / w[counts])


def recompose(model, x: np.ndarray) -> np.ndarray:
    """Σᵢ vᵢ·max(0, wᵢx + bᵢ) + c from the weights, in float64, as a column: what a ReLU net must output."""
    w, b, v, c = one_hidden_layer(model, "relu")
    return (np.maximum(0.0, np.ravel(x)[:, None] * w + b) @ v + c).reshape(-1, 1)


def slope_changes(model) -> dict[float, float]:
    """For each breakpoint, how much the slope changes there (right minus left)."""
    w, b, v, _ = one_hidden_layer(model, "relu")
    changes: dict[float, float] = {}
    for wi, bi, vi in zip(w, b, v):
        if wi != 0 and vi != 0:
            x0 = float(-bi / wi)
            changes[x0] = changes.get(x0, 0.0) + abs(wi) * vi  # the unit switches on (or off) there
    return changes


def segments(model, start: float, stop: float) -> int:
    """Segments of a 1 → n → 1 net on [start, stop]: 1 + breakpoints inside where the slope changes."""
    inside = [x0 for x0, change in slope_changes(model).items() if start < x0 < stop and abs(change) > 0]
    return 1 + len(inside)


def second_differences(y: np.ndarray) -> np.ndarray:
    """y[i-1] − 2y[i] + y[i+1]: zero wherever samples on an even grid lie on one line."""
    y = np.ravel(y).astype(np.float64)
    return y[:-2] - 2 * y[1:-1] + y[2:]


def straightness_tolerance(y: np.ndarray) -> float:
    """Largest |Δ²y| float32 round-off alone can make: three values summed with weights 1, 2, 1."""
    return 4 * tolerance(np.abs(y).max())


def is_straight(y: np.ndarray) -> bool:
    """Do evenly spaced float32 samples lie on one line, up to round-off?"""
    return bool(np.abs(second_differences(y)).max() <= straightness_tolerance(y))


def segments_from_samples(y: np.ndarray, tolerance: float) -> int:
    """Segments seen in evenly spaced samples: 1 + runs of |Δ²y| above tolerance.

    A breakpoint between two samples lights up one or two neighbouring second
    differences; a run of them counts as one breakpoint.
    """
    off_line = np.abs(second_differences(y)) > tolerance
    starts = off_line & ~np.concatenate([[False], off_line[:-1]])
    return 1 + int(starts.sum())


def segment_bound(widths: tuple[int, ...]) -> int:
    """Most segments a 1-D ReLU stack of these widths can make: Π (nₗ + 1).

    Each unit of layer l is affine on every segment left by the layers below,
    so it can split each of them once.
    """
    bound = 1
    for width in widths:
        bound *= width + 1
    return bound


def stack_breakpoints(model, start: float, stop: float) -> np.ndarray:
    """Breakpoints of a ReLU stack (any depth, linear output) on (start, stop), exactly.

    Walks up the layers keeping, for each segment of the x axis, every unit's
    pre-activation as an affine map a·x + c; where one crosses zero inside a
    segment, that segment splits. Returns the interior breakpoints, sorted.
    """
    # A segment: (left, right, slope row, intercept row) of the current layer's inputs.
    parts = [(start, stop, np.ones(1), np.zeros(1))]
    for layer in dense_weights(model):
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
    # Keep only the edges where the output's slope really changes.
    slopes = np.array([s[0] for _, _, s, _ in parts])
    edges = np.array([hi for _, hi, _, _ in parts[:-1]])
    return edges[~np.isclose(slopes[:-1], slopes[1:], rtol=0, atol=1e-12)]
