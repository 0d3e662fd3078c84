"""The functions the article approximates, and the grids it samples them on.

A target is a named function of x; a grid is the set of x values a network
is trained or evaluated on (In [2] and In [191]).
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Grid:
    """`points` evenly spaced values on [start, stop], as a (points, 1) column."""

    start: float
    stop: float
    points: int

    def __post_init__(self):
        if not self.start < self.stop:
            raise ValueError(f"a grid needs start < stop, got [{self.start}, {self.stop}]")
        if isinstance(self.points, bool) or not isinstance(self.points, int) or self.points < 2:
            raise ValueError(f"a grid needs at least 2 points, got {self.points!r}")

    def x(self) -> np.ndarray:
        return np.linspace(self.start, self.stop, self.points).reshape(-1, 1)

    @property
    def step(self) -> float:
        return (self.stop - self.start) / (self.points - 1)

    def __str__(self):
        return f"{self.points} points on [{self.start:g}, {self.stop:g}]"


TRAINING_GRID = Grid(-3.0, 3.0, 1000)  # In [2]
WIDE_GRID = Grid(-6.0, 6.0, 2000)  # In [191]: the code's grid, not its comment's


@dataclass(frozen=True)
class Target:
    name: str
    formula: str
    function: Callable[[np.ndarray], np.ndarray]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.function(np.asarray(x, dtype=np.float64))

    def __str__(self):
        return f"{self.name}: y = {self.formula}"


def _hard_as_written(x):
    # In [110] tests `np.any(x) < 0`: a bool compared with 0 is never true,
    # so the else branch runs for every x, negative ones included (S4.1).
    return -x * np.sin(np.pi * x) + np.exp(x / 2) - 1


def _hard_as_intended(x):
    # The piecewise function the author meant: x·sin 2πx left of zero.
    return np.where(x < 0, x * np.sin(2 * np.pi * x), _hard_as_written(x))


TARGETS = {
    t.name: t
    for t in (
        Target("line", "2x + 5", lambda x: 2 * x + 5),  # In [3]
        Target("sine", "2 sin x + 5", lambda x: 2 * np.sin(x) + 5),  # In [14]
        Target("hard", "-x sin(pi x) + e^(x/2) - 1", _hard_as_written),  # In [110], as run
        Target("hard_intended", "x sin(2 pi x) if x < 0 else -x sin(pi x) + e^(x/2) - 1",
               _hard_as_intended),
        Target("fast_sine", "2 sin 4x + 5", lambda x: 2 * np.sin(4 * x) + 5),  # S11.4
    )
}


def target(name: str) -> Target:
    """The target called `name`; a ValueError lists the known ones."""
    try:
        return TARGETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown target {name!r}; known targets: {', '.join(TARGETS)}") from None
