"""§3 momentum, §4 a harder function and §5 tanh: what Nesterov and tanh buy, and where."""

import math

from approx.analysis import shape
from approx.analysis.approximation import worst_window_share
from approx.article import runs
from approx.article.targets import TRAINING_GRID
from approx.statistics.measures.neurons import BENDS, MIDDLE, mse_relu59_on_sine
from approx.statistics.measures.registry import error_near_of, measure, mse_of, ratio
from approx.training.session import train

mse_relu100_on_sine = mse_of(lambda seed: runs.relu_on_sine(100, seed))


mse_relu_momentum_on_sine = mse_of(runs.relu_momentum_on_sine)


FIVE_TIMES = {"above": 5.0, "why": "'better' by a margin minibatch noise cannot make: five times"}

momentum_gain = ratio(mse_relu59_on_sine, mse_relu_momentum_on_sine,
                      "MSE of ReLU(59) plain SGD / ReLU(100) Nesterov on the sine",
                      reader="ReLU(100) with momentum makes an error on the sine {value:.0f} times smaller than"
                             " ReLU(59) without it", **FIVE_TIMES)

momentum_gain_same_width = ratio(mse_relu100_on_sine, mse_relu_momentum_on_sine,
                                 "MSE of ReLU(100) plain SGD / ReLU(100) Nesterov on the sine",
                                 reader="at the same width, momentum makes ReLU(100)'s error on the sine {value:.0f}"
                                        " times smaller", **FIVE_TIMES)


def _relu100(seed):
    return runs.relu_on_sine(100, seed)


rms_relu100_near_bends = error_near_of(_relu100, BENDS, "±π/2")
rms_relu_momentum_near_bends = error_near_of(runs.relu_momentum_on_sine, BENDS, "±π/2")

momentum_gain_at_bends = ratio(rms_relu100_near_bends, rms_relu_momentum_near_bends,
                               "RMS error near ±π/2 of ReLU(100) plain SGD / Nesterov", above=2.0,
                               reader="near the sine's bends (x = ±π/2), momentum makes ReLU(100)'s error {value:.2g}"
                                      " times smaller",
                               why="'turns more smoothly at the bends': the error there halves at least")

rms_relu100_near_middle = error_near_of(_relu100, MIDDLE, "0")
rms_relu_momentum_near_middle = error_near_of(runs.relu_momentum_on_sine, MIDDLE, "0")

momentum_gain_in_middle = ratio(rms_relu100_near_middle, rms_relu_momentum_near_middle,
                                "RMS error near 0 of ReLU(100) plain SGD / Nesterov", above=1.0,
                                reader="near the sine's nearly straight middle (x = 0), momentum makes ReLU(100)'s"
                                       " error {value:.1f} times smaller",
                                why="shown beside the gain at the bends: momentum helps where the sine is straight too")


@measure("gain of Nesterov over plain SGD near ±π/2 / near 0, ReLU(100) on the sine", above=1.0, by_rate=True,
         arms=(rms_relu100_near_bends, rms_relu_momentum_near_bends, rms_relu100_near_middle,
               rms_relu_momentum_near_middle),
         reader="momentum shrinks ReLU(100)'s error {value:.1f} times as much near the sine's bends (x = ±π/2) as near"
                " its nearly straight middle (x = 0)",
         why="momentum helps the bends more than the straight middle; the spec asks how often")
def momentum_bends_over_middle(seed):
    at_bends = rms_relu100_near_bends(seed) / rms_relu_momentum_near_bends(seed)
    return at_bends / (rms_relu100_near_middle(seed) / rms_relu_momentum_near_middle(seed))


# S4.2: the net that fit the sine meets its ceiling on the hard function.
mse_relu_momentum_on_hard = mse_of(runs.relu_momentum_on_hard)


hard_over_sine = ratio(mse_relu_momentum_on_hard, mse_relu_momentum_on_sine,
                       "MSE of ReLU(100) Nesterov on the hard function / on the sine", above=100.0,
                       reader="ReLU(100) with momentum makes an error {value:,.0f} times larger on the harder function"
                              " than on the sine",
                       why="'hits its ceiling': two orders of magnitude at least")


# S5.1: a fifth of the neurons, with tanh, does better there.
mse_tanh_momentum_on_hard = mse_of(runs.tanh_momentum_on_hard)


tanh_over_relu = ratio(mse_relu_momentum_on_hard, mse_tanh_momentum_on_hard,
                       "MSE of ReLU(100) / tanh(20), both Nesterov, on the hard function", above=1.0,
                       reader="on the harder function, tanh(20)'s error is {value:.1f} times smaller than ReLU(100)'s,"
                              " both with momentum",
                       why="the claim itself: 'beats'")


# S5.2: where tanh(20) got better, and what it still misses.
HARD_BENDS = shape.bends("hard", TRAINING_GRID)
AT_A_BEND = 0.25  # the hard function's bends lie 0.5 to 1 apart: a quarter on each side keeps them apart

rms_tanh_near_hard_bends = error_near_of(runs.tanh_momentum_on_hard, HARD_BENDS,
                                         "the hard function's bends", AT_A_BEND)
rms_relu_momentum_near_hard_bends = error_near_of(runs.relu_momentum_on_hard,
                                                  HARD_BENDS, "the hard function's bends", AT_A_BEND)

tanh_gain_at_bends = ratio(rms_relu_momentum_near_hard_bends, rms_tanh_near_hard_bends,
                           "RMS error near the hard function's bends of ReLU(100) / tanh(20), both Nesterov",
                           above=1.0, why="the claim itself: 'better at the bends'",
                           reader="near the harder function's bends (its peaks and troughs), tanh(20)'s error is"
                                  " {value:.1f} times smaller than ReLU(100)'s, both with momentum")

WINDOW = 1.0  # a sixth of the training interval: a part of the function, not the whole of it


@measure("share of tanh(20)'s squared error on the hard function that lies in its worst window a unit wide",
         above=0.5, arms=(mse_tanh_momentum_on_hard,),
         reader="{value:.0%} of tanh(20)'s error on the harder function lies in one stretch a unit wide (a sixth of"
                " [−3, 3])",
         why="'part of the function went unseen': one window of six holds most of the error, more than half")
def tanh_worst_window_share(seed):
    made = runs.tanh_momentum_on_hard(seed)
    return worst_window_share(train(made), made.target, made.grid, WINDOW)


# S4.2: the ceiling. Doubling the budget closes a small share of the hard function's gap to the sine.
mse_relu_momentum_200_on_hard = mse_of(lambda seed: runs.relu_momentum_on_hard(seed, epochs=200))
mse_relu200_momentum_on_hard = mse_of(lambda seed: runs.relu_momentum_on_hard(seed, width=200))

A_SMALL_SHARE = {"below": 0.2, "why": "'the ceiling': doubling the budget closes a fifth of the gap at most, in"
                                      " orders of magnitude"}


def _share_of_gap(before: float, after: float, seed: int) -> float:
    """log(before / after) over log(the hard function's MSE / the sine's): how much of the gap a change closes."""
    return math.log(before / after) / math.log(hard_over_sine(seed))


@measure("orders of magnitude 200 epochs in place of 100 take off ReLU(100)'s error on the hard function, as a"
         " share of the orders between its error there and on the sine",
         arms=(mse_relu_momentum_on_hard, mse_relu_momentum_200_on_hard, mse_relu_momentum_on_sine),
         reader="training 200 epochs instead of 100 takes ReLU(100)'s error on the harder function {value:.1%} of the"
                " way down to its error on the sine (counted in powers of ten)", **A_SMALL_SHARE)
def ceiling_by_epochs(seed):
    return _share_of_gap(mse_relu_momentum_on_hard(seed), mse_relu_momentum_200_on_hard(seed), seed)


@measure("orders of magnitude ReLU(200) in place of ReLU(100) takes off the error on the hard function, as a share"
         " of the orders between ReLU(100)'s error there and on the sine",
         arms=(mse_relu_momentum_on_hard, mse_relu200_momentum_on_hard, mse_relu_momentum_on_sine),
         reader="ReLU(200) instead of ReLU(100) takes the error on the harder function {value:.1%} of the way down to"
                " ReLU(100)'s error on the sine (counted in powers of ten)", **A_SMALL_SHARE)
def ceiling_by_width(seed):
    return _share_of_gap(mse_relu_momentum_on_hard(seed), mse_relu200_momentum_on_hard(seed), seed)


