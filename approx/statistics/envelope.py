"""The paired test: each seed's new value against the same seed's baseline value and its round-off envelope.

A seed is the same training everywhere (approx.training.draws), so one seed
trained again lands where the baseline's did, up to round-off, while
different seeds spread by a few percent to a hundredfold. The baseline keeps,
for each paired seed (the seeds a default run uses), every measure's and arm's
value and the same value recomputed under each round-off variant
(approx.training.roundoff.VARIANTS), changes that alter round-off and
nothing else, K of them random nudges of the starting weights. Their widest
relative distance from the value is the seed's *envelope*.

A name's *smallest effect worth flagging* is δ = MARGIN (10) widest
envelopes, but at least FLOOR (0.1%) and at most CAP (1%) where that still
leaves SAFETY (4) envelopes of room: a new CPU's round-off, even a few times
past the envelope, stays below it, and a change of 1% is seen wherever
round-off allows. A seed *exceeds* when its new value is more than δ from the
baseline's. The K nudges are random round-off draws, and a new machine's
run is another, so a new value beyond all of them (let alone beyond δ, four or more
envelopes out) has chance at most 1/(K + 1) on unchanged behaviour; the
p-value is the binomial chance of at least as many exceeding seeds. (The
other variants widen the envelope but are not random draws, so they are not
counted in K.) Holm runs over it and the rank tests
together (approx.statistics.drift). The effect is the median per-seed ratio.

Two kinds of name are judged otherwise:
- **chaotic**: ten envelopes reach a sizeable share of the seed spread
  (CHAOS), so one seed's value tells little more than another's. It keeps
  only the unpaired rank test, and the report says so.
- **round-off only** (a measure declared with `ulps_of`): the value is
  settled to float32 noise (one neuron on a line, S1.1), so it is judged in
  float32 ulps of its scale, never by rank: within ROUND_OFF_ULPS of the baseline's
  value on a paired seed, and within the baseline's range widened by ROUND_OFF_ULPS
  on any seed.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from approx.training import roundoff

MARGIN = 10.0  # δ is this many widest envelopes: a new kernel's round-off a few envelopes out still passes
FLOOR = 1e-3  # δ is never below a thousandth: round-off that small is nobody's behaviour
CAP = 1e-2  # nor above a hundredth, where the envelope allows it ...
SAFETY = 4.0  # ... keeping at least this many widest envelopes of room
CHAOS = 0.25  # a name whose δ reaches this share of its relative seed spread is judged by rank only
ROUND_OFF_ULPS = 16  # a round-off-only name may move this many float32 ulps of its scale


@dataclass(frozen=True)
class Pair:
    """One seed's baseline value of a name, and the same value under each round-off variant."""

    seed: int
    value: float
    variants: tuple[float, ...]

    @property
    def width(self) -> float:
        """The widest relative distance of a variant from the value: the seed's envelope."""
        return max((relative(v, self.value) for v in self.variants), default=0.0)


def relative(value: float, reference: float) -> float:
    """|value / reference − 1|, or the absolute difference where the reference is 0; inf for NaN."""
    if not (np.isfinite(value) and np.isfinite(reference)):
        return 0.0 if value == reference or (np.isnan(value) and np.isnan(reference)) else float("inf")
    return abs(value - reference) / abs(reference) if reference else abs(value)


def widest(pairs: dict[int, Pair]) -> float:
    return max((p.width for p in pairs.values()), default=0.0)


def smallest_effect(pairs: dict[int, Pair]) -> float:
    """δ of a name: the relative change on one seed that counts as a move, between its envelope and 1%."""
    width = widest(pairs)
    return max(FLOOR, min(MARGIN * width, CAP), SAFETY * width)


def seed_spread(values: np.ndarray) -> float:
    """The unpaired spread of a name, relative: its interquartile range over |median| (inf when the median is 0)."""
    first, median, third = np.percentile(values, [25, 50, 75])
    return float((third - first) / abs(median)) if median else float("inf")


def is_chaotic(pairs: dict[int, Pair], values: np.ndarray) -> bool:
    """Does round-off move the name by a sizeable share of what the seeds do? (δ's floor does not count.)"""
    return MARGIN * widest(pairs) >= CHAOS * seed_spread(values)


def random_draws(variants: tuple[str, ...]) -> int:
    """How many of `variants` are random round-off draws (the nudges): what the exceedance bound counts."""
    return sum(roundoff.nudge(v) is not None for v in variants)


def exceedance_chance(draws: int) -> float:
    """Chance, on unchanged behaviour, that one seed exceeds: at most that of beating every random draw."""
    return 1.0 / (draws + 1)


@dataclass(frozen=True)
class Paired:
    """The paired test of one name over the run's paired seeds."""

    seeds: int  # paired seeds the run measured
    exceeding: int  # of them, those beyond δ
    ratio: float  # median per-seed new / baseline value
    worst: float  # largest per-seed relative change
    effect: float  # δ
    p: float


def paired_test(run: dict[int, float], pairs: dict[int, Pair], draws: int) -> Paired | None:
    """The run's values on the baseline's paired seeds against them; None when the run has no paired seed."""
    common = [seed for seed in run if seed in pairs]
    if not common:
        return None
    effect = smallest_effect(pairs)
    changes = [relative(run[seed], pairs[seed].value) for seed in common]
    ratios = [run[s] / pairs[s].value if pairs[s].value else np.nan for s in common]
    exceeding = sum(change > effect for change in changes)
    p = float(stats.binom.sf(exceeding - 1, len(common), exceedance_chance(draws))) if exceeding else 1.0
    return Paired(seeds=len(common), exceeding=exceeding, ratio=float(np.nanmedian(ratios)),
                  worst=float(max(changes)), effect=effect, p=p)


def float32_ulp(scale: float) -> float:
    return float(np.spacing(np.float32(abs(scale))))


@dataclass(frozen=True)
class Ulps:
    """A round-off-only name against the baseline, in float32 ulps of its scale."""

    worst: float  # the largest distance found, in ulps
    tolerance: int

    @property
    def moved(self) -> bool:
        return not self.worst <= self.tolerance


def ulps_test(run: dict[int, float], pairs: dict[int, Pair], values: np.ndarray, scale: float) -> Ulps:
    """Each paired seed within ROUND_OFF_ULPS of its baseline value, every seed within the baseline's range ± ROUND_OFF_ULPS."""
    ulp = float32_ulp(scale)
    low, high = float(np.min(values)), float(np.max(values))
    worst = 0.0
    for seed, value in run.items():
        if not np.isfinite(value):
            return Ulps(float("inf"), ROUND_OFF_ULPS)
        if seed in pairs:
            worst = max(worst, abs(value - pairs[seed].value) / ulp)
        worst = max(worst, max(low - value, value - high, 0.0) / ulp)
    return Ulps(worst, ROUND_OFF_ULPS)


@dataclass(frozen=True)
class Agreement:
    """Do two baselines (two backends) train a name's paired seeds alike, within the first one's allowance?"""

    name: str
    seeds: int  # paired seeds both keep
    worst: float  # largest difference of the second's value from the first's: relative, or in ulps
    effect: float  # the first's allowance: its smallest effect worth flagging, or ROUND_OFF_ULPS
    chaotic: bool  # chaotic in the first: judged by rank, agreement not expected
    in_ulps: bool = False  # a round-off-only name, compared in float32 ulps of its scale

    @property
    def within(self) -> bool:
        return self.worst <= self.effect


def agreement(first, second) -> dict[str, Agreement]:
    """Per name both Calibrations keep pairs for: how far the second's paired values lie from the first's."""
    found = {}
    for name, pairs in first.pairs.items():
        other = second.pairs_of(name)
        common = [seed for seed in pairs if seed in other]
        if not common or name not in first.values:
            continue
        if name in first.ulps_of:
            ulp = float32_ulp(first.ulps_of[name])
            worst = max(abs(other[seed].value - pairs[seed].value) / ulp for seed in common)
            found[name] = Agreement(name, len(common), worst, ROUND_OFF_ULPS, False, in_ulps=True)
            continue
        worst = max(relative(other[seed].value, pairs[seed].value) for seed in common)
        found[name] = Agreement(name, len(common), worst, smallest_effect(pairs), is_chaotic(pairs, first.of(name)))
    return found
