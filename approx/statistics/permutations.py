"""Are fit's orders draws of a uniform random permutation? Six tests from scipy.stats, one family.

The data are the orders `model.fit` took: an int array (runs, epochs,
points), `orders[r, e, j]` the point taken j-th in epoch e of run r. fit
cuts each order into batches of 32 and a ragged last one (1000 points: 31
of 32 and one of 8), and a batch is what SGD sees together, so every test
reads a point's *batch*:

  place       every point is equally likely in every batch, the ragged one included: stored-order
              groups × batch, over all epochs (chi2_contingency); a shuffle that leans on the
              stored order, as a small shuffle buffer does, shows here
  ragged      every point is equally likely in the ragged last batch, in finer groups (power_divergence,
              Cressie–Read: with 2 to 5 points expected a group, Pearson's chi-square alarms up to twice
              too often at the family's level, Cressie–Read's never did in 100,000 simulated runs):
              Keras slices the remainder apart from the full batches, and a bug there leaves it unshuffled
  next        an epoch's batches are independent of the previous epoch's: batch × next batch
              (chi2_contingency); it sees points that travel together from batch to batch
  kept        no more points stay in their batch from one epoch to the next than chance keeps there
              (binomtest, one-sided: the count's mean and variance are the binomial's, 31.8 and 30.8
              a pair of epochs, and so is its tail, by simulation)
  runs, runs kept
              the same two between runs: epoch e of one run against epoch e of another

Under a uniform shuffle each p-value is uniform (or larger), so the family
alarms with chance at most BUDGET when each test is held to BUDGET / 6
(Bonferroni). BUDGET is half of a claim's per-run false alarm: S10.4 runs
two such families, unseeded and under a seed. calibration/shuffle.json
holds the check by simulation: the null's false alarms, and the power
against graded skews (approx.statistics.shuffles), for the epochs recorded.
"""

import json
from dataclasses import dataclass

import numpy as np
from scipy import stats

from approx.statistics.calibration import FOLDER
from approx.statistics.reliability import FALSE_ALARM

BATCH = 32  # fit's default batch size; probes.shuffling.BATCH_SIZE, apart so this needs no Keras (a test ties them)
BUDGET = FALSE_ALARM / 2  # of one family: S10.4 has two (unseeded, seeded)
PLACE_GROUPS = 20  # stored-order groups of the place table: coarse enough to pool a smooth lean
RAGGED_GROUPS = 100  # of the ragged batch: fine enough to see a handful of points stored last
TESTS = ("place", "ragged", "next", "kept", "runs", "runs kept")
# What each test asks, in a reader's words (the report's numbers are named by them).
ASKS = {"place": "every point equally likely in every batch",
        "ragged": "every point equally likely in the ragged last batch",
        "next": "an epoch's batches independent of the previous epoch's",
        "kept": "no more points staying in their batch from epoch to epoch than chance keeps",
        "runs": "the two fit calls' batches independent of each other",
        "runs kept": "no more points staying in their batch from call to call than chance keeps"}
# What S10.4 records, as (runs, epochs): unseeded, two fit calls in a fresh process; under a seed, one.
# 30 epochs: the power calibration/shuffle.json shows, for about 30 ms of TensorFlow CPU an epoch.
DESIGNS = {"unseeded": (2, 30), "seeded": (1, 30)}
SURE = 0.99  # a skew caught in this share of simulated runs is one the family reports as caught
CALIBRATION = FOLDER / "shuffle.json"  # approx.tools.shuffle_calibration writes it


def batch_sizes(points: int) -> np.ndarray:
    """The sizes of an epoch's batches: all BATCH but a ragged last one."""
    full, ragged = divmod(points, BATCH)
    return np.array([BATCH] * full + ([ragged] if ragged else []))


def batches(orders: np.ndarray) -> np.ndarray:
    """Each point's batch in each order: same shape as `orders`, indexed by point instead of place."""
    places = np.argsort(orders, axis=-1)
    return places // BATCH


def _table(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    return np.bincount((rows * shape[1] + columns).ravel(), minlength=shape[0] * shape[1]).reshape(shape)


def place_table(batch: np.ndarray) -> np.ndarray:
    """Stored-order group × batch: how often each group's points sat in each batch."""
    points, count = batch.shape[-1], batch.max() + 1
    group = np.broadcast_to(np.arange(points) * PLACE_GROUPS // points, batch.shape)
    return _table(group, batch, (PLACE_GROUPS, count))


def ragged_counts(batch: np.ndarray) -> np.ndarray:
    """How often each group of RAGGED_GROUPS stored-order groups sat in the ragged last batch."""
    points = batch.shape[-1]
    group = np.arange(points) * RAGGED_GROUPS // points
    return np.bincount(group[np.nonzero(batch == batch.max())[-1]], minlength=RAGGED_GROUPS)


def pair_table(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Batch in one order × batch in another, point by point, summed over the pairs given."""
    count = max(before.max(), after.max()) + 1
    return _table(before, after, (count, count))


def _contingency(table: np.ndarray) -> float:
    return float(stats.chi2_contingency(table, correction=False).pvalue)


def _kept(table: np.ndarray, pairs: int, points: int) -> float:
    """One-sided: more points in the same batch in both orders than chance (Σ size² / points² each)."""
    chance = float((batch_sizes(points) ** 2).sum()) / points**2
    return float(stats.binomtest(int(np.trace(table)), pairs * points, chance, alternative="greater").pvalue)


def pvalues(orders: np.ndarray) -> dict[str, float]:
    """Each test's p-value for the orders (runs, epochs, points); the run tests need two runs."""
    runs, epochs, points = orders.shape
    batch = batches(orders)
    counts = ragged_counts(batch)
    found = {"place": _contingency(place_table(batch)),
             "ragged": float(stats.power_divergence(counts, lambda_="cressie-read").pvalue)}
    following = pair_table(batch[:, :-1], batch[:, 1:])
    found["next"] = _contingency(following)
    found["kept"] = _kept(following, runs * (epochs - 1), points)
    if runs > 1:
        across = pair_table(batch[0], batch[1])
        found["runs"] = _contingency(across)
        found["runs kept"] = _kept(across, epochs, points)
    return found


def level(tests: int = len(TESTS), budget: float = BUDGET) -> float:
    """The p-value below which one of `tests` tests alarms (Bonferroni: the family's chance stays within budget)."""
    return budget / tests


@dataclass(frozen=True)
class Verdict:
    """The family's p-values for some recorded orders, and which fell below the level."""

    pvalues: dict[str, float]
    level: float
    orders: tuple[int, int, int]  # runs, epochs, points

    @property
    def failed(self) -> list[str]:
        return [name for name, p in self.pvalues.items() if p < self.level]

    @property
    def uniform(self) -> bool:
        return not self.failed

    def __str__(self):
        runs, epochs, points = self.orders
        tests = ", ".join(f"{name} p = {p:.2g}{' (FAIL)' if p < self.level else ''}"
                          for name, p in self.pvalues.items())
        return (f"fit's orders over {runs} run(s) of {epochs} epochs of {points} points, as uniform random"
                f" permutations: each test must give p >= {self.level:.2g}; {tests}")


def judge(orders: np.ndarray, budget: float = BUDGET) -> Verdict:
    """The family's verdict on recorded orders (runs, epochs, points)."""
    orders = np.asarray(orders)
    found = pvalues(orders)
    return Verdict(found, level(len(found), budget), orders.shape)


def weakest_caught(design: str) -> dict[str, float]:
    """For each skew, the weakest strength the family caught in SURE of the runs simulated for `design`."""
    skews = json.loads(CALIBRATION.read_text())["designs"][design]["power"]["skews"]
    return {skew: min((float(strength) for strength, found in table.items() if found["caught"] >= SURE),
                      default=float("nan")) for skew, table in skews.items()}
