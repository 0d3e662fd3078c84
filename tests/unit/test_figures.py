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
