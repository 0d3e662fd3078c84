"""Has a behaviour moved? Each measure and arm of a run, against the baseline, by two tests in one family.

- **Unpaired**: the run's few seeds are one sample of the measure's
  distribution over seeds, the baseline's (the committed calibration, 100
  seeds) another; a two-sample rank test (Mann–Whitney U, from scipy.stats;
  exact when the samples have no ties) says how likely seeds drawn from the
  baseline's distribution would be to sit where the run's sit. It sees a
  shift only when it is larger than the spread between seeds.
- **Paired**: a seed means the same training everywhere, so on the seeds the
  baseline kept pairs for, each new value is compared with the same seed's
  baseline value and its round-off envelope (approx.statistics.envelope).
  It sees a change a thousand times smaller. A chaotic name (round-off
  moves it nearly as much as the seed does) keeps only the unpaired test; a
  round-off-only name (`ulps_of`) is judged in float32 ulps, never by rank.

A run tests every measure and arm it computed, so the p-values of both
tests are corrected together (Holm's step-down): the chance that a run on
unchanged versions raises any alarm at all is at most ALPHA. A name *moved*
when either corrected p-value is below ALPHA, or it left its ulps.

What the default seeds can see is stated too: `detectable_shift` resamples
the baseline, scales the draws by a factor, and finds the smallest factor
the unpaired test would flag in POWER of runs; the paired test flags any
factor beyond its smallest effect on every paired seed (`Drift.sees`).
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from approx.statistics import envelope

ALPHA = 0.01  # the whole run's chance of any false drift alarm (familywise, by Holm)
POWER = 0.8  # a shift counts as detectable when this share of runs would flag it
SHIFTS = (1.1, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0)  # factors tried, each way
RESAMPLES = 400
RESAMPLE_SEED = 20261127  # the power is a property of the baseline, so it is drawn the same way every time


# The ways a name is judged, as the report names them.
PAIRED_AND_RANKED = "paired and by rank"
RANKED_CHAOTIC = "by rank only: chaotic (round-off moves it like another seed)"
RANKED_UNPAIRED = "by rank only: the baseline keeps no pairs for these seeds"
IN_ULPS = "in float32 ulps (round-off only)"


@dataclass(frozen=True)
class Drift:
    """One measure or arm of a run, compared with the baseline."""

    name: str
    baseline_median: float
    run_median: float
    p: float | None  # the rank test's two-sided p-value (None: not ranked)
    adjusted: float | None  # Holm-adjusted over the run's family of tests
    detectable: float | None  # smallest factor the run's seeds detect with POWER (None: not even the largest)
    family: int  # how many tests were corrected together
    judged: str = PAIRED_AND_RANKED
    paired: envelope.Paired | None = None
    paired_adjusted: float | None = None
    ulps: envelope.Ulps | None = None

    @property
    def moved(self) -> bool:
        return any(a is not None and a < ALPHA for a in (self.adjusted, self.paired_adjusted)) or bool(
            self.ulps and self.ulps.moved)

    @property
    def factor(self) -> float | None:
        """The move as a factor: the paired median ratio where there are pairs, else run median / baseline median."""
        if self.paired is not None and np.isfinite(self.paired.ratio):
            return self.paired.ratio
        if self.baseline_median == 0 or self.run_median / self.baseline_median <= 0:
            return None
        return self.run_median / self.baseline_median

    @property
    def effect(self) -> str:
        """"120 → 21 (×0.18), p = 1e-06": the move, whatever the verdict."""
        if self.ulps is not None:
            return f"{self.ulps.worst:.3g} ulps from the baseline (at most {self.ulps.tolerance})"
        factor = "" if self.factor is None else f" (×{self.factor:.6g})"
        paired = "" if self.paired is None else (f", {self.paired.exceeding}/{self.paired.seeds} seeds beyond"
                                                 f" ±{self.paired.effect:.2g} (p = {self.paired.p:.2g})")
        return f"{self.baseline_median:.3g} → {self.run_median:.3g}{factor}, ranks p = {self.p:.2g}{paired}"

    @property
    def verdict(self) -> str:
        return "moved" if self.moved else "as the baseline"

    @property
    def sees(self) -> str:
        """The smallest shift these seeds detect, by whichever test sees more."""
        if self.ulps is not None:
            return f"{self.ulps.tolerance} ulps"
        if self.paired is not None:
            return f"×{1 + self.paired.effect:.4g} (paired)"
        return f"×{self.detectable:g}" if self.detectable else f"not even ×{SHIFTS[-1]:g}"

    def __str__(self):
        return (f"{self.name}: {self.verdict}: {self.effect} (judged {self.judged}; Holm over {self.family});"
                f" these seeds detect {self.sees} either way")


def rank_test(run: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Two-sided Mann–Whitney p-value(s) of `run` (the last axis is the seeds) against `baseline`.

    Exact when no value is tied: scipy's "auto" chooses it for samples under 8.
    """
    result = stats.mannwhitneyu(run, baseline, axis=-1, alternative="two-sided", method="auto")
    return np.nan_to_num(result.pvalue, nan=1.0)  # nan: every value tied, nothing to tell them apart


def holm(p: dict[str, float]) -> dict[str, float]:
    """Holm's step-down adjusted p-values: reject those below α and the run's familywise error is ≤ α."""
    names = sorted(p, key=p.get)
    adjusted, running = {}, 0.0
    for rank, name in enumerate(names):
        running = max(running, min(1.0, (len(names) - rank) * p[name]))
        adjusted[name] = running
    return adjusted


def detectable_shift(baseline: np.ndarray, seeds: int, family: int) -> float | None:
    """The smallest factor in SHIFTS by which the run's `seeds` values, scaled up or down, are flagged in POWER of runs.

    Draws of `seeds` distinct baseline values are scaled by the factor (for
    a measure of both signs, shifted by the factor times its interquartile
    range instead) and tested against the baseline at ALPHA / family, the
    strictest threshold Holm applies: the power it states is a floor.
    """
    if seeds > len(baseline) // 2:
        return None  # too few baseline values to draw distinct samples from
    rng = np.random.default_rng(RESAMPLE_SEED)
    draws = baseline[np.argsort(rng.random((RESAMPLES, len(baseline))), axis=1)[:, :seeds]]
    positive = bool(np.all(baseline > 0))
    spread = float(np.subtract(*np.percentile(baseline, [75, 25]))) or float(np.std(baseline)) or 1.0

    def detected(factor: float) -> bool:
        if positive:
            up, down = draws * factor, draws / factor
        else:
            up, down = draws + (factor - 1) * spread, draws - (factor - 1) * spread
        return min(np.mean(rank_test(moved, baseline[None, :]) < ALPHA / family) for moved in (up, down)) >= POWER

    # Power grows with the shift, so bisect SHIFTS for the first factor detected.
    low, high = 0, len(SHIFTS)
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if detected(SHIFTS[middle]) else (middle + 1, high)
    return SHIFTS[low] if low < len(SHIFTS) else None


def false_alarm_rate(baseline, seeds: int, resamples: int = 1000) -> float:
    """How often a run of `seeds` baseline seeds, judged against the other baseline seeds, raises any alarm.

    `baseline` is a Calibration. Each resample is a run on unchanged
    versions: every measure and arm drawn from the same seeds, so their
    dependence is kept. Holm promises at most ALPHA.
    """
    names = sorted(baseline.values)
    table = np.array([baseline.of(name) for name in names])  # names × seeds
    rng = np.random.default_rng(RESAMPLE_SEED)
    alarms = 0
    for _ in range(resamples):
        picked = np.zeros(table.shape[1], dtype=bool)
        picked[rng.choice(table.shape[1], seeds, replace=False)] = True
        p = dict(zip(names, (float(rank_test(row[picked], row[~picked])) for row in table)))
        alarms += any(adjusted < ALPHA for adjusted in holm(p).values())
    return alarms / resamples


def _p(after: np.ndarray, before: np.ndarray) -> float:
    # A training that diverged (NaN or inf) where the baseline never did has
    # changed beyond doubt; the rank test cannot order a NaN.
    if not np.isfinite(after).all() and np.isfinite(before).all():
        return 0.0
    return float(rank_test(after, before))


def compare(before: dict[str, np.ndarray], after: dict[str, np.ndarray]) -> dict[str, Drift]:
    """Each name that both sides measured, `after` against `before` by rank alone, Holm-corrected together.

    For two unpaired distributions (approx compare); a run against the baseline is `judge`'s.
    """
    names = [name for name in after if name in before and len(after[name]) and len(before[name])]
    p = {name: _p(np.asarray(after[name], float), np.asarray(before[name], float)) for name in names}
    adjusted = holm(p)
    return {
        name: Drift(name=name, baseline_median=float(np.median(before[name])),
                    run_median=float(np.median(after[name])), p=p[name], adjusted=adjusted[name],
                    detectable=detectable_shift(np.asarray(before[name]), len(after[name]), len(names)),
                    family=len(names), judged=RANKED_UNPAIRED)
        for name in names
    }


def how_judged(name: str, seeds, baseline) -> str:
    """Which tests judge `name` on a run of `seeds`: by ulps, paired and by rank, or by rank alone (and why)."""
    pairs = baseline.pairs_of(name)
    if name in baseline.ulps_of:
        return IN_ULPS
    if not any(seed in pairs for seed in seeds):
        return RANKED_UNPAIRED
    if envelope.is_chaotic(pairs, baseline.of(name)):
        return RANKED_CHAOTIC
    return PAIRED_AND_RANKED


def judge(samples: dict[str, dict[int, float]], baseline) -> dict[str, Drift]:
    """The run's samples (name → seed → value) against the baseline, an approx.statistics.calibration.Calibration.

    Names the baseline never measured are left out (the report says they
    have no baseline).
    """
    ulps_of = baseline.ulps_of
    draws = envelope.random_draws(baseline.variants)
    names = [name for name, values in samples.items() if name in baseline.values and values]
    judged, p, paired, ulps = {}, {}, {}, {}
    for name in names:
        run, base = samples[name], baseline.of(name)
        judged[name] = how_judged(name, run, baseline)
        if judged[name] == IN_ULPS:
            ulps[name] = envelope.ulps_test(run, baseline.pairs_of(name), base, ulps_of[name])
            continue
        p[(name, "ranks")] = _p(np.array(list(run.values()), float), base)
        if judged[name] == PAIRED_AND_RANKED:
            paired[name] = envelope.paired_test(run, baseline.pairs_of(name), draws)
            p[(name, "pairs")] = paired[name].p
    adjusted = holm(p)
    family = len(p)
    return {
        name: Drift(name=name, baseline_median=float(np.median(baseline.of(name))),
                    run_median=float(np.median(list(samples[name].values()))),
                    p=p.get((name, "ranks")), adjusted=adjusted.get((name, "ranks")),
                    detectable=None if name in ulps else detectable_shift(baseline.of(name), len(samples[name]), family),
                    family=family, judged=judged[name], paired=paired.get(name),
                    paired_adjusted=adjusted.get((name, "pairs")), ulps=ulps.get(name))
        for name in names
    }


def held_out_false_alarms(baseline) -> tuple[int, int]:
    """(runs that raised an alarm, runs): each round-off variant, held out, judged as a run on unchanged versions.

    The held-out variant's values on the paired seeds are the run; the
    envelope is the other variants'; every measure and arm is judged as a
    default run judges it (paired, by rank, in ulps), Holm over all of them.
    A variant is round-off and nothing else, so any alarm is a false one.
    """
    from dataclasses import replace

    alarms = 0
    for k in range(len(baseline.variants)):
        kept = tuple(v for i, v in enumerate(baseline.variants) if i != k)
        pairs = {name: {s: envelope.Pair(s, p.value, p.variants[:k] + p.variants[k + 1:]) for s, p in seeds.items()}
                 for name, seeds in baseline.pairs.items()}
        run = {name: {s: p.variants[k] for s, p in seeds.items()} for name, seeds in baseline.pairs.items()}
        judged = judge(run, replace(baseline, variants=kept, pairs=pairs))
        alarms += any(d.moved for d in judged.values())
    return alarms, len(baseline.variants)
