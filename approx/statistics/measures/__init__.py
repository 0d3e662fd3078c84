"""The statistical claims, each as one number per seed and the rule it must meet, and the arms behind them.

A claim about training ("more neurons fit better") is checked as a measure:
a function of the seed that trains the article's runs and returns one number
(an error ratio, a distance, a count), with the rule that number must meet
and why the rule sits where it does. Each is defined once, in its section's
module, by the `@measure` decorator over its function, or, for a quotient,
by `ratio`; the spec test that checks it imports it and passes the measure
itself (`over_seeds(momentum.momentum_gain)`), and carries the claim's id.
Most measures are made of arms: the numbers a ratio divides (each MSE, each
slope, each weight). An arm made from a run (`mse_of`, `error_near_of`) takes
its meaning from the run's description; any other is a function under
`@arm`. An arm has no rule, but it has a distribution, so a change in either
side of a ratio shows even when the quotient stays put. Each is named where
it is defined: a function by its name, a factory's by the variable it is
bound to (`momentum_gain = ratio(...)`), never by a string.

`approx calibrate` evaluates every measure and arm over many seeds and writes
what it saw to calibration/calibration.json. That file is both the evidence
behind every rule (tests/unit/test_calibration.py checks it still backs each
one) and the baseline of the pinned versions: approx.statistics.drift
compares each run's seeds with it, measure by measure, arm by arm.

Every rule is placed beyond the worst calibration seed with a margin, so a
claim that holds fails by chance less than once in a thousand runs; the
claim's strength shows in the calibration's median, which the report gives.

The measures live beside the article's sections, one module per part of it;
a new one goes in its section's module (or a new module, added to CONTENTS
below):

  registry    Measure, Arm and Rule; the @measure and @arm decorators, ratio, mse_of, error_near_of; register
  neurons     §1 the simplest network, §2 more neurons
  momentum    §3 momentum, §4 a harder function, §5 tanh
  tanh_units  §6 weight initialisation, §7 how it works, §8 beyond the training interval
  depth       §9 going deeper, §11 beyond the article
"""
from approx.statistics.measures import depth, momentum, neurons, tanh_units
from approx.statistics.measures.registry import (ARMS, MEASURES, Arm, Measure, Rule, arm, error_near_of, measure,
                                                 mse_of, quantities, ratio, register, round_off_only)

# The table of contents: the sections in the article's order, which is the order of every table. Each is
# registered in turn, its measures and arms in the order it defines them. A section may use the arms of one
# above it (momentum's in depth), never of one below.
CONTENTS = (neurons, momentum, tanh_units, depth)
register(*CONTENTS)

__all__ = ["ARMS", "MEASURES", "CONTENTS", "Arm", "Measure", "Rule", "arm", "error_near_of", "measure", "mse_of",
           "quantities", "ratio", "register", "round_off_only"]
