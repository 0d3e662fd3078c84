import numpy as np
import pytest

from approx.article.targets import TARGETS, TRAINING_GRID, WIDE_GRID, Grid, target


def test_the_grids_are_the_articles():
    x = TRAINING_GRID.x()
    assert x.shape == (1000, 1) and x[0, 0] == -3 and x[-1, 0] == 3
    np.testing.assert_array_equal(x, np.linspace(-3, 3, 1000).reshape(-1, 1))
    assert WIDE_GRID.x().shape == (2000, 1) and WIDE_GRID.x()[0, 0] == -6
    assert TRAINING_GRID.step == pytest.approx(6 / 999)


@pytest.mark.parametrize("name, x, y", [
    ("line", 1.5, 8.0),
    ("sine", np.pi / 2, 7.0),
    ("hard", -1.0, -np.sin(np.pi) * 1 + np.exp(-0.5) - 1),  # the else branch, even for x < 0
    ("hard", 0.0, 0.0),
    ("hard_intended", -0.25, -0.25 * np.sin(-np.pi / 2)),
    ("hard_intended", 1.0, -np.sin(np.pi) + np.exp(0.5) - 1),
    ("fast_sine", np.pi / 8, 7.0),
])
def test_targets_compute_their_formulas(name, x, y):
    assert target(name)(np.array([[x]]))[0, 0] == pytest.approx(y, abs=1e-12)


def test_every_target_is_named_by_its_key():
    assert all(t.name == key for key, t in TARGETS.items())


@pytest.mark.parametrize("bad", ["cosine", "", None, 3])
def test_an_unknown_target_is_a_value_error_listing_the_known_ones(bad):
    with pytest.raises(ValueError, match=r"unknown target .*known targets: line, sine, hard"):
        target(bad)


@pytest.mark.parametrize("start, stop, points, message", [
    (3, -3, 10, "start < stop"), (0, 0, 10, "start < stop"), (-1, 1, 1, "at least 2"),
    (-1, 1, 0, "at least 2"), (-1, 1, 2.5, "at least 2"), (-1, 1, True, "at least 2"),
])
def test_a_malformed_grid_is_a_value_error(start, stop, points, message):
    with pytest.raises(ValueError, match=message):
        Grid(start, stop, points)
