"""§8 Beyond the training domain (In [191]): the tanh net goes flat outside [−3, 3]."""

import pytest

from approx.analysis import figures
from approx.article import runs
from approx.article.targets import Grid, TRAINING_GRID, WIDE_GRID
from approx.statistics.calibration import committed
from approx.statistics.measures import tanh_units
from approx.training.session import train


@pytest.mark.claim("S8.1", cell="In [191]")
def test_outside_the_training_interval_the_error_grows_far_beyond_the_error_inside(over_seeds, seeds, evidence):
    """Outside [−3, 3] the tanh net's error grows far beyond its error inside.

    §8, In [191]. Checked on the trained he_normal tanh(20), every seed: MSE on
    the part of the [−6, 6] grid beyond ±3, over MSE on the training grid,
    clears the calibrated threshold.
    """
    evidence.figure(figures.decomposed(train(runs.tanh_momentum_on_hard(seeds[0], "he_normal")), "hard", WIDE_GRID,
                                       limits=figures.WIDE_LIMITS),
                    f"the tanh net and its terms on [−6, 6]; dotted: the training interval (seed {seeds[0]})",
                    cell="In [191]")
    over_seeds(tanh_units.outside_error_ratio)


@pytest.mark.claim("S8.1", cell="In [191]")
def test_outside_the_training_interval_the_tanh_net_goes_flat(over_seeds):
    """Outside [−3, 3] the tanh net goes flat: its slope near ±6 is a small share of its slope inside.

    §8, the paragraph after In [191] (unit by unit: S8.3). Checked on every seed:
    its steepest least-squares slope over [5, 6] or [−6, −5], over its RMS
    slope on [−3, 3], stays below the calibrated bound.
    """
    over_seeds(tanh_units.edge_flatness)


ALL_STILL, CALIBRATED = committed().count(tanh_units.units_still_at_plot_edge, tanh_units.every_unit)


@pytest.mark.claim("S8.3", cell="In [191]")
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason=f"even at ±{tanh_units.PLOT_EDGE:g}, the end of the range In [191] plots, some units still"
                          f" change on {CALIBRATED - ALL_STILL} of {CALIBRATED} reference trainings")
def test_article_all_tanh_units_are_constant_beyond_the_interval(usually):
    """Beyond the training interval every tanh unit has turned into a constant.

    §8, the paragraph after In [191], judged where its figure ends: at
    x = ±6, every unit of the trained he_normal tanh(20) changes by less
    than 0.01 per unit of x (under 1% of its range of 2), on most trainings.
    That the constants are near zero or one is S7.3's erratum (they are ±1).
    """
    usually(tanh_units.units_still_at_plot_edge, tanh_units.every_unit, "every unit was flat at ±6")


@pytest.mark.claim("S8.3", cell="In [191]", corrects=True)
def test_beyond_the_interval_most_tanh_units_are_constant_but_not_all(over_seeds, seeds, evidence):
    """Beyond the training interval most tanh units are constant, but some still change at the end of the plotted range.

    Correction of §8, the paragraph after In [191]. Checked on every seed:
    the share of units with slope under 0.01 at x = ±6 lies between the
    calibrated bounds, short of all of them. Shown beside it: the share at
    ±3.5, ±4 and ±5, and the |x| from which every unit is flat.
    """
    for at, share in tanh_units.PROFILE.items():
        evidence.number(f"share of units flat at ±{at:g}, seed {seeds[0]}", share(seeds[0]))
    evidence.number(f"share of units flat at ±{tanh_units.PLOT_EDGE:g}, seed {seeds[0]}",
                    tanh_units.units_still_at_plot_edge(seeds[0]))
    evidence.number(f"|x| from which every unit is flat, seed {seeds[0]}", tanh_units.all_still_from(seeds[0]))
    over_seeds(tanh_units.units_still_at_plot_edge)


@pytest.mark.claim("S8.2", cell="In [191]", evidence_kind="code")
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="the comment was copied from In [2]; the code makes 2000 points on [−6, 6]")
def test_article_in_191_samples_a_thousand_points_from_minus_3_to_3():
    """In [191]'s comment says the cell lays out a thousand points from −3 to 3.

    §8. Checked against the grid In [191]'s code makes.
    """
    assert WIDE_GRID == Grid(-3.0, 3.0, 1000)


@pytest.mark.claim("S8.2", cell="In [191]", corrects=True, evidence_kind="code")
def test_in_191_samples_2000_points_from_minus_6_to_6():
    """In [191] samples 2000 points on [−6, 6]: the training interval and as much again on each side.

    Correction of §8's comment. Checked on the wide grid: its ends, count, and
    that it covers [−3, 3] with 3 more on each side.
    """
    assert (WIDE_GRID.start, WIDE_GRID.stop, WIDE_GRID.points) == (-6.0, 6.0, 2000)
    assert WIDE_GRID.start == TRAINING_GRID.start - 3 and WIDE_GRID.stop == TRAINING_GRID.stop + 3
