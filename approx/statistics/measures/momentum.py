"""§3 momentum, §4 a harder function and §5 tanh: what Nesterov and tanh buy, and where."""

from approx.article import runs
from approx.article.targets import TRAINING_GRID
from approx.statistics.measures.neurons import BENDS, MIDDLE, mse_relu59_on_sine
from approx.statistics.measures.registry import error_near_of, measure, mse_of, ratio
from approx.training.session import train

mse_relu100_on_sine = mse_of("mse_relu100_on_sine", lambda seed: runs.relu_on_sine(100, seed))


mse_relu_momentum_on_sine = mse_of("mse_relu_momentum_on_sine", runs.relu_momentum_on_sine)


FIVE_TIMES = {"above": 5.0, "why": "'better' by a margin minibatch noise cannot make: five times"}

momentum_gain = ratio("momentum_gain", mse_relu59_on_sine, mse_relu_momentum_on_sine,
                      "MSE of ReLU(59) plain SGD / ReLU(100) Nesterov on the sine", **FIVE_TIMES)

momentum_gain_same_width = ratio("momentum_gain_same_width", mse_relu100_on_sine, mse_relu_momentum_on_sine,
                                 "MSE of ReLU(100) plain SGD / ReLU(100) Nesterov on the sine", **FIVE_TIMES)


def _relu100(seed):
    return runs.relu_on_sine(100, seed)


rms_relu100_near_bends = error_near_of("rms_relu100_near_bends", _relu100, BENDS, "±π/2")
rms_relu_momentum_near_bends = error_near_of("rms_relu_momentum_near_bends", runs.relu_momentum_on_sine, BENDS, "±π/2")

momentum_gain_at_bends = ratio("momentum_gain_at_bends", rms_relu100_near_bends, rms_relu_momentum_near_bends,
                               "RMS error near ±π/2 of ReLU(100) plain SGD / Nesterov", above=2.0,
                               why="'turns more smoothly at the bends': the error there halves at least")

rms_relu100_near_middle = error_near_of("rms_relu100_near_middle", _relu100, MIDDLE, "0")
rms_relu_momentum_near_middle = error_near_of("rms_relu_momentum_near_middle", runs.relu_momentum_on_sine, MIDDLE, "0")

momentum_gain_in_middle = ratio("momentum_gain_in_middle", rms_relu100_near_middle, rms_relu_momentum_near_middle,
                                "RMS error near 0 of ReLU(100) plain SGD / Nesterov", above=1.0,
                                why="shown beside the gain at the bends: momentum helps where the sine is straight too")


@measure("gain of Nesterov over plain SGD near ±π/2 / near 0, ReLU(100) on the sine", above=1.0, by_rate=True,
         arms=(rms_relu100_near_bends, rms_relu_momentum_near_bends, rms_relu100_near_middle,
               rms_relu_momentum_near_middle),
         why="momentum helps the bends more than the straight middle; the spec asks how often")
def momentum_bends_over_middle(seed):
    at_bends = rms_relu100_near_bends(seed) / rms_relu_momentum_near_bends(seed)
    return at_bends / (rms_relu100_near_middle(seed) / rms_relu_momentum_near_middle(seed))


# S4.2: the net that fit the sine meets its ceiling on the hard function.
mse_relu_momentum_on_hard = mse_of("mse_relu_momentum_on_hard", runs.relu_momentum_on_hard)


hard_over_sine = ratio("hard_over_sine", mse_relu_momentum_on_hard, mse_relu_momentum_on_sine,
                       "MSE of ReLU(100) Nesterov on the hard function / on the sine", above=100.0,
                       why="'hits its ceiling': two orders of magnitude at least")


# S5.1: a fifth of the neurons, with tanh, does better there.
mse_tanh_momentum_on_hard = mse_of("mse_tanh_momentum_on_hard", runs.tanh_momentum_on_hard)


tanh_over_relu = ratio("tanh_over_relu", mse_relu_momentum_on_hard, mse_tanh_momentum_on_hard,
                       "MSE of ReLU(100) / tanh(20), both Nesterov, on the hard function", above=1.0,
                       why="the claim itself: 'beats'")


