"""The statistical claims, each as one number per seed and the rule it must meet, and the arms behind them.

A claim about training ("more neurons fit better") is checked as a measure:
a function of the seed that trains the article's runs and returns one number
(an error ratio, a distance, a count), with the rule that number must meet
and why the rule sits where it does. Each is defined once, below, by the
`@measure` decorator over its function, or, for a quotient, by `ratio`; the
spec test that uses it carries the claim's id. Most measures are made of
arms: the numbers a ratio divides (each MSE, each slope, each weight),
registered by `@arm`. An arm has no rule, but it has a distribution, so a
change in either side of a ratio shows even when the quotient stays put.

`approx calibrate` evaluates every measure and arm over many seeds and writes
what it saw to calibration/calibration.json. That file is both the evidence
behind every rule (tests/unit/test_calibration.py checks it still backs each
one) and the baseline of the pinned versions: approx.statistics.drift
compares each run's seeds with it, measure by measure, arm by arm.

Every rule is placed beyond the worst calibration seed with a margin, so a
claim that holds fails by chance less than once in a thousand runs; the
claim's strength shows in the calibration's median, which the report gives.

This list is the table of contents of the statistical part of the spec.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from approx.analysis import decomposition, extrapolation, linear, piecewise
from approx.analysis.approximation import mse, rms_error_near
from approx.analysis.gradients import first_layer_gradient
from approx.article import runs
from approx.article.nets import Net
from approx.article.targets import TRAINING_GRID, WIDE_GRID, target
from approx.training.session import current, train


@dataclass(frozen=True)
class Arm:
    """One number of a trained run per seed, with no rule of its own: a part of one or more measures."""

    name: str
    meaning: str
    compute: Callable[[int], float]
    ulps_of: float | None = None  # settled to round-off at this scale: judged in its float32 ulps, never by rank


@dataclass(frozen=True)
class Measure:
    """`compute(seed)` must be above (or below, or between) its threshold(s) for the claim to hold on that seed."""

    name: str
    meaning: str  # what the number is, in a phrase
    compute: Callable[[int], float]
    threshold: float
    above: bool = True
    upper: float | None = None  # with above: the value must also stay below this
    why: str = ""  # why the rule sits where it does
    arms: tuple[str, ...] = ()  # the arms it is made of, by name
    by_rate: bool = False  # the spec judges how often the rule holds (the `rate` fixture), not that it always does
    ulps_of: float | None = None  # settled to round-off at this scale: judged in its float32 ulps, never by rank

    def passes(self, value: float) -> bool:
        if not self.above:
            return value < self.threshold
        return value > self.threshold and (self.upper is None or value < self.upper)

    @property
    def rule(self) -> str:
        if self.upper is not None:
            return f"in ({self.threshold:g}, {self.upper:g})"
        return f"{'>' if self.above else '<'} {self.threshold:g}"


MEASURES: dict[str, Measure] = {}
ARMS: dict[str, Arm] = {}


def _register(key: str) -> None:
    if key in MEASURES or key in ARMS:
        raise ValueError(f"{key!r} is defined twice")


def arm(meaning: str, ulps_of: float | None = None):
    """Register the decorated function of the seed as an arm; measures name it in `arms=`."""

    def register(compute: Callable[[int], float]) -> Callable[[int], float]:
        _register(compute.__name__)
        ARMS[compute.__name__] = Arm(compute.__name__, meaning, compute, ulps_of)
        return compute

    return register


def measure(meaning: str, *, why: str, above: float | None = None, below: float | None = None,
            between: tuple[float, float] | None = None, name: str | None = None,
            arms: tuple[Callable[[int], float], ...] = (), by_rate: bool = False, ulps_of: float | None = None):
    """Register the decorated function of the seed as a measure with exactly one rule: above, below or between.

    `arms` are the registered arms it is computed from, so that each is
    recorded and compared with the baseline beside it.
    """
    if sum(rule is not None for rule in (above, below, between)) != 1:
        raise ValueError("a measure needs exactly one of above=, below=, between=")
    unknown = [a for a in arms if getattr(a, "__name__", None) not in ARMS]
    if unknown:
        raise ValueError(f"not registered arms: {unknown}")

    def register(compute: Callable[[int], float]) -> Callable[[int], float]:
        key = name or compute.__name__
        _register(key)
        if between is not None:
            rule = {"threshold": between[0], "upper": between[1]}
        else:
            rule = {"threshold": above if above is not None else below, "above": above is not None}
        MEASURES[key] = Measure(key, meaning, compute, why=why,
                                arms=tuple(a.__name__ for a in arms), by_rate=by_rate, ulps_of=ulps_of, **rule)
        return compute

    return register


def ratio(name: str, numerator: Callable[[int], float], denominator: Callable[[int], float], meaning: str,
          **rule) -> None:
    """Register the measure `name`: numerator(seed) / denominator(seed), its two arms, with `rule` as for `measure`."""
    measure(meaning, name=name, arms=(numerator, denominator), **rule)(
        lambda seed: numerator(seed) / denominator(seed))


def quantities() -> dict[str, Measure | Arm]:
    """Every measure and arm by name: what the baseline records and the drift test compares."""
    return {**MEASURES, **ARMS}


def round_off_only() -> dict[str, float]:
    """The names settled to float32 round-off, and the scale of their ulps (the drift test's `ulps_of`)."""
    return {name: q.ulps_of for name, q in quantities().items() if q.ulps_of is not None}


def _sine_line():
    x = TRAINING_GRID.x()
    return linear.least_squares_line(x, target("sine")(x))


# --- §1 the simplest network ---------------------------------------------------------

LINE = (2.0, 5.0)  # y = 2x + 5: the neuron lands on these to float32 round-off


@arm("w of one neuron after 100 epochs on 2x + 5", ulps_of=LINE[0])
def line_w(seed):
    return linear.collapse(train(runs.neuron_on_line(seed)))[0]


@arm("b of one neuron after 100 epochs on 2x + 5", ulps_of=LINE[1])
def line_b(seed):
    return linear.collapse(train(runs.neuron_on_line(seed)))[1]


@measure("max(|w − 2|, |b − 5|), one neuron, 100 epochs on 2x + 5", below=1e-4, arms=(line_w, line_b),
         ulps_of=max(LINE),
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


@measure("max distance of (w, b) from the least-squares line, 200 epochs on the sine", below=0.05,
         arms=(sine_w, sine_b),
         why="minibatch SGD keeps jittering around the least-squares solution; 0.05 is a small share of "
             "w (about 0.69) and clear of every calibration seed")
def sine_line_gap(seed):
    w_ls, b_ls = _sine_line()
    return max(abs(sine_w(seed) - w_ls), abs(sine_b(seed) - b_ls))


# --- §2 more neurons ---------------------------------------------------------------

@arm("MSE of Dense(5, linear)+Dense(1) on the sine")
def mse_linear_layers_on_sine(seed):
    return mse(train(runs.linear_layers_on_sine(seed)), "sine", TRAINING_GRID)


@measure("MSE of Dense(5, linear)+Dense(1) over the least-squares line's, minus 1", below=0.25,
         arms=(mse_linear_layers_on_sine,),
         why="the stack reaches the line as the single neuron does; a quarter more than the line's MSE "
             "leaves room for slower convergence, not for a different function")
def linear_layers_excess(seed):
    x = TRAINING_GRID.x()
    w_ls, b_ls = _sine_line()
    best = float(np.mean((w_ls * x + b_ls - target("sine")(x)) ** 2))
    return mse_linear_layers_on_sine(seed) / best - 1


@arm("MSE of ReLU(3), plain SGD, on the sine")
def mse_relu3_on_sine(seed):
    return mse(train(runs.relu_on_sine(3, seed)), "sine", TRAINING_GRID)


@arm("MSE of ReLU(59), plain SGD, on the sine")
def mse_relu59_on_sine(seed):
    return mse(train(runs.relu_on_sine(59, seed)), "sine", TRAINING_GRID)


ratio("relu_width_gain", mse_relu3_on_sine, mse_relu59_on_sine,
      "MSE of ReLU(3) / MSE of ReLU(59) on the sine", above=1.2,
      why="'far better' needs a clear gain, not a tie: a fifth at least")


BENDS = (-np.pi / 2, np.pi / 2)  # where 2 sin x + 5 is least like a line
MIDDLE = (0.0,)  # where it is most like one, away from the ends
ENDS = (TRAINING_GRID.start, TRAINING_GRID.stop)
NEAR = 0.5  # half-width of each region, in x


def _rms_near(seed, places):
    return rms_error_near(train(runs.relu_on_sine(59, seed)), "sine", TRAINING_GRID, places, NEAR)


@arm("RMS error of ReLU(59) on the sine within 0.5 of ±π/2")
def rms_relu59_near_bends(seed):
    return _rms_near(seed, BENDS)


@arm("RMS error of ReLU(59) on the sine within 0.5 of 0")
def rms_relu59_near_middle(seed):
    return _rms_near(seed, MIDDLE)


@arm("RMS error of ReLU(59) on the sine within 0.5 of ±3")
def rms_relu59_near_ends(seed):
    return _rms_near(seed, ENDS)


ratio("relu_bends_over_middle", rms_relu59_near_bends, rms_relu59_near_middle,
      "RMS error of ReLU(59) within 0.5 of ±π/2 / within 0.5 of 0", above=1.2,
      why="a clear difference between the regions, not a tie: a fifth at least")


ratio("relu_ends_over_bends", rms_relu59_near_ends, rms_relu59_near_bends,
      "RMS error of ReLU(59) within 0.5 of ±3 / within 0.5 of ±π/2", above=1.2,
      why="a clear difference between the regions, not a tie: a fifth at least")




# --- §3 momentum, §4 a harder function, §5 tanh ---------------------------------------

@arm("MSE of ReLU(100), plain SGD, on the sine")
def mse_relu100_on_sine(seed):
    return mse(train(runs.relu_on_sine(100, seed)), "sine", TRAINING_GRID)


@arm("MSE of ReLU(100), Nesterov, on the sine")
def mse_relu_momentum_on_sine(seed):
    return mse(train(runs.relu_momentum_on_sine(seed)), "sine", TRAINING_GRID)


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




@arm("MSE of ReLU(100), Nesterov, on the hard function")
def mse_relu_momentum_on_hard(seed):
    return mse(train(runs.relu_momentum_on_hard(seed)), "hard", TRAINING_GRID)


ratio("hard_over_sine", mse_relu_momentum_on_hard, mse_relu_momentum_on_sine,
      "MSE of ReLU(100) Nesterov on the hard function / on the sine", above=100.0,
      why="'hits its ceiling': two orders of magnitude at least")


@arm("MSE of tanh(20), Nesterov, default init, on the hard function")
def mse_tanh_momentum_on_hard(seed):
    return mse(train(runs.tanh_momentum_on_hard(seed)), "hard", TRAINING_GRID)


ratio("tanh_over_relu", mse_relu_momentum_on_hard, mse_tanh_momentum_on_hard,
      "MSE of ReLU(100) / tanh(20), both Nesterov, on the hard function", above=1.0,
      why="the claim itself: 'beats'")


# --- §6 weight initialisation ---------------------------------------------------------

@arm("MSE of tanh(20), Nesterov, glorot_normal, on the hard function")
def mse_tanh_glorot_on_hard(seed):
    return mse(train(runs.tanh_momentum_on_hard(seed, "glorot_normal")), "hard", TRAINING_GRID)


@arm("MSE of tanh(20), Nesterov, he_normal, on the hard function")
def mse_tanh_he_on_hard(seed):
    return mse(train(runs.tanh_momentum_on_hard(seed, "he_normal")), "hard", TRAINING_GRID)


@arm("MSE of tanh(20), Nesterov, he_normal, 400 epochs, on the hard function")
def mse_tanh_he_400_on_hard(seed):
    return mse(train(runs.tanh_momentum_on_hard(seed, "he_normal", 400)), "hard", TRAINING_GRID)


ratio("glorot_gain", mse_tanh_momentum_on_hard, mse_tanh_glorot_on_hard,
      "MSE of tanh(20) default init / glorot_normal on the hard function", between=(0.5, 2.5),
      why="no reliable effect either way, so bounded on both sides: a change that turns it into a real "
          "gain or loss shows")


ratio("he_gain_over_glorot", mse_tanh_glorot_on_hard, mse_tanh_he_on_hard,
      "MSE of tanh(20) glorot_normal / he_normal on the hard function", between=(0.7, 4.0),
      why="a gain on most trainings, never a large loss nor a large gain: bounded on both sides")


ratio("he_gain", mse_tanh_momentum_on_hard, mse_tanh_he_on_hard,
      "MSE of tanh(20) default init / he_normal on the hard function", between=(0.7, 4.0),
      why="a gain on most trainings, never a large loss nor a large gain: bounded on both sides")


ratio("longer_training_gain", mse_tanh_he_on_hard, mse_tanh_he_400_on_hard,
      "MSE of tanh(20) he_normal after 100 epochs / after 400", above=2.0,
      why="'much better': the longer training at least halves the error")


# --- §7 how it works, §8 beyond the training domain ----------------------------------------

ZONES = np.arange(-3, 4)  # six unit-wide zones across the training interval


@arm("interquartile range of the trained tanh(20) he_normal units' centres")
def centre_spread(seed):
    centres = decomposition.centres(train(runs.tanh_momentum_on_hard(seed, "he_normal")))
    low, high = np.percentile(centres, [25, 75])
    return float(high - low)


@measure("unit-wide zones of [-3, 3] holding a trained tanh unit's centre (of 6)", above=2.5, arms=(centre_spread,),
         why="at initialisation every centre sits at 0, in one zone; spread out means three zones of six at least")
def occupied_zones(seed):
    centres = decomposition.centres(train(runs.tanh_momentum_on_hard(seed, "he_normal")))
    counts, _ = np.histogram(centres, bins=ZONES)
    return float(np.count_nonzero(counts))


@arm("MSE of tanh(20) he_normal beyond [-3, 3], to ±6")
def mse_tanh_he_outside(seed):
    model = train(runs.tanh_momentum_on_hard(seed, "he_normal"))
    return extrapolation.mse_outside(model, "hard", WIDE_GRID, TRAINING_GRID)


ratio("outside_error_ratio", mse_tanh_he_outside, mse_tanh_he_on_hard,
      "MSE of tanh(20) he_normal beyond [-3, 3] (to ±6) / inside", above=100.0,
      why="'grows far beyond': two orders of magnitude at least")


EDGES = ((-6.0, -5.0), (5.0, 6.0))  # the last unit of the wide grid on each side


@arm("steepest |slope| of tanh(20) he_normal on [5, 6] or [-6, -5]")
def edge_slope(seed):
    model = train(runs.tanh_momentum_on_hard(seed, "he_normal"))
    return max(abs(extrapolation.slope(model, a, b)) for a, b in EDGES)


@arm("RMS slope of tanh(20) he_normal inside [-3, 3]")
def inside_slope(seed):
    return extrapolation.rms_slope(train(runs.tanh_momentum_on_hard(seed, "he_normal")), TRAINING_GRID)


ratio("edge_flatness", edge_slope, inside_slope,
      "steepest slope on [5, 6] or [-6, -5] / RMS slope inside [-3, 3]", below=0.1,
      why="'flat': a tenth of the slope inside at most")


STILL = 0.01  # a unit whose slope is below this changes by under 1% of its range (2) per unit of x
JUST_OUTSIDE = (-4.0, -3.5, 3.5, 4.0)  # just past the training interval, where S8.3 is checked


@measure("share of tanh(20) he_normal units with slope < 0.01 at x = ±3.5 and ±4", between=(0.3, 0.999),
         why="some units are still, not all: below every unit (the article's 'all'), above the worst seed's 0.4")
def units_constant_outside(seed):
    slopes = decomposition.unit_slopes(train(runs.tanh_momentum_on_hard(seed, "he_normal")), JUST_OUTSIDE)
    return float(np.mean((slopes < STILL).all(axis=0)))


# --- §9 going deeper -------------------------------------------------------------------

@arm("MSE of tanh(20) lr 0.01, he_normal, on the [-6, 6] grid")
def mse_tanh_momentum_on_wide(seed):
    return mse(train(runs.tanh_momentum_on_wide(seed)), "hard", WIDE_GRID)


@arm("MSE of tanh(50, 50) lr 0.001, he_normal, on the [-6, 6] grid")
def mse_deep_tanh_on_wide(seed):
    return mse(train(runs.deep_tanh_on_wide(seed)), "hard", WIDE_GRID)


@arm("MSE of tanh(50) lr 0.001, he_normal, on the [-6, 6] grid")
def mse_tanh50_on_wide(seed):
    return mse(train(runs.tanh50_on_wide(seed)), "hard", WIDE_GRID)


ratio("depth_gain", mse_tanh_momentum_on_wide, mse_deep_tanh_on_wide,
      "MSE of tanh(20) lr 0.01 / tanh(50, 50) lr 0.001, he_normal, on the [-6, 6] grid", above=1.0,
      why="what the article's retuned deep net shows beside its caution: it 'fits better'")


@arm("MSE of tanh(20, 20), he_normal, Nesterov lr 0.01, on [-3, 3]")
def mse_blind_deep_on_hard(seed):
    return mse(train(runs.blind_deep_tanh_on_hard(seed)), "hard", TRAINING_GRID)


@arm("MSE of tanh(20, 20), he_normal, Nesterov lr 0.01, on the [-6, 6] grid")
def mse_blind_deep_on_wide(seed):
    return mse(train(runs.blind_deep_tanh_on_hard(seed, WIDE_GRID)), "hard", WIDE_GRID)


# The article's N.B.: adding a layer blindly brings no improvement out of the box.
ratio("blind_depth_gain", mse_tanh_he_on_hard, mse_blind_deep_on_hard,
      "MSE of tanh(20) / tanh(20, 20), nothing else changed, on [-3, 3]", above=1.0, by_rate=True,
      why="the second layer lowered the error; the spec asks how often")


ratio("blind_depth_gain_wide", mse_tanh_momentum_on_wide, mse_blind_deep_on_wide,
      "MSE of tanh(20) / tanh(20, 20), nothing else changed, on the [-6, 6] grid", above=1.0, by_rate=True,
      why="the second layer lowered the error; the spec asks how often")


ratio("depth_gain_same_width", mse_tanh50_on_wide, mse_deep_tanh_on_wide,
      "MSE of tanh(50) / tanh(50, 50), he_normal, lr 0.001, [-6, 6] grid", above=1.2,
      why="a clear gain from the second layer alone, not a tie: a fifth at least")


DEPTHS = (1, 32)  # the shallowest and deepest tanh(50) stacks compared by S9.2


def _gradient(depth, seed):
    net = Net(hidden=(50,) * depth, activation="tanh")
    return first_layer_gradient(net, "hard", WIDE_GRID, current().start(net, seed))


@arm("first-layer gradient norm at init of tanh(50), one layer, on the [-6, 6] grid")
def gradient_shallow(seed):
    return _gradient(DEPTHS[0], seed)


@arm("first-layer gradient norm at init of tanh(50)×32 on the [-6, 6] grid")
def gradient_deep(seed):
    return _gradient(DEPTHS[1], seed)


ratio("gradient_shrink", gradient_shallow, gradient_deep,
      "first-layer gradient norm at init, tanh(50)×1 / tanh(50)×32", above=1.5,
      why="'vanishing': the deep stack's first layer gets a clearly smaller gradient, by half again at least")


# --- §11 beyond the article ------------------------------------------------------------

@measure("segments of trained ReLU(20, 20) on [-3, 3] per neuron", below=1.0,
         why="'far fewer than the bound' (441 segments, 11 a neuron): fewer than one a neuron")
def deep_segments_per_neuron(seed):
    """Segments of the trained ReLU(20, 20) on [-3, 3] per hidden neuron (bound: 441/40)."""
    found = piecewise.stack_breakpoints(train(runs.deep_relu_on_sine(seed)), TRAINING_GRID.start, TRAINING_GRID.stop)
    return (len(found) + 1) / sum(runs.DEEP_RELU)


@arm("MSE of ReLU(100), Nesterov, on 2 sin 4x + 5")
def mse_relu_momentum_on_fast_sine(seed):
    return mse(train(runs.relu_momentum_on_fast_sine(seed)), "fast_sine", TRAINING_GRID)


ratio("spectral_bias", mse_relu_momentum_on_fast_sine, mse_relu_momentum_on_sine,
      "MSE of ReLU(100) Nesterov on 2 sin 4x + 5 / on 2 sin x + 5", above=100.0,
      why="a strong bias, not a nuance: two orders of magnitude at least")
