"""How many seeds must pass for a statistical claim to hold, and the evidence when not.

A measure that cleared its threshold on `passed` of `total` calibration seeds
has a per-seed pass rate of at least p_low (one-sided exact Clopper–Pearson
bound at 95%, from scipy.stats; with no failure at all, p_low =
0.05^(1/total)). On N seeds the spec then
requires k passes, the largest k for which a claim whose rate really is p_low
would still reach k with probability at least 1 − FALSE_ALARM. So a run fails
by bad luck less than once in 1/FALSE_ALARM, per claim. k is never allowed
below a majority of the seeds: a claim that cannot be shown on most seeds is
not shown at all; `chance_of_false_alarm` says what the floor costs.

With 100 clean calibration seeds (p_low = 0.970) and the default 5 seeds,
k = 3: two unlucky seeds are forgiven, three are evidence.
"""

import math
from dataclasses import dataclass

from scipy import stats

DEFAULT_SEEDS = 5  # seeds a run checks each statistical claim on, unless told (--seeds)
DEFAULT_SEED_BASE = 0  # the first of them, unless told (--seed-base): the baseline's paired seeds start here
PAIRED_SEEDS = range(DEFAULT_SEED_BASE, DEFAULT_SEED_BASE + DEFAULT_SEEDS)  # a default run's: the baseline pairs them
CONFIDENCE = 0.95  # of the lower bound on a measure's pass rate
FALSE_ALARM = 0.001  # accepted chance, per claim and run, of failing by bad luck


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p)."""
    return float(stats.binom.cdf(k, n, p))


def pass_rate_lower_bound(passed: int, total: int, confidence: float = CONFIDENCE) -> float:
    """The one-sided exact (Clopper–Pearson) lower bound on the pass rate, at `confidence`."""
    if not 0 <= passed <= total or total < 1:
        raise ValueError(f"need 0 <= passed <= total and total >= 1, got {passed}/{total}")
    return float(stats.binomtest(passed, total, alternative="greater").proportion_ci(confidence).low)


def required_passes(seeds: int, rate: float, false_alarm: float = FALSE_ALARM) -> int:
    """Seeds of `seeds` that must pass, for a claim whose pass rate is at least `rate`."""
    majority = seeds // 2 + 1
    k = max((k for k in range(seeds + 1) if binomial_cdf(k - 1, seeds, rate) <= false_alarm), default=0)
    return max(k, majority)


def chance_of_false_alarm(seeds: int, required: int, rate: float) -> float:
    """P(fewer than `required` passes) for a claim that passes each seed with `rate`."""
    return binomial_cdf(required - 1, seeds, rate) if required > 0 else 0.0


def is_reliable(passed: int, total: int, seeds: int) -> bool:
    """Would a claim that passed `passed` of `total` seeds pass a `seeds`-seed run reliably?"""
    rate = pass_rate_lower_bound(passed, total)
    return chance_of_false_alarm(seeds, required_passes(seeds, rate), rate) <= FALSE_ALARM


# "Holds usually" means most trainings by a clear margin: the pass rate's
# lower bound is at least two in three. A bound just above a half (59 of
# 100 gives 0.50) is a coin flip, not a habit.
USUALLY = 2 / 3


def holds_usually(passed: int, total: int) -> bool:
    """True on most trainings (the rate's 95% lower bound is at least USUALLY), whether or not reliably."""
    return pass_rate_lower_bound(passed, total) >= USUALLY


def pass_rate_upper_bound(passed: int, total: int, confidence: float = CONFIDENCE) -> float:
    """The one-sided exact (Clopper–Pearson) upper bound on the pass rate, at `confidence`."""
    return 1 - pass_rate_lower_bound(total - passed, total, confidence)


# A statement true on a minority of trainings: the rate's 95% upper bound is below a half.
MINORITY = 1 / 2


def how_often(passed: int, total: int) -> str:
    """"usually" (the lower bound at least USUALLY), "rarely" (the upper bound below MINORITY), else "sometimes".

    The words of the readers' scale (catalogue v4) for a statement about
    trainings: between a clear majority and a clear minority, a statement is
    neither right nor wrong, only sometimes true.
    """
    if holds_usually(passed, total):
        return "usually"
    return "rarely" if pass_rate_upper_bound(passed, total) < MINORITY else "sometimes"


def chance_of_count(run_passed: int, seeds: int, passed: int, total: int) -> float:
    """Two-sided chance of a run's count this far from the baseline's rate (passed/total), by the binomial.

    A baseline that passed on every seed (or on none) does not show a rate of
    exactly 1 (or 0): it takes the rate's one-sided 95% bound instead, so a
    single seed that goes the other way is not by itself a moved rate.
    """
    rate = passed / total
    if passed in (0, total):
        edge = 1 - pass_rate_lower_bound(total, total)  # 0.05^(1/total) from 1
        rate = edge if passed == 0 else 1 - edge
    low = binomial_cdf(run_passed, seeds, rate)
    high = 1 - binomial_cdf(run_passed - 1, seeds, rate)
    return min(1.0, 2 * min(low, high))


def shown(value: float, digits: int = 6) -> str:
    """A seed's value as evidence: a training that ended in NaN or inf is named, not printed as 'nan'."""
    return f"{value:.{digits}g}" if math.isfinite(value) else f"diverged ({value})"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one measure over the run's seeds, with everything needed to judge it."""

    claim: str
    meaning: str
    rule: str  # as words: "> 1.2", "in (0.3, 0.999)"
    bounds: tuple[float, ...]  # the rule's numbers, low to high, for a chart
    values: dict[int, float]
    passed_seeds: tuple[int, ...]
    required: int
    calibrated: tuple[int, int]  # (seeds passed, seeds) in the calibration
    spread: tuple[float, float, float]  # the calibration's (min, median, max)
    quartiles: tuple[float, float]  # the calibration's first and third quartiles
    rate_bound: float

    @property
    def passed(self) -> int:
        return len(self.passed_seeds)

    @property
    def holds(self) -> bool:
        return self.passed >= self.required

    def __str__(self):
        n = len(self.values)
        cal_passed, cal_total = self.calibrated
        low, median, high = self.spread
        lines = [
            f"{self.claim}: {self.meaning} must be {self.rule} on at least {self.required} of {n} seeds;"
            f" it was on {self.passed}/{n} = {self.passed / n:.2f}",
        ]
        lines += [f"  seed {seed}: {shown(value)} {'pass' if seed in self.passed_seeds else 'FAIL'}"
                  for seed, value in self.values.items()]
        lines.append(f"  calibration: {cal_passed}/{cal_total} seeds passed (min {low:.3g}, median {median:.3g},"
                     f" max {high:.3g}), so the pass rate is >= {self.rate_bound:.3f} (95%); chance of a false"
                     f" alarm here {chance_of_false_alarm(n, self.required, self.rate_bound):.2g}")
        return "\n".join(lines)


def judge(claim: str, measure, values: dict[int, float], calibrated: tuple[int, int],
          spread: tuple[float, float, float], quartiles: tuple[float, float]) -> Verdict:
    """Apply `measure`'s rule to each seed's value and the k-of-N rule to the lot."""
    rate = pass_rate_lower_bound(*calibrated)
    return Verdict(
        claim=claim, meaning=measure.meaning, rule=str(measure.rule), bounds=measure.rule.bounds, values=dict(values),
        passed_seeds=tuple(s for s, v in values.items() if measure.passes(v)),
        required=required_passes(len(values), rate), calibrated=calibrated, spread=spread, quartiles=quartiles,
        rate_bound=rate,
    )
