"""§6 weight initialisation, §7 how it works and §8 beyond the training interval: tanh units, one by one."""

import numpy as np

from approx.analysis import decomposition, extrapolation
from approx.article import runs
from approx.article.targets import TRAINING_GRID, WIDE_GRID
from approx.probes import dense
from approx.statistics.measures.momentum import mse_tanh_momentum_on_hard
from approx.statistics.measures.registry import arm, measure, mse_of, ratio
from approx.training.session import train

mse_tanh_glorot_on_hard = mse_of(lambda seed: runs.tanh_momentum_on_hard(seed, "glorot_normal"))


mse_tanh_he_on_hard = mse_of(lambda seed: runs.tanh_momentum_on_hard(seed, "he_normal"))


mse_tanh_he_400_on_hard = mse_of(lambda seed: runs.tanh_momentum_on_hard(seed, "he_normal", 400))


glorot_gain = ratio(mse_tanh_momentum_on_hard, mse_tanh_glorot_on_hard,
                    "MSE of tanh(20) default init / glorot_normal on the hard function", between=(0.5, 2.5),
                    reader="tanh(20)'s error on the harder function with the default initialisation is {value:.2f}"
                           " times its error with glorot_normal",
                    why="no reliable effect either way, so bounded on both sides: a change that turns it into a real "
                    "gain or loss shows")


he_gain_over_glorot = ratio(mse_tanh_glorot_on_hard, mse_tanh_he_on_hard,
                            "MSE of tanh(20) glorot_normal / he_normal on the hard function", between=(0.7, 4.0),
                            reader="tanh(20)'s error on the harder function with glorot_normal is {value:.2f} times"
                                   " its error with he_normal",
                            why="a gain on most trainings, never a large loss nor a large gain: bounded on both sides")


he_gain = ratio(mse_tanh_momentum_on_hard, mse_tanh_he_on_hard,
                "MSE of tanh(20) default init / he_normal on the hard function", between=(0.7, 4.0),
                reader="tanh(20)'s error on the harder function with the default initialisation is {value:.2f} times"
                       " its error with he_normal",
                why="a gain on most trainings, never a large loss nor a large gain: bounded on both sides")


longer_training_gain = ratio(mse_tanh_he_on_hard, mse_tanh_he_400_on_hard,
                             "MSE of tanh(20) he_normal after 100 epochs / after 400", above=2.0,
                             reader="trained 400 epochs instead of 100, tanh(20) with he_normal makes an error"
                                    " {value:.0f} times smaller on the harder function",
                             why="'much better': the longer training at least halves the error")


ZONES = np.arange(-3, 4)  # six unit-wide zones across the training interval


@arm("interquartile range of the trained tanh(20) he_normal units' centres")
def centre_spread(seed):
    centres = decomposition.centres(train(runs.tanh_momentum_on_hard(seed, "he_normal")))
    low, high = np.percentile(centres, [25, 75])
    return float(high - low)


@measure("unit-wide zones of [-3, 3] holding a trained tanh unit's centre (of 6)", above=2.5, arms=(centre_spread,),
         reader="after training, the centres of tanh(20)'s units (he_normal), the x where each crosses zero, all at 0"
                " before, lie in {value:.0f} of the six unit-wide stretches of [−3, 3]", reader_rule="3 or more",
         why="at initialisation every centre sits at 0, in one zone; spread out means three zones of six at least")
def occupied_zones(seed):
    centres = decomposition.centres(train(runs.tanh_momentum_on_hard(seed, "he_normal")))
    counts, _ = np.histogram(centres, bins=ZONES)
    return float(np.count_nonzero(counts))


def every_unit(share: float) -> bool:
    """Whether a share of the units is all of them: how S7.2's "each" and S8.3's "all" are judged."""
    return share == 1.0


# S7.2: each unit's zone is small beside the domain, and the zones are distinct.
DOMAIN = TRAINING_GRID.stop - TRAINING_GRID.start
NARROW = DOMAIN / 2  # "small beside the domain": under half of it
APART = 0.05  # two centres closer than this share one place: a twentieth of a unit of x


@arm("widest transition 2/|w| of a trained tanh(20) he_normal unit")
def widest_transition(seed):
    return float(decomposition.transitions(train(runs.tanh_momentum_on_hard(seed, "he_normal"))).max())


@measure(f"share of trained tanh(20) he_normal units whose transition 2/|w| is under half of [-3, 3] ({NARROW:g})",
         above=0.5, arms=(widest_transition,),
         reader="{value:.0%} of tanh(20)'s units (he_normal) go from −1 to +1 within a zone narrower than half of"
                " [−3, 3]",
         why="'a small zone': most units' transition is narrow beside the domain; S7.2's erratum asks whether every"
             " unit's is")
def narrow_transitions(seed):
    return float(np.mean(decomposition.transitions(train(runs.tanh_momentum_on_hard(seed, "he_normal"))) < NARROW))


def _apart(seed: int) -> float:
    """The share of the trained he_normal tanh(20)'s units centred APART or more from every other unit."""
    return dense.apart(decomposition.centres(train(runs.tanh_momentum_on_hard(seed, "he_normal"))), APART)


@measure(f"share of trained tanh(20) he_normal units whose centre is {APART:g} or more from every other unit's",
         above=0.5, by_rate=True,
         reader="{value:.0%} of tanh(20)'s units (he_normal) are centred 0.05 or more away from every other unit",
         why="'its own zone': most units are centred apart from every other; at initialisation none is")
def distinct_centres(seed):
    return _apart(seed)


@measure(f"share of trained tanh(20) he_normal units centred within {APART:g} of another unit", above=0.0,
         reader="{value:.0%} of tanh(20)'s units (he_normal) are centred within 0.05 of another unit",
         reader_rule="more than 0%: at least one pair shares a centre",
         why="some units share their place with another: one pair at least")
def shared_centres(seed):
    return 1.0 - _apart(seed)


@arm("MSE of tanh(20) he_normal beyond [-3, 3], to ±6")
def mse_tanh_he_outside(seed):
    model = train(runs.tanh_momentum_on_hard(seed, "he_normal"))
    return extrapolation.mse_outside(model, "hard", WIDE_GRID, TRAINING_GRID)


outside_error_ratio = ratio(mse_tanh_he_outside, mse_tanh_he_on_hard,
                            "MSE of tanh(20) he_normal beyond [-3, 3] (to ±6) / inside", above=100.0,
                            reader="beyond [−3, 3], out to ±6, tanh(20)'s error (he_normal) is {value:.0f} times larger"
                                   " than inside",
                            why="'grows far beyond': two orders of magnitude at least")


EDGES = ((-6.0, -5.0), (5.0, 6.0))  # the last unit of the wide grid on each side


@arm("steepest |slope| of tanh(20) he_normal on [5, 6] or [-6, -5]")
def edge_slope(seed):
    model = train(runs.tanh_momentum_on_hard(seed, "he_normal"))
    return max(abs(extrapolation.slope(model, a, b)) for a, b in EDGES)


@arm("RMS slope of tanh(20) he_normal inside [-3, 3]")
def inside_slope(seed):
    return extrapolation.rms_slope(train(runs.tanh_momentum_on_hard(seed, "he_normal")), TRAINING_GRID)


edge_flatness = ratio(edge_slope, inside_slope,
                      "steepest slope on [5, 6] or [-6, -5] / RMS slope inside [-3, 3]", below=0.1,
                      reader="near ±6, tanh(20) (he_normal) is almost flat: its slope there is {value:.1%} of its"
                             " typical slope inside [−3, 3]",
                      why="'flat': a tenth of the slope inside at most")


STILL = 0.01  # a unit whose slope is below this changes by under 1% of its range (2) per unit of x
PLOT_EDGE = WIDE_GRID.stop  # the end of the range In [191] plots, where S8.3's "all" is judged


def _still_at(seed: int, at: float) -> float:
    """The share of the trained he_normal tanh(20)'s units whose slope is under STILL at x = −at and x = at."""
    return dense.still_share(dense.read(train(runs.tanh_momentum_on_hard(seed, "he_normal"))), at, STILL)


@arm("share of tanh(20) he_normal units with slope < 0.01 at x = ±3.5")
def units_still_at_3_5(seed):
    return _still_at(seed, 3.5)


@arm("share of tanh(20) he_normal units with slope < 0.01 at x = ±4")
def units_still_at_4(seed):
    return _still_at(seed, 4.0)


@arm("share of tanh(20) he_normal units with slope < 0.01 at x = ±5")
def units_still_at_5(seed):
    return _still_at(seed, 5.0)


@arm("the |x| from which every tanh(20) he_normal unit has slope < 0.01")
def all_still_from(seed):
    return decomposition.still_from(train(runs.tanh_momentum_on_hard(seed, "he_normal")), STILL)


PROFILE = {3.5: units_still_at_3_5, 4.0: units_still_at_4, 5.0: units_still_at_5}  # S8.3's profile, up to ±6


@measure(f"share of tanh(20) he_normal units with slope < 0.01 at x = ±{PLOT_EDGE:g}", between=(0.5, 0.999),
         arms=(*PROFILE.values(), all_still_from),
         reader="{value:.0%} of tanh(20)'s units (he_normal) are flat, constant, at x = ±6",
         reader_rule="more than 50%, but not 100%",
         why="most units are still at the end of the plotted range, not all: under every unit (the article's 'all'),"
             " over half")
def units_still_at_plot_edge(seed):
    return _still_at(seed, PLOT_EDGE)
