"""Evaluate every statistical measure over many seeds and commit what it shows.

    python -m approx.calibrate                       # 100 seeds from 10000, all measures
    python -m approx.calibrate --only spectral_bias  # refresh one measure in place

Calibration seeds start at 10000, away from the spec's defaults (0, 100,
1000, ...), so that no threshold is fitted to the seeds that check it. Each
seed is computed in one worker process, start to finish; a result depends
only on its seed, never on the worker or the order.
"""

import argparse
import multiprocessing
import shlex
import sys
import time

import numpy as np

DEFAULT_SEEDS = 100
DEFAULT_SEED_BASE = 10000


def _measure_seed(task):
    seed, names = task
    from approx import training
    from approx.measures import MEASURES

    values = {name: float(MEASURES[name].compute(seed)) for name in names}
    training.forget()  # the next seed trains fresh models
    return seed, values


def _arguments(argv):
    from approx.cli import positive_int, non_negative_int

    parser = argparse.ArgumentParser(prog="python -m approx.calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=positive_int, default=DEFAULT_SEEDS, help="how many seeds (default %(default)s)")
    parser.add_argument("--seed-base", type=non_negative_int, default=DEFAULT_SEED_BASE,
                        help="first seed (default %(default)s)")
    parser.add_argument("--jobs", type=positive_int, default=multiprocessing.cpu_count(),
                        help="worker processes (default: one per core)")
    parser.add_argument("--only", nargs="+", metavar="MEASURE", help="calibrate only these; keep the rest of the file")
    return parser.parse_args(argv)


def main(argv=None):
    args = _arguments(argv)
    from approx import calibration
    from approx.framework import versions
    from approx.measures import MEASURES

    names = args.only or list(MEASURES)
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        sys.exit(f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(MEASURES)}")
    seeds = list(range(args.seed_base, args.seed_base + args.seeds))
    values: dict[str, dict[int, float]] = {n: {} for n in names}
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for done, (seed, row) in enumerate(pool.imap_unordered(_measure_seed, [(s, names) for s in seeds]), 1):
            for name, value in row.items():
                values[name][seed] = value
            print(f"[{done}/{len(seeds)}] seed {seed} ({time.perf_counter() - started:.0f} s)", flush=True)

    command = "python -m approx.calibrate " + shlex.join(argv if argv is not None else sys.argv[1:])
    if args.only and calibration.PATH.exists():
        old = calibration.load()
        if old.seeds != seeds or old.versions != versions():
            sys.exit("--only must match the committed file's seeds and versions; recalibrate everything instead")
        kept = {name: v for name, v in old.values.items() if name in MEASURES}  # retired measures go
        values = {**kept, **values}
        command = old.command
    result = calibration.Calibration(versions=versions(), command=command.strip(), seeds=seeds, values=values)
    calibration.save(result, {n: (m.claim, m.meaning) for n, m in MEASURES.items()})
    _summarise(result, MEASURES, names)


def _summarise(result, measures, names):
    print(f"\n{'measure':28s} {'claim':6s} {'min':>10s} {'median':>10s} {'max':>10s}  rule       passes")
    for name in names:
        measure, v = measures[name], result.of(name)
        passed, total = result.passes(measure)
        print(f"{name:28s} {measure.claim:6s} {v.min():10.4g} {np.median(v):10.4g} {v.max():10.4g}"
              f"  {measure.rule:10s} {passed}/{total}")


if __name__ == "__main__":
    main()
