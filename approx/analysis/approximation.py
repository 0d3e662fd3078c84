"""How well a trained net approximates its target, and where it misses (S2.5, S2.6, S5.2)."""

import numpy as np

from approx.article.targets import Grid, target
from approx.analysis.reading import predict
from approx.probes import dense


def residual(model, target_name: str, grid: Grid) -> np.ndarray:
    """prediction − target on the grid, as a flat float64 array."""
    x = grid.x()
    return np.ravel(predict(model, x) - target(target_name)(x))


def mse(model, target_name: str, grid: Grid) -> float:
    """Mean squared error on the grid: the loss the article trains on."""
    return float(np.mean(residual(model, target_name, grid) ** 2))


def rms_error_near(model, target_name: str, grid: Grid, places, radius: float) -> float:
    """RMS error over the grid points within `radius` of any of `places`."""
    x = np.ravel(grid.x())
    near = np.zeros(len(x), dtype=bool)
    for place in places:
        near |= np.abs(x - place) <= radius
    if not near.any():
        raise ValueError(f"no grid point lies within {radius} of {list(places)}")
    return float(np.sqrt(np.mean(residual(model, target_name, grid)[near] ** 2)))



def worst_window_share(model, target_name: str, grid: Grid, width: float) -> float:
    """The largest share of the squared error that any stretch of the grid `width` wide holds."""
    return dense.worst_window_share(residual(model, target_name, grid) ** 2, grid.step, width)
