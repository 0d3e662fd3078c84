"""The article's figures, redrawn from trained models; each function returns a Figure.

Nothing here shows or saves a figure: whoever asks for one decides, and
closes it (matplotlib keeps every open figure alive otherwise).
"""

import matplotlib

matplotlib.use("Agg")  # headless: the figures go to files and reports, never to a window

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from approx.analysis import decomposition, piecewise  # noqa: E402
from approx.article.targets import TRAINING_GRID, Grid, target  # noqa: E402
from approx.analysis.reading import predict  # noqa: E402

START_LINE = ((0, 5), (-2.5, 0))  # In [4]: y = x/2 − 2.5, an illustration; a Keras neuron starts with b = 0 (S10.3)
ARTICLE_LIMITS = ((-3.5, 6.0), (-3.5, 13.0))  # In [13]: xlim, ylim of the four panels
WIDE_LIMITS = ((-6.0, 6.0), (-6.0, 12.0))  # In [191], In [238]


def _data(ax, target_name: str, grid: Grid):
    x = grid.x()
    ax.scatter(x, target(target_name)(x), color="black", s=2, label=f"y = {target(target_name).formula}")


def _finish(fig: Figure, title: str, limits) -> Figure:
    """Title, optional (xlim, ylim), legend: the last touches every single-panel figure gets."""
    ax = fig.axes[0]
    if limits:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize="small")
    return fig


def start_line() -> Figure:
    """In [4]: an illustrative line, y = x/2 − 2.5, drawn before any training.

    Not a line a Keras neuron starts from: its bias starts at zero (S10.3),
    so its first line passes through the origin, and this one does not.
    """
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(*START_LINE)
    ax.set_title("an illustrative line (In [4])")
    return fig


def four_panels(model, target_name: str, grid: Grid = TRAINING_GRID) -> Figure:
    """In [12]–[13]: the data, In [4]'s illustrative line, both, and the trained fit over the data."""
    fig = Figure(figsize=(8, 6))
    x = grid.x()
    panels = fig.subplots(2, 2).ravel()
    _data(panels[0], target_name, grid)
    panels[1].plot(*START_LINE)
    panels[2].plot(*START_LINE)
    _data(panels[2], target_name, grid)
    _data(panels[3], target_name, grid)
    panels[3].plot(x, predict(model, x), color="magenta", linewidth=1)
    for ax in panels:
        ax.set_xlim(*ARTICLE_LIMITS[0])
        ax.set_ylim(*ARTICLE_LIMITS[1])
    return fig


def fit(model, target_name: str, grid: Grid = TRAINING_GRID, title: str = "", limits=None,
        line: tuple[float, float] | None = None) -> Figure:
    """In [17], [65], [67], [72], [76], [112], [126], [136], [153], [148], [238]: a fit over its data.

    `line=(w, b)` draws w·x + b thinly over the fit, as In [17] does to show the pair is (w, b).
    """
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    x = grid.x()
    _data(ax, target_name, grid)
    ax.plot(x, predict(model, x), color="tab:blue", linewidth=4, label="network")
    if line is not None:
        ax.plot(x, line[0] * x + line[1], color="white", linewidth=1.5, label=f"{line[0]:.4g}·x + {line[1]:.4g}")
    return _finish(fig, title, limits)


def breakpoints(model, target_name: str, grid: Grid = TRAINING_GRID, title: str = "") -> Figure:
    """A ReLU fit with its breakpoints −bᵢ/wᵢ marked: where its segments meet."""
    fig = fit(model, target_name, grid, title)
    ax = fig.axes[0]
    inside = [k for k in piecewise.breakpoints(model) if grid.start <= k <= grid.stop]
    ax.plot(inside, predict(model, np.reshape(inside, (-1, 1))), "o", color="red", markersize=4,
            label=f"{len(inside)} breakpoints")
    ax.legend(loc="upper left", fontsize="small")
    return fig


def decomposed(model, target_name: str, grid: Grid = TRAINING_GRID, title: str = "", limits=None) -> Figure:
    """In [178]–[180] and [191]: the fit and every tanh unit's term w′ᵢ·tanh(wᵢx + bᵢ).

    Unlike the article's helper, a term does not carry the output bias, and
    all units are drawn, not the first seven.
    """
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    x = grid.x()
    _data(ax, target_name, grid)
    ax.plot(x, decomposition.terms(model, x), color="tab:blue", linewidth=0.8)
    ax.plot(x, predict(model, x), color="magenta", linewidth=2, label="network = Σ terms + b")
    for edge in (TRAINING_GRID.start, TRAINING_GRID.stop):
        ax.axvline(edge, color="grey", linestyle=":", linewidth=1)
    return _finish(fig, title, limits)
