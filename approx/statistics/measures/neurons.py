"""§1 the simplest network and §2 more neurons: the line, linear layers, ReLU segments and width."""

import numpy as np

from approx.analysis import linear
from approx.article import runs
from approx.article.targets import TRAINING_GRID, target
from approx.statistics.measures.registry import arm, error_near_of, measure, mse_of, ratio
from approx.training.session import train


def _sine_line():
    x = TRAINING_GRID.x()
    return linear.least_squares_line(x, target("sine")(x))


LINE = (2.0, 5.0)  # y = 2x + 5: the neuron lands on these to float32 round-off


@arm("w of one neuron after 100 epochs on 2x + 5", ulps_of=LINE[0])
def line_w(seed):
    return linear.collapse(train(runs.neuron_on_line(seed)))[0]


@arm("b of one neuron after 100 epochs on 2x + 5", ulps_of=LINE[1])
def line_b(seed):
    return linear.collapse(train(runs.neuron_on_line(seed)))[1]


@measure("max(|w − 2|, |b − 5|), one neuron, 100 epochs on 2x + 5", below=1e-4, arms=(line_w, line_b),
         ulps_of=max(LINE), reader="trained on y = 2x + 5, one neuron lands within {value:.1e} of w = 2 and b = 5",
         why="w and b land on 2 and 5 up to float32 noise; a ten-thousandth is far below any visible "
             "error and clear of every calibration seed")
def line_weight_error(seed):
    return max(abs(line_w(seed) - LINE[0]), abs(line_b(seed) - LINE[1]))


@arm("w of one neuron after 200 epochs on the sine")
def sine_w(seed):
    return linear.collapse(train(runs.neuron_on_sine(seed)))[0]


@arm("b of one neuron after 200 epochs on the sine")
def sine_b(seed):
    return linear.collapse(train(runs.neuron_on_sine(seed)))[1]


# S1.3's tolerance for "the least-squares line", shared by S2.2's "the same line"
ON_THE_LINE = {"below": 0.05, "why": "minibatch SGD keeps jittering around the least-squares solution; 0.05 is a"
                                     " small share of w (about 0.69) and clear of every calibration seed"}


def _gap_from_line(w: float, b: float) -> float:
    w_ls, b_ls = _sine_line()
    return max(abs(w - w_ls), abs(b - b_ls))


@measure("max distance of (w, b) from the least-squares line, 200 epochs on the sine", arms=(sine_w, sine_b),
         reader="trained 200 epochs on the sine, one neuron's w and b land within {value:.2g} of those of the"
                " linear-regression line", **ON_THE_LINE)
def sine_line_gap(seed):
    return _gap_from_line(sine_w(seed), sine_b(seed))


@arm("w of Dense(5, linear) → Dense(1), collapsed to one line, after 100 epochs on the sine")
def linear_layers_w(seed):
    return linear.collapse(train(runs.linear_layers_on_sine(seed)))[0]


@arm("b of Dense(5, linear) → Dense(1), collapsed to one line, after 100 epochs on the sine")
def linear_layers_b(seed):
    return linear.collapse(train(runs.linear_layers_on_sine(seed)))[1]


@measure("max distance of Dense(5, linear) → Dense(1)'s collapsed (w, b) from the least-squares line, 100 epochs"
         " on the sine", arms=(linear_layers_w, linear_layers_b), by_rate=True,
         reader="the two linear layers, Dense(5) then Dense(1), draw a line whose w and b are within {value:.2g} of"
                " those of the linear-regression line", **ON_THE_LINE)
def linear_layers_line_gap(seed):
    return _gap_from_line(linear_layers_w(seed), linear_layers_b(seed))


mse_linear_layers_on_sine = mse_of(runs.linear_layers_on_sine)


@measure("MSE of Dense(5, linear)+Dense(1) over the least-squares line's, minus 1", below=0.25,
         arms=(mse_linear_layers_on_sine,),
         reader="the two linear layers' error on the sine is {value:.1%} above the linear-regression line's",
         why="the stack reaches the line as the single neuron does; a quarter more than the line's MSE "
             "leaves room for slower convergence, not for a different function")
def linear_layers_excess(seed):
    x = TRAINING_GRID.x()
    w_ls, b_ls = _sine_line()
    best = float(np.mean((w_ls * x + b_ls - target("sine")(x)) ** 2))
    return mse_linear_layers_on_sine(seed) / best - 1


mse_relu3_on_sine = mse_of(lambda seed: runs.relu_on_sine(3, seed))


mse_relu59_on_sine = mse_of(lambda seed: runs.relu_on_sine(59, seed))


relu_width_gain = ratio(mse_relu3_on_sine, mse_relu59_on_sine,
                        "MSE of ReLU(3) / MSE of ReLU(59) on the sine", above=1.2,
                        reader="ReLU(59)'s error on the sine is {value:.0f} times smaller than ReLU(3)'s",
                        why="'more accurate' by a margin, not a tie: a fifth at least")


BENDS = (-np.pi / 2, np.pi / 2)  # where 2 sin x + 5 is least like a line
MIDDLE = (0.0,)  # where it is most like one, away from the ends
ENDS = (TRAINING_GRID.start, TRAINING_GRID.stop)


def _relu59(seed):
    return runs.relu_on_sine(59, seed)


rms_relu59_near_bends = error_near_of(_relu59, BENDS, "±π/2")
rms_relu59_near_middle = error_near_of(_relu59, MIDDLE, "0")
rms_relu59_near_ends = error_near_of(_relu59, ENDS, "±3")

CLEARLY_APART = {"above": 1.2, "why": "a clear difference between the regions, not a tie: a fifth at least"}

relu_bends_over_middle = ratio(rms_relu59_near_bends, rms_relu59_near_middle,
                               "RMS error of ReLU(59) within 0.5 of ±π/2 / within 0.5 of 0",
                               reader="ReLU(59)'s error near the sine's bends (x = ±π/2) is {value:.1f} times larger"
                                      " than near its nearly straight middle (x = 0)", **CLEARLY_APART)

relu_ends_over_bends = ratio(rms_relu59_near_ends, rms_relu59_near_bends,
                             "RMS error of ReLU(59) within 0.5 of ±3 / within 0.5 of ±π/2",
                             reader="ReLU(59)'s error near the ends of [−3, 3] is {value:.1f} times larger than near"
                                    " the sine's bends (x = ±π/2)", **CLEARLY_APART)


