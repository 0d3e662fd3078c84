"""A training that diverges is a failing seed, named "diverged" in the evidence, not a crash."""

import math

import pytest

from approx.analysis.approximation import mse
from approx.article import nets
from approx.article.runs import Run
from approx.article.targets import TRAINING_GRID
from approx.statistics.measures import Measure, Rule
from approx.statistics.reliability import judge
from approx.training.session import Session

# Plain SGD at rate 50 on y = 2x + 5 over [−3, 3]: each step overshoots, and
# the weights grow until they are inf, then NaN.
EXPLODING = nets.Net(optimiser=nets.Optimiser(learning_rate=50.0))


@pytest.fixture(scope="module")
def diverged():
    return Session().fit(Run(EXPLODING, "line", 3, 0, TRAINING_GRID))


def test_training_past_the_overflow_ends_without_an_exception(diverged):
    assert not math.isfinite(mse(diverged, "line", TRAINING_GRID))


def test_a_diverged_seed_fails_its_claim_and_says_so(diverged):
    measure = Measure("m", "MSE of the neuron", lambda s: 0.0, Rule(high=1.0))
    values = {0: 1e-6, 1: mse(diverged, "line", TRAINING_GRID), 2: 2e-6}
    verdict = judge("S1.2", measure, values, (100, 100), (1e-7, 1e-6, 1e-5), (5e-7, 2e-6))
    assert verdict.passed_seeds == (0, 2)
    assert "seed 1: diverged (nan) FAIL" in str(verdict) or "seed 1: diverged (inf) FAIL" in str(verdict)
