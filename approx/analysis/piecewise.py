"""Piecewise-linear functions, as ReLU networks make them (S2.3, S2.4, S11).

A 1 → n → 1 ReLU net outputs Σᵢ vᵢ·max(0, wᵢx + bᵢ) + c. Unit i is linear on
each side of x = −bᵢ/wᵢ, so the output's slope can change only there: n
units give at most n breakpoints and n + 1 segments (straight parts between
breakpoints). From samples, a straight line has zero second differences; a
breakpoint shows as a non-zero one in the grid cells around it.
"""

import numpy as np

from approx.analysis.reading import dense_weights
from approx.probes import dense

# Exact reading from the weights, and what evenly spaced samples show (approx.probes.dense: one definition).
second_differences = dense.second_differences
straightness_tolerance = dense.straightness_tolerance
is_straight = dense.is_straight
segments_from_samples = dense.segments_from_samples


def breakpoints(model) -> np.ndarray:
    """Sorted x where a 1 → n → 1 net's slope can change: −bᵢ/wᵢ of every unit that counts (used, not flat)."""
    return dense.relu_breakpoints(dense_weights(model))


def recompose(model, x: np.ndarray) -> np.ndarray:
    """Σᵢ vᵢ·max(0, wᵢx + bᵢ) + c from the weights, in float64, as a column: what a ReLU net must output."""
    return dense.relu_recompose(dense_weights(model), x)


def slope_changes(model) -> dict[float, float]:
    """For each breakpoint, how much the slope changes there (right minus left)."""
    return dense.relu_slope_changes(dense_weights(model))


def segments(model, start: float, stop: float) -> int:
    """Segments of a 1 → n → 1 net on [start, stop]: 1 + breakpoints inside where the slope changes."""
    return dense.relu_segments(dense_weights(model), start, stop)


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
    """Breakpoints of a ReLU stack (any depth, linear output) on (start, stop), exactly, from its weights."""
    return dense.stack_breakpoints(dense_weights(model), start, stop)
