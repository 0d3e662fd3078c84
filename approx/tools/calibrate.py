"""Evaluate every statistical measure over many seeds, commit what it shows, and re-render the docs' tables.

    approx calibrate                       # 100 seeds from 10000 and the paired seeds, all measures
    approx calibrate --only spectral_bias  # refresh one measure in place
    approx calibrate --pairs               # only the paired seeds and their round-off variants
    approx calibrate --false-alarms        # only measure the drift test's false-alarm rate on the baseline
    approx calibrate --scheduler tcp://HOST:8786   # the same, its pieces on a Dask cluster
    approx calibrate --seeds 4 --only line_w       # a trial apart from the baseline: written to reports/

Calibration seeds start at 10000, away from the spec's defaults (0, 100,
1000, ...), so that no rule is fitted to the seeds that check it: they are
the unpaired distribution. The *paired* seeds are the ones a default run
uses (0-4): each is computed plainly and again under every round-off
variant (approx.training.roundoff), which gives the paired test its envelope.
Each seed under each variant is a piece (approx.tools.measuring), on the
local pool or, with --scheduler, on a Dask cluster, and the file records
which machine computed which piece. A run cut short resumes: the same command keeps the
pieces it had done.

It calibrates the Keras backend the process runs on (KERAS_BACKEND) and
writes that backend's baseline: calibration/calibration.json for TensorFlow,
calibration.jax.json or calibration.torch.json for the others.

The docs' calibration table (docs/judging.md) is made from
calibration/calibration.json, TensorFlow's, and their backends table from
all three baselines (approx.tools.tables.baselines); calibrating re-renders
both (approx.tools.docs),
and a test fails when a rendering is stale: no calibration number is typed by hand.
"""

import argparse
import multiprocessing
import shlex
import sys
from pathlib import Path

from approx import backend
from approx.cli import non_negative_int, positive_int
from approx.repository import ROOT
from approx.statistics import calibration, drift, reliability
from approx.statistics.envelope import Pair
from approx.tools import docs, measuring, pieces
from approx.training import roundoff

BASELINE_SEEDS = 100  # the unpaired distribution: how many seeds the baseline trains
BASELINE_SEED_BASE = 10000  # its first: away from the runs' own seeds (0, 100, 1000, ...)


def arguments(argv):
    parser = argparse.ArgumentParser(prog="approx calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=positive_int, default=BASELINE_SEEDS, help="how many seeds (default %(default)s)")
    parser.add_argument("--seed-base", type=non_negative_int, default=BASELINE_SEED_BASE,
                        help="first seed (default %(default)s)")
    parser.add_argument("--jobs", type=positive_int, default=multiprocessing.cpu_count(),
                        help="worker processes of the local pool (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the pieces on the Dask cluster of this scheduler (tcp://HOST:PORT) instead of the"
                             f" local pool; needs the cluster extra ({pieces.CLUSTER_EXTRA})")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="where to write (default: this backend's committed baseline; --only or --pairs over"
                             f" other seeds or versions than it holds write {SCRATCH.relative_to(ROOT)} instead)")
    parser.add_argument("--only", nargs="+", metavar="MEASURE", help="calibrate only these; keep the rest of the file")
    parser.add_argument("--pairs", action="store_true",
                        help="only the paired seeds and their round-off variants; keep the unpaired seeds")
    parser.add_argument("--false-alarms", action="store_true",
                        help="train nothing: how often a default run on unchanged versions would raise a drift alarm,"
                             " by resampling the committed baseline against itself")
    return parser.parse_args(argv)


def main(argv=None):
    args = arguments(argv)
    if args.false_alarms:
        base, resamples = calibration.load(), 1000
        rate = drift.false_alarm_rate(base, reliability.DEFAULT_SEEDS, resamples)
        print(f"unpaired: {rate:.1%} of {resamples} runs of {reliability.DEFAULT_SEEDS} baseline seeds, judged against"
              f" the other {len(base.seeds) - reliability.DEFAULT_SEEDS} over {len(base.values)} measures and arms,"
              f" raised a drift alarm (Holm promises at most {drift.ALPHA:.0%})")
        if base.pairs:
            alarms, runs = drift.held_out_false_alarms(base)
            print(f"paired: {alarms} of {runs} round-off variants, each held out and judged against the envelope of"
                  f" the others on every measure and arm, raised a drift alarm")
        return
    from approx.framework import versions
    from approx.statistics.measures import MEASURES, quantities, round_off_only

    known = quantities()
    names = args.only or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"unknown measure(s) or arm(s) {', '.join(unknown)}; known: {', '.join(known)}")
    seeds = list(range(args.seed_base, args.seed_base + args.seeds))
    path, old = _target(args, seeds, versions())
    variants = roundoff.available(backend.chosen())
    if old is not None and (args.only or args.pairs) and old.variants and old.variants != variants:
        sys.exit(f"the committed pairs were made under {old.variants}, not {variants}; recalibrate everything")
    paired = list(reliability.PAIRED_SEEDS)
    tasks = [] if args.pairs else [(s, None) for s in seeds]
    tasks += [(s, None) for s in paired] + [(s, v) for v in variants for s in paired]
    tasks = list(dict.fromkeys(tasks))  # seeds from 0 are paired seeds too: each computed once
    made_of = measuring.work(tasks, names)
    results, machines = measuring.compute(tasks, made_of, args.jobs, args.scheduler)

    values = {n: {s: results[s, None][n] for s in seeds} for n in names} if not args.pairs else {}
    pairs = {n: {s: Pair(s, results[s, None][n], tuple(results[s, v][n] for v in variants)) for s in paired}
             for n in names}
    command = ("approx calibrate " + shlex.join(argv if argv is not None else sys.argv[1:])).strip()
    computed_on = [{"command": command, "names": args.only or "all", "machines": machines}]
    if old is not None and (args.only or args.pairs):
        values = {**{n: v for n, v in old.values.items() if n in known}, **values}  # retired measures go
        pairs = {**{n: p for n, p in old.pairs.items() if n in known}, **pairs}
        command, computed_on = old.command, old.computed_on + computed_on
    result = calibration.Calibration(versions=versions(), command=command, seeds=seeds, values=values,
                                     variants=variants, pairs=pairs, ulps_of=round_off_only(), computed_on=computed_on)
    calibration.save(result, {n: q.meaning for n, q in known.items()}, path)
    pieces.finish("calibrate", made_of)
    print(f"wrote {path}")
    if len(cpus := {m["cpu"] for m in machines.values()}) > 1:
        print(f"computed on {len(cpus)} CPU models: their values agree within the round-off envelope, not to the bit")
    if old is not None:
        changelog(old, result)
    if path == calibration.baseline_path():
        docs.refresh(path)  # the docs' tables read the committed baselines
    _summarise(result, MEASURES, [n for n in names if n in MEASURES])


SCRATCH = ROOT / "reports"  # where a calibration apart from the committed baseline goes by default


def _target(args, seeds: list[int], running: dict) -> tuple[Path, calibration.Calibration | None]:
    """Where this calibration goes, and the calibration there that --only or --pairs refresh (None: none).

    --only and --pairs refresh a file made on the same seeds and versions. Asked
    of the committed baseline over other ones, they leave it alone and write a
    calibration of their own names to reports/ instead.
    """
    path = args.output or calibration.baseline_path()
    old = calibration.load(path) if path.exists() else None
    if not (args.only or args.pairs):
        return path, old
    if old is not None and old.seeds == seeds and old.versions == running:
        return path, old
    if args.pairs:
        sys.exit(f"--pairs refreshes the pairs of a calibration made on the same seeds and versions; {path} holds"
                 f" {'none' if old is None else 'other ones'}: calibrate everything instead")
    if args.output is None:
        scratch = SCRATCH / calibration.baseline_path().name
        print(f"{path.relative_to(ROOT)} was made on other seeds or versions: it is left alone, and this"
              f" calibration of {len(args.only)} names goes to {scratch.relative_to(ROOT)}")
        return scratch, None
    return path, None


def changelog(before: calibration.Calibration, after: calibration.Calibration) -> None:
    """What re-baselining changed, measure by measure and arm by arm: the behaviour changelog."""
    from approx.tools import compare

    old = compare.baseline_side(before, "the baseline replaced")
    new = compare.baseline_side(after, "the new baseline")
    print("\nbehaviour changelog, old → new:\n" + "\n".join(compare.lines(old, new, compare.compare(old, new))))


def _summarise(result, measures, names):
    print(f"\n{'measure':28s} {'min':>10s} {'median':>10s} {'max':>10s}  rule       passes")
    for name in names:
        low, median, high = result.spread(name)
        passed, total = result.passes(measures[name])
        print(f"{name:28s} {low:10.4g} {median:10.4g} {high:10.4g}  {measures[name].rule:10s} {passed}/{total}")


if __name__ == "__main__":
    main()
