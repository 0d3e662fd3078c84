"""The article's figures, redrawn from trained models; each function returns a Figure.

Nothing here shows or saves a figure: whoever asks for one decides, and
closes it (matplotlib keeps every open figure alive otherwise).

Sizes are chosen for the report, which shows a figure at its natural size,
CSS_PX_PER_INCH CSS pixels to the inch (a CSS inch), and lets the browser
shrink it to a narrower column (a phone's PHONE_WIDTH). A figure is at most
MAX_WIDTH inches wide and its text TEXT_PT points, so that its smallest
text is MIN_TEXT_PX CSS pixels or more even when shrunk to a phone's
column (12 pt is 16 px at natural size, 11.2 px at 360 px wide).
"""

import matplotlib

matplotlib.use("Agg")  # headless: the figures go to files and reports, never to a window

import numpy as np  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import same_color  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from approx.analysis import decomposition, piecewise  # noqa: E402
from approx.article.targets import TRAINING_GRID, Grid, target  # noqa: E402
from approx.analysis.reading import predict  # noqa: E402

START_LINE = ((0, 5), (-2.5, 0))  # In [4]: y = x/2 − 2.5, an illustration; a Keras neuron starts with b = 0 (S10.3)
ARTICLE_LIMITS = ((-3.5, 6.0), (-3.5, 13.0))  # In [13]: xlim, ylim of the four panels
WIDE_LIMITS = ((-6.0, 6.0), (-6.0, 12.0))  # In [191], In [238]

CSS_PX_PER_INCH = 96  # the report shows a figure's inch as a CSS inch; Evidence.figure saves at 2× this
PHONE_WIDTH = 360  # CSS px: the narrowest column the report is read in
MIN_TEXT_PX = 11  # CSS px: the smallest text a reader should have to read, on a phone too
MAX_WIDTH = 5.2  # inches: 499 CSS px, about 510 saved with its margins; shrunk by 0.70 at most on a phone
TEXT_PT = 12.0  # ticks, legends, panel titles: 16 CSS px at natural size, 11.2 on a phone
TITLE_PT = 13.0
SINGLE = (MAX_WIDTH, 3.8)  # one panel, its title and a legend below it
PANELS = (MAX_WIDTH, 5.0)  # In [13]'s 2×2


def _figure(size) -> Figure:
    # Constrained layout keeps titles, tick labels and a legend placed
    # outside the axes inside the figure, so the width is the figure's.
    return Figure(figsize=size, layout="constrained")


def _axes(ax, ticks: int | None = None):
    """Tick labels at TEXT_PT; at most `ticks` intervals an axis, where the default would crowd a small panel."""
    ax.tick_params(labelsize=TEXT_PT)
    if ticks:
        ax.xaxis.set_major_locator(MaxNLocator(ticks, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(ticks, steps=[1, 2, 2.5, 5, 10]))
    return ax


def _data(ax, target_name: str, grid: Grid):
    x = grid.x()
    ax.scatter(x, target(target_name)(x), color="black", s=2, label=f"y = {target(target_name).formula}")


def _title(ax, title: str, size: float = TITLE_PT):
    # wrap=True breaks a long title at the figure's edges, where set_title alone would cut it
    ax.set_title(title, fontsize=size, wrap=True)


def _legend(fig: Figure):
    """The first axes' labelled artists, in a legend under the axes: it never hides the data.

    A white line (In [17]'s w·x + b, drawn over the blue network) gets a dark
    outline in the legend only, where it would otherwise be white on white.
    """
    for old in list(fig.legends):
        old.remove()
    handles, labels = fig.axes[0].get_legend_handles_labels()
    renderer = FigureCanvasAgg(fig).get_renderer()
    for columns in range(len(handles), 0, -1):  # as many to a row as the figure's width holds
        legend = fig.legend(handles, labels, loc="outside lower center", ncols=columns, fontsize=TEXT_PT,
                            frameon=False)
        if columns == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width:
            break
        legend.remove()
    for handle in legend.legend_handles:
        if isinstance(handle, PathCollection):
            handle.set_sizes([20])  # the data's dots, big enough in the legend to see their colour
        elif isinstance(handle, Line2D) and same_color(handle.get_color(), "white"):
            handle.set_path_effects([patheffects.withStroke(linewidth=handle.get_linewidth() + 2, foreground="0.2")])
    return legend


def _finish(fig: Figure, title: str, limits) -> Figure:
    """Title, optional (xlim, ylim), legend: the last touches every single-panel figure gets."""
    ax = fig.axes[0]
    if limits:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    _title(ax, title)
    _legend(fig)
    return fig


def start_line() -> Figure:
    """In [4]: an illustrative line, y = x/2 − 2.5, drawn before any training.

    Not a line a Keras neuron starts from: its bias starts at zero (S10.3),
    so its first line passes through the origin, and this one does not.
    """
    fig = _figure((MAX_WIDTH, 3.4))
    ax = _axes(fig.add_subplot(), ticks=6)
    ax.plot(*START_LINE)
    _title(ax, "an illustrative line (In [4])")
    return fig


PANEL_TITLES = ("the data", "In [4]'s line", "both", "the trained fit")


def four_panels(model, target_name: str, grid: Grid = TRAINING_GRID) -> Figure:
    """In [12]–[13]: the data, In [4]'s illustrative line, both, and the trained fit over the data.

    A 2×2, as the article draws it, in one column's width: the panels share
    their axes (they share the article's limits), so tick labels are drawn
    once per row and column, few of them, and each panel says what it holds.
    """
    fig = _figure(PANELS)
    x = grid.x()
    panels = fig.subplots(2, 2, sharex=True, sharey=True).ravel()
    _data(panels[0], target_name, grid)
    panels[1].plot(*START_LINE)
    panels[2].plot(*START_LINE)
    _data(panels[2], target_name, grid)
    _data(panels[3], target_name, grid)
    panels[3].plot(x, predict(model, x), color="magenta", linewidth=1.5)
    for ax, name in zip(panels, PANEL_TITLES):
        _axes(ax, ticks=4)
        ax.set_xlim(*ARTICLE_LIMITS[0])
        ax.set_ylim(*ARTICLE_LIMITS[1])
        _title(ax, name, TEXT_PT)
    return fig


def fit(model, target_name: str, grid: Grid = TRAINING_GRID, title: str = "", limits=None,
        line: tuple[float, float] | None = None) -> Figure:
    """In [17], [65], [67], [72], [76], [112], [126], [136], [153], [148], [238]: a fit over its data.

    `line=(w, b)` draws w·x + b thinly in white over the fit, as In [17] does to show the pair is (w, b).
    """
    fig = _figure(SINGLE)
    ax = _axes(fig.add_subplot(), ticks=6)
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
    ax.plot(inside, predict(model, np.reshape(inside, (-1, 1))), "o", color="red", markersize=5,
            label=f"{len(inside)} breakpoints")
    _legend(fig)
    return fig


def decomposed(model, target_name: str, grid: Grid = TRAINING_GRID, title: str = "", limits=None) -> Figure:
    """In [178]–[180] and [191]: the fit and every tanh unit's term w′ᵢ·tanh(wᵢx + bᵢ).

    Unlike the article's helper, a term does not carry the output bias, and
    all units are drawn, not the first seven.
    """
    fig = _figure(SINGLE)
    ax = _axes(fig.add_subplot(), ticks=6)
    x = grid.x()
    _data(ax, target_name, grid)
    ax.plot(x, decomposition.terms(model, x), color="tab:blue", linewidth=0.8)
    ax.plot(x, predict(model, x), color="magenta", linewidth=2, label="network = Σ terms + b")
    for edge in (TRAINING_GRID.start, TRAINING_GRID.stop):
        ax.axvline(edge, color="grey", linestyle=":", linewidth=1)
    return _finish(fig, title, limits)
