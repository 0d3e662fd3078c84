"""§3 momentum, §4 a harder function and §5 tanh: what Nesterov and tanh buy, and where."""

from approx.analysis.approximation import rms_error_near
from approx.article import runs
from approx.article.targets import TRAINING_GRID
from approx.statistics.measures.neurons import BENDS, MIDDLE, NEAR, mse_relu59_on_sine
from approx.statistics.measures.registry import arm, measure, mse_arm, ratio
from approx.training.session import train

mse_relu100_on_sine = mse_arm(
    "mse_relu100_on_sine", "MSE of ReLU(100), plain SGD, on the sine",
    lambda seed: runs.relu_on_sine(100, seed))


mse_relu_momentum_on_sine = mse_arm(
    "mse_relu_momentum_on_sine", "MSE of ReLU(100), Nesterov, on the sine",
    lambda seed: runs.relu_momentum_on_sine(seed))


ratio("momentum_gain", mse_relu59_on_sine, mse_relu_momentum_on_sine,
      "MSE of ReLU(59) plain SGD / ReLU(100) Nesterov on the sine", above=5.0,
      why="'better' by a margin minibatch noise cannot make: five times")


ratio("momentum_gain_same_width", mse_relu100_on_sine, mse_relu_momentum_on_sine,
      "MSE of ReLU(100) plain SGD / ReLU(100) Nesterov on the sine", above=5.0,
      why="'better' by a margin minibatch noise cannot make: five times")


def _rms_relu100_near(seed, places, momentum):
    run = runs.relu_momentum_on_sine(seed) if momentum else runs.relu_on_sine(100, seed)
    return rms_error_near(train(run), "sine", TRAINING_GRID, places, NEAR)


@arm("RMS error of ReLU(100), plain SGD, on the sine within 0.5 of ±π/2")
def rms_relu100_near_bends(seed):
    return _rms_relu100_near(seed, BENDS, momentum=False)


@arm("RMS error of ReLU(100), Nesterov, on the sine within 0.5 of ±π/2")
def rms_relu_momentum_near_bends(seed):
    return _rms_relu100_near(seed, BENDS, momentum=True)


@arm("RMS error of ReLU(100), plain SGD, on the sine within 0.5 of 0")
def rms_relu100_near_middle(seed):
    return _rms_relu100_near(seed, MIDDLE, momentum=False)


@arm("RMS error of ReLU(100), Nesterov, on the sine within 0.5 of 0")
def rms_relu_momentum_near_middle(seed):
    return _rms_relu100_near(seed, MIDDLE, momentum=True)


ratio("momentum_gain_at_bends", rms_relu100_near_bends, rms_relu_momentum_near_bends,
      "RMS error near ±π/2 of ReLU(100) plain SGD / Nesterov", above=2.0,
      why="'turns more smoothly at the bends': the error there halves at least")


ratio("momentum_gain_in_middle", rms_relu100_near_middle, rms_relu_momentum_near_middle,
      "RMS error near 0 of ReLU(100) plain SGD / Nesterov", above=1.0,
      why="shown beside the gain at the bends: momentum helps where the sine is straight too")


@measure("gain of Nesterov over plain SGD near ±π/2 / near 0, ReLU(100) on the sine", above=1.0, by_rate=True,
         arms=(rms_relu100_near_bends, rms_relu_momentum_near_bends, rms_relu100_near_middle,
               rms_relu_momentum_near_middle),
         why="momentum helps the bends more than the straight middle; the spec asks how often")
def momentum_bends_over_middle(seed):
    at_bends = rms_relu100_near_bends(seed) / rms_relu_momentum_near_bends(seed)
    return at_bends / (rms_relu100_near_middle(seed) / rms_relu_momentum_near_middle(seed))


mse_relu_momentum_on_hard = mse_arm(
    "mse_relu_momentum_on_hard", "MSE of ReLU(100), Nesterov, on the hard function",
    lambda seed: runs.relu_momentum_on_hard(seed))


ratio("hard_over_sine", mse_relu_momentum_on_hard, mse_relu_momentum_on_sine,
      "MSE of ReLU(100) Nesterov on the hard function / on the sine", above=100.0,
      why="'hits its ceiling': two orders of magnitude at least")


mse_tanh_momentum_on_hard = mse_arm(
    "mse_tanh_momentum_on_hard", "MSE of tanh(20), Nesterov, default init, on the hard function",
    lambda seed: runs.tanh_momentum_on_hard(seed))


ratio("tanh_over_relu", mse_relu_momentum_on_hard, mse_tanh_momentum_on_hard,
      "MSE of ReLU(100) / tanh(20), both Nesterov, on the hard function", above=1.0,
      why="the claim itself: 'beats'")


