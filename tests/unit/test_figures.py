import numpy as np
import pytest
from matplotlib.figure import Figure

from approx.analysis import figures
from approx.article import nets
from approx.article.targets import WIDE_GRID


@pytest.fixture
def tanh3():
    model = nets.tanh_momentum(3).build()
    model.layers[0].set_weights([np.array([[1.0, -2.0, 0.5]]), np.array([0.5, 1.0, -1.0])])
    model.layers[1].set_weights([np.array([[2.0], [1.0], [-1.0]]), np.array([3.0])])
    return model


@pytest.fixture
def relu2():
    model = nets.relu_layer(2).build()
    model.layers[0].set_weights([np.array([[1.0, -1.0]]), np.array([-1.0, -1.0])])
    model.layers[1].set_weights([np.array([[1.0], [1.0]]), np.array([0.0])])
    return model


def test_the_four_panels_of_in_13(tanh3):
    fig = figures.four_panels(tanh3, "sine")
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    assert all(ax.get_xlim() == figures.ARTICLE_LIMITS[0] for ax in fig.axes)
    assert len(fig.axes[3].lines) == 1  # the trained fit, over the data


def test_a_fit_draws_data_and_network(tanh3):
    fig = figures.fit(tanh3, "hard", WIDE_GRID, "title", figures.WIDE_LIMITS)
    ax = fig.axes[0]
    assert ax.get_title() == "title" and len(ax.collections) == 1 and len(ax.lines) == 1
    assert ax.get_ylim() == figures.WIDE_LIMITS[1]


def test_the_decomposition_draws_every_unit_and_the_sum(tanh3):
    ax = figures.decomposed(tanh3, "hard").axes[0]
    assert len(ax.lines) == 3 + 1 + 2  # three terms, the network, two edges of [−3, 3]


def test_breakpoints_are_marked(relu2):
    ax = figures.breakpoints(relu2, "sine").axes[0]
    marks = ax.lines[-1]
    np.testing.assert_allclose(sorted(marks.get_xdata()), [-1, 1])


def test_the_start_line_of_in_4():
    assert figures.start_line().axes[0].lines[0].get_xdata().tolist() == [0, 5]


# How the report shows a figure: a 2× PNG, at its natural size on a laptop, shrunk to a phone's column.

import base64  # noqa: E402
import types  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from approx.plugin.claims import FIGURE_DPI, Evidence  # noqa: E402

EVERY_FIGURE = {
    "start_line": lambda tanh3, relu2: figures.start_line(),
    "four_panels": lambda tanh3, relu2: figures.four_panels(tanh3, "sine"),
    "fit": lambda tanh3, relu2: figures.fit(tanh3, "hard"),
    "fit_wide": lambda tanh3, relu2: figures.fit(tanh3, "hard", WIDE_GRID, limits=figures.WIDE_LIMITS),
    "fit_with_line": lambda tanh3, relu2: figures.fit(tanh3, "sine", line=(0.6194, 5.0012)),
    "breakpoints": lambda tanh3, relu2: figures.breakpoints(relu2, "sine"),
    "decomposed": lambda tanh3, relu2: figures.decomposed(tanh3, "hard", WIDE_GRID, limits=figures.WIDE_LIMITS),
}


def _saved(fig):
    """The record Evidence.figure keeps for `fig`."""
    item = types.SimpleNamespace(user_properties=[])
    Evidence(item).figure(fig, "a caption", cell="In [13]")
    (kind, record), = item.user_properties
    assert kind == "figure"
    return record


def _texts_pt(fig):
    """The font size, in points, of every piece of text the figure shows."""
    fig.draw_without_rendering()  # makes the tick labels
    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.fixture(params=sorted(EVERY_FIGURE))
def drawn(request, tanh3, relu2, monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("a figure function called plt.show"))
    before = plt.get_fignums()
    fig = EVERY_FIGURE[request.param](tanh3, relu2)
    assert plt.get_fignums() == before  # made without pyplot: nothing to close, nothing shown
    return fig


def test_every_figure_is_a_figure_never_shown(drawn):
    assert isinstance(drawn, Figure)


def test_a_saved_figure_is_a_2x_png_with_its_display_size(drawn):
    record = _saved(drawn)
    assert set(record) == {"caption", "cell", "mime", "width", "height", "data"}
    assert record["mime"] == "image/png" and FIGURE_DPI == 2 * figures.CSS_PX_PER_INCH
    png = base64.b64decode(record["data"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (record["width"], record["height"]) == tuple(-(-p // 2) for p in pixels)  # 2 image px per CSS px
    assert record["width"] <= figures.MAX_WIDTH * figures.CSS_PX_PER_INCH + 20  # the margins bbox_inches adds
    assert len(record["data"]) < 200_000  # forty of them stay well under 8 MB


def test_every_text_is_legible_on_a_laptop_and_on_a_phone(drawn):
    sizes = _texts_pt(drawn)
    width = _saved(drawn)["width"]
    css_px = min(sizes) * figures.CSS_PX_PER_INCH / 72  # at natural size: a figure's inch is a CSS inch
    assert css_px >= figures.MIN_TEXT_PX
    assert css_px * min(1.0, figures.PHONE_WIDTH / width) >= figures.MIN_TEXT_PX  # shrunk to a phone's column


def test_a_legend_fits_the_figure_and_hides_no_data(tanh3, relu2):
    for fig in (figures.breakpoints(relu2, "sine"), figures.fit(tanh3, "sine", line=(0.6194, 5.0012)),
                figures.decomposed(tanh3, "hard")):
        fig.draw_without_rendering()
        (legend,) = fig.legends
        assert fig.axes[0].get_legend() is None  # under the axes, not over the data
        assert legend.get_window_extent().width <= fig.bbox.width
        assert fig.bbox.contains(*legend.get_window_extent().p0) and fig.bbox.contains(*legend.get_window_extent().p1)


def test_in_17s_white_line_stays_white_and_shows_in_its_legend(tanh3):
    fig = figures.fit(tanh3, "sine", line=(0.6194, 5.0012))
    white = fig.axes[0].lines[-1]
    assert white.get_color() == "white" and not white.get_path_effects()  # over the blue line, as the article draws it
    (handle,) = [h for h in fig.legends[0].legend_handles if getattr(h, "get_color", lambda: None)() == "white"]
    (outline,) = handle.get_path_effects()
    assert outline._gc["foreground"] != "white"  # a dark edge around white, on the legend's white


def test_a_long_title_wraps_inside_the_figure(tanh3):
    title = "the network follows the data inside the training interval and wanders off outside it, " * 2
    fig = figures.fit(tanh3, "hard", title=title.strip())
    fig.draw_without_rendering()
    shown = fig.axes[0].title
    box = shown.get_window_extent()
    assert shown._get_wrapped_text().count("\n") >= 1
    assert box.x0 >= fig.bbox.x0 and box.x1 <= fig.bbox.x1 and box.y1 <= fig.bbox.y1


def test_the_four_panels_share_their_axes_with_few_ticks(tanh3):
    fig = figures.four_panels(tanh3, "sine")
    fig.draw_without_rendering()
    assert [ax.get_title() for ax in fig.axes] == list(figures.PANEL_TITLES)
    for ax in fig.axes:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        assert len([t for t in ax.get_xticks() if x0 <= t <= x1]) <= 5
        assert len([t for t in ax.get_yticks() if y0 <= t <= y1]) <= 5
    upper_right = fig.axes[1]
    assert not any(t.get_visible() and t.get_text() for t in upper_right.get_yticklabels())  # labelled once a row
