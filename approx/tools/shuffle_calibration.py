"""Calibrate the shuffle tests by simulation: their false alarms on uniform orders, their power on skewed ones.

    python -m approx.tools.shuffle_calibration              # the spec's designs, into calibration/shuffle.json
    python -m approx.tools.shuffle_calibration --designs 2x20 2x40 --simulations 2000 --out -
    KERAS_BACKEND=jax python -m approx.tools.shuffle_calibration --keras 400   # real fit orders, into the record

No Keras: numpy draws the orders fit would take (uniform random
permutations of 1000 points, in runs × epochs: DESIGNS) and the skewed
ones of approx.statistics.shuffles, and approx.statistics.permutations
judges them. On uniform orders the family must alarm at most its budget;
the record keeps the count, its 95% upper bound (Clopper–Pearson), and each
test's alarms at 1% and 0.1%, where a p-value that is not uniform would
show. For each skew and strength it keeps the share of simulated runs the
family caught: the power the drill's graded rows are chosen by.

The simulation takes Keras's shuffle to be uniform; `--keras CALLS` checks
that on the framework itself, on KERAS_BACKEND's backend. It records the
orders of CALLS unseeded `model.fit` calls of S10.4's epochs, in a fresh
process as the spec test does, pairs them into S10.4's unseeded design, and
holds each test's p-values to their law on simulated uniform orders
(two-sample Kolmogorov–Smirnov): where they agree, the simulated false-alarm
rate is the spec's on this Keras. The family's alarms among these designs
are kept too; the record's other parts stay as they are.
"""

import argparse
import json
import sys
import time

import numpy as np

from scipy import stats

from approx.atomic import write_atomically
from approx.statistics import permutations, shuffles
from approx.statistics.reliability import pass_rate_upper_bound

PATH = permutations.CALIBRATION
POINTS = 1000  # the article's
DESIGNS = permutations.DESIGNS
SEED = 20261206  # simulations are drawn the same way every time
STRENGTHS = {"buffered": (0.5, 0.2, 0.1, 0.08, 0.06, 0.04), "sticky": (0.02, 0.01, 0.005, 0.003, 0.002),
             "tail": (0.5, 0.2, 0.1, 0.05, 0.02)}
CHUNK = 200  # simulations drawn at once
FIT_CHUNK = 10  # fit calls recorded on one model: its record is copied every step, so keep it small
NULL_PER_DESIGN = 10  # simulated uniform designs per recorded one, for the p-values' law


def _simulate(rng, simulations, runs, epochs, skew=None, strength=0.0):
    """Each simulated run's p-values, test by test: {test: array of p}."""
    found = {}
    for start in range(0, simulations, CHUNK):
        for orders in shuffles.draw(rng, min(CHUNK, simulations - start), runs, epochs, POINTS, skew, strength):
            for name, p in permutations.pvalues(orders).items():
                found.setdefault(name, []).append(p)
    return {name: np.array(ps) for name, ps in found.items()}


def null(rng, simulations, runs, epochs) -> dict:
    """The family's false alarms on uniform orders, and each test's at fixed levels."""
    found = _simulate(rng, simulations, runs, epochs)
    at = permutations.level(len(found))
    smallest = np.min(list(found.values()), axis=0)
    alarms = int((smallest < at).sum())
    return {"simulations": simulations, "level": at, "family alarms": alarms,
            "family alarm bound": pass_rate_upper_bound(alarms, simulations),
            "tests": {name: {"below 0.01": int((ps < 0.01).sum()), "below 0.001": int((ps < 0.001).sum()),
                             "below level": int((ps < at).sum())} for name, ps in found.items()}}


def power(rng, simulations, runs, epochs) -> dict:
    """For each skew and strength, the share of runs the family caught, and which tests did."""
    table = {}
    for skew, strengths in STRENGTHS.items():
        for strength in strengths:
            found = _simulate(rng, simulations, runs, epochs, skew, strength)
            at = permutations.level(len(found))
            caught = np.min(list(found.values()), axis=0) < at
            table.setdefault(skew, {})[f"{strength:g}"] = {
                "caught": round(float(caught.mean()), 4),
                "by": {name: round(float((ps < at).mean()), 4) for name, ps in found.items() if (ps < at).any()}}
            print(f"  {epochs} epochs × {runs} runs, {skew}@{strength:g}: caught {caught.mean():.3f}",
                  file=sys.stderr, flush=True)
    return table


def on_keras(rng, calls: int) -> dict:
    """S10.4's unseeded family on orders `model.fit` really took here, against its law on uniform orders."""
    from approx.framework import keras, versions
    from approx.probes import shuffling

    runs, epochs = DESIGNS["unseeded"]
    began = time.perf_counter()
    recorded = [shuffling.fit_orders(POINTS, epochs, min(FIT_CHUNK, calls - start))[0]
                for start in range(0, calls, FIT_CHUNK)]
    seconds = time.perf_counter() - began
    orders = np.concatenate(recorded)
    designs = orders[: len(orders) - len(orders) % runs].reshape(-1, runs, epochs, POINTS)
    found = {}
    for design in designs:
        for name, p in permutations.pvalues(design).items():
            found.setdefault(name, []).append(p)
    simulated = _simulate(rng, NULL_PER_DESIGN * len(designs), runs, epochs)
    at = permutations.level(len(found))
    alarms = int((np.min(list(found.values()), axis=0) < at).sum())
    return {"backend": keras.backend.backend(), "versions": versions(), "fit calls": calls,
            "designs": len(designs), "seconds": round(seconds), "simulated designs": NULL_PER_DESIGN * len(designs),
            "family alarms": alarms, "family alarm bound": pass_rate_upper_bound(alarms, len(designs)),
            "tests": {name: {"KS p against simulated": float(stats.ks_2samp(ps, simulated[name]).pvalue),
                             "median p": float(np.median(ps)), "below 0.01": int((np.array(ps) < 0.01).sum())}
                      for name, ps in found.items()}}


def calibrate(designs: dict[str, tuple[int, int]], null_simulations: int, power_simulations: int) -> dict:
    import scipy

    record = {"command": " ".join(["python -m approx.tools.shuffle_calibration", *sys.argv[1:]]),
              "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
              "points": POINTS, "budget": permutations.BUDGET, "seed": SEED, "designs": {}}
    for name, (runs, epochs) in designs.items():
        rng = np.random.default_rng([SEED, runs, epochs])
        began = time.process_time()
        record["designs"][name] = {"runs": runs, "epochs": epochs, "null": null(rng, null_simulations, runs, epochs),
                                   "power": {"simulations": power_simulations,
                                             "skews": power(rng, power_simulations, runs, epochs)},
                                   "cpu seconds": round(time.process_time() - began)}
    return record


def _design(text: str) -> tuple[int, int]:
    runs, _, epochs = text.partition("x")
    return int(runs), int(epochs)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m approx.tools.shuffle_calibration", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--designs", nargs="+", metavar="RUNSxEPOCHS",
                        help="designs to try instead of the spec's (" + ", ".join(
                            f"{name} {r}x{e}" for name, (r, e) in DESIGNS.items()) + ")")
    parser.add_argument("--simulations", type=int, default=60000, help="uniform runs for the false alarms")
    parser.add_argument("--power-simulations", type=int, default=400, help="skewed runs per strength")
    parser.add_argument("--keras", type=int, metavar="CALLS",
                        help="instead: record CALLS unseeded model.fit calls on KERAS_BACKEND's backend and check"
                             " the tests' p-values there against the simulated ones (kept under 'keras' in the record)")
    parser.add_argument("--out", default=str(PATH), help="where to write ('-': standard output)")
    args = parser.parse_args(argv)
    if args.keras is not None:
        if args.keras < 2 * DESIGNS["unseeded"][0]:
            parser.error(f"--keras needs at least {2 * DESIGNS['unseeded'][0]} fit calls, got {args.keras}")
        found = on_keras(np.random.default_rng([SEED, args.keras]), args.keras)
        record = json.loads(PATH.read_text())
        record.setdefault("keras", {})[found["backend"]] = {"command": " ".join(
            [f"KERAS_BACKEND={found['backend']} python -m approx.tools.shuffle_calibration", *sys.argv[1:]]), **found}
        _write(json.dumps(record, indent=1), args.out)
        return
    designs = {text: _design(text) for text in args.designs} if args.designs else DESIGNS
    previous = json.loads(PATH.read_text()).get("keras") if PATH.exists() and args.out == str(PATH) else None
    record = calibrate(designs, args.simulations, args.power_simulations)
    if previous:  # the real-fit checks are made by --keras, one backend at a time: kept
        record["keras"] = previous
    _write(json.dumps(record, indent=1), args.out)


def _write(record: str, out: str) -> None:
    if out == "-":
        print(record)
    else:
        write_atomically(out, record + "\n")


if __name__ == "__main__":
    main()
