"""The shape of a target on a grid: where it bends, how wide its plateaus are, how evenly it changes (S4.3, S5.2).

These read the functions themselves, not a trained net: they are facts about
the article's targets, checked with numpy.
"""

import numpy as np

from approx.article.targets import Grid, target

PLATEAU = 0.1  # a plateau is where the slope is under this share of the function's steepest slope


def _slope(target_name: str, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    x = np.ravel(grid.x())
    return x, np.gradient(target(target_name)(x), x)


def bends(target_name: str, grid: Grid) -> tuple[float, ...]:
    """The x of each local extremum inside the grid: where the slope changes sign."""
    x, slope = _slope(target_name, grid)
    turns = np.flatnonzero(np.sign(slope[1:]) != np.sign(slope[:-1]))
    return tuple(float((x[i] + x[i + 1]) / 2) for i in turns)


def widest_plateau(target_name: str, grid: Grid) -> float:
    """The widest stretch of x on which |slope| stays under PLATEAU of its largest value on the grid."""
    x, slope = _slope(target_name, grid)
    flat = np.abs(slope) < PLATEAU * np.abs(slope).max()
    widest = run = 0
    for is_flat in flat:
        run = run + 1 if is_flat else 0
        widest = max(widest, run)
    return widest * grid.step


def unevenness(target_name: str, grid: Grid) -> float:
    """The steepest |slope| over the mean |slope|: π/2 for a whole number of sine periods, more for uneven change."""
    _, slope = _slope(target_name, grid)
    return float(np.abs(slope).max() / np.abs(slope).mean())
