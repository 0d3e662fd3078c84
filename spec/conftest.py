"""Fixtures of the spec: statistical claims are judged over the run's seeds.

pytest loads this file in every process, the xdist controller included, which
runs no test: the measures (and with them TensorFlow, seconds to import) are
imported by the fixture that needs them, so only the workers pay for it.
"""

import statistics

import pytest

from approx.statistics import calibration
from approx.statistics.reliability import (DEFAULT_SEEDS, FALSE_ALARM, chance_of_count, holds_usually, how_often,
                                          is_reliable, judge)


class RateMoved(RuntimeError):
    """A run's pass count that the baseline's rate makes all but impossible: the behaviour changed.

    A RuntimeError, so that an erratum's xfail (raises=AssertionError) cannot take it for a refutation.
    """


@pytest.fixture(scope="session")
def calibrated():
    return calibration.committed()


def _a_measure(measure):
    """The registered measure a spec test passed, or a usage error that says what to pass."""
    from approx.statistics.measures import MEASURES, Measure

    if not isinstance(measure, Measure) or MEASURES.get(measure.name) is not measure:
        raise TypeError(f"pass a registered measure of approx.statistics.measures (the object), not {measure!r}")
    return measure


def _measured(measure, seeds, evidence) -> dict[int, float]:
    """The measure on every seed; its values and its arms' are recorded for the drift test."""
    from approx.statistics.measures import ARMS

    values = {seed: measure(seed) for seed in seeds}
    arms = {arm: {seed: ARMS[arm](seed) for seed in seeds} for arm in measure.arms}
    evidence.samples({measure.name: values, **arms})  # the behaviour, compared with the baseline at the end
    return values


@pytest.fixture
def over_seeds(request, seeds, evidence, calibrated, usually):
    """Check a measure of approx.statistics.measures (the object) on every seed; fail with each seed's value.

    The claim is the test's (its `claim` marker); the number of seeds that
    must pass comes from the measure's committed calibration, the baseline of
    the backend the run is on (approx.statistics.reliability explains the
    rule). Where that baseline shows the rule true on most trainings but not
    reliably enough for the run's seeds, the claim is judged as one that
    holds usually (the `usually` fixture), so that it never fails by chance.
    The values of the measure and of its arms are recorded for the drift
    test, which the plugin runs over all of them at the end
    (approx.plugin.gate).
    """
    claim = request.node.get_closest_marker("claim").args[0]

    def check(measure):
        measure = _a_measure(measure)
        passed, total = calibrated.passes(measure)
        if holds_usually(passed, total) and not is_reliable(passed, total, len(seeds)):
            return usually(measure, measure.passes, f"{measure.meaning} {measure.rule}")
        values = _measured(measure, seeds, evidence)
        verdict = judge(claim, measure, values, (passed, total), calibrated.spread(measure),
                        calibrated.quartiles(measure))
        evidence.verdict(verdict, (measure.said(statistics.median(values.values())), measure.said(verdict.spread[1])))
        assert verdict.holds, str(verdict)
        return verdict

    return check


@pytest.fixture
def rate(seeds, evidence, calibrated):
    """How often a statement holds: on the run's seeds, live, and on the baseline's 100; (passed, total) of the baseline.

    For claims that are about a rate, not about every training (the article's
    "improves", "no automatic improvement"). The run's values, and its arms',
    are recorded for the drift test, and the run's count must be one the baseline's rate
    allows (two-sided binomial, at the spec's false-alarm rate), else the
    behaviour moved and the test fails with RateMoved, whatever it claims.
    """
    def check(measure, holds, statement: str) -> tuple[int, int]:
        measure = _a_measure(measure)
        values = _measured(measure, seeds, evidence)
        run_passed = sum(bool(holds(v)) for v in values.values())
        passed, total = calibrated.count(measure, holds)
        evidence.rate(statement, (run_passed, len(seeds)), (passed, total), how_often(passed, total),
                      measure.said(calibrated.spread(measure)[1]))
        chance = chance_of_count(run_passed, len(seeds), passed, total)
        if chance < FALSE_ALARM:
            raise RateMoved(f"{statement}: on {run_passed}/{len(seeds)} of this run's seeds"
                            f" {[round(v, 4) for v in values.values()]}, against {passed}/{total} in the baseline"
                            f" (chance {chance:.2g}): the rate moved")
        return passed, total

    return check


@pytest.fixture
def usually(rate, evidence):
    """A statement true on most trainings: confirmed if reliably, "holds usually (N of 100)" if only mostly."""

    def check(measure, holds, statement: str):
        passed, total = rate(measure, holds, statement)
        assert holds_usually(passed, total), (
            f"{statement} on only {passed}/{total} calibration seeds: not even on most trainings")
        # "Usually" where the baseline saw the statement fail; a clean baseline
        # too small to show reliability (PyTorch's 30 seeds) is judged by rate, as confirmed.
        if passed < total and not is_reliable(passed, total, DEFAULT_SEEDS):
            evidence.usually(passed, total)

    return check
