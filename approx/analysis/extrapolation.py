"""What a net does outside the interval it was trained on (In [191], S8, S11.1)."""

import numpy as np

from approx.analysis.linear import least_squares_line
from approx.article.targets import Grid, target
from approx.analysis.reading import predict
from approx.probes import dense


def slope(f, start: float, stop: float, points: int = 200) -> float:
    """Least-squares slope of f (a model or a callable on x columns) over [start, stop]."""
    x = Grid(start, stop, points).x()
    y = predict(f, x) if hasattr(f, "layers") else f(x)
    return least_squares_line(x, y)[0]


def outside(grid: Grid, inside: Grid) -> np.ndarray:
    """The points of `grid` that lie outside [inside.start, inside.stop], as a column."""
    x = grid.x()
    return x[(x[:, 0] < inside.start) | (x[:, 0] > inside.stop)]


def mse_outside(model, target_name: str, grid: Grid, inside: Grid) -> float:
    """Mean squared error on the points of `grid` beyond the training interval."""
    x = outside(grid, inside)
    return float(np.mean((predict(model, x) - target(target_name)(x)) ** 2))


def rms_slope(model, grid: Grid) -> float:
    """Root-mean-square of the model's slope over the grid, by finite differences."""
    return dense.rms_gradient(grid.x(), predict(model, grid.x()))
