"""Evaluate every statistical measure over many seeds, commit what it shows, and render it into the README.

    approx calibrate                       # 100 seeds from 10000, all measures
    approx calibrate --only spectral_bias  # refresh one measure in place
    approx calibrate --readme              # only re-render README.md's table from the committed file
    approx calibrate --false-alarms        # only measure the drift test's false-alarm rate on the baseline

Calibration seeds start at 10000, away from the spec's defaults (0, 100,
1000, ...), so that no rule is fitted to the seeds that check it. Each seed
is computed in one worker process, start to finish; a result depends only on
its seed, never on the worker or the order.

It calibrates the Keras backend the process runs on (KERAS_BACKEND) and
writes that backend's baseline: calibration/calibration.json for TensorFlow,
calibration.jax.json or calibration.torch.json for the others.

README.md's calibration table (between its `calibration-table` markers) is
made from calibration/calibration.json, TensorFlow's, by `table`, and a test
checks the two agree: the README never quotes a calibration number by hand.
"""

import argparse
import multiprocessing
import re
import shlex
import sys
import time
from pathlib import Path

from approx import backend
from approx.atomic import write_atomically
from approx.cli import non_negative_int, positive_int
from approx.statistics import calibration, drift, reliability

DEFAULT_SEEDS = 100
DEFAULT_SEED_BASE = 10000
README = Path(__file__).resolve().parents[2] / "README.md"
TABLE = re.compile(r"(<!-- calibration-table -->\n).*?(<!-- /calibration-table -->)", re.S)


def _measure_seed(task):
    seed, names = task
    from approx.statistics.measures import quantities
    from approx.training.session import current

    known = quantities()
    values = {name: float(known[name].compute(seed)) for name in names}
    current().forget()  # the next seed trains fresh models
    return seed, values


def arguments(argv):
    parser = argparse.ArgumentParser(prog="approx calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=positive_int, default=DEFAULT_SEEDS, help="how many seeds (default %(default)s)")
    parser.add_argument("--seed-base", type=non_negative_int, default=DEFAULT_SEED_BASE,
                        help="first seed (default %(default)s)")
    parser.add_argument("--jobs", type=positive_int, default=multiprocessing.cpu_count(),
                        help="worker processes (default: one per core)")
    parser.add_argument("--only", nargs="+", metavar="MEASURE", help="calibrate only these; keep the rest of the file")
    parser.add_argument("--readme", action="store_true",
                        help="train nothing: re-render README.md's calibration table from the committed file")
    parser.add_argument("--false-alarms", action="store_true",
                        help="train nothing: how often a default run on unchanged versions would raise a drift alarm,"
                             " by resampling the committed baseline against itself")
    return parser.parse_args(argv)


def _detects(result: calibration.Calibration, name: str) -> str:
    """The smallest shift a default run's seeds detect in this measure or arm (approx.statistics.drift)."""
    found = drift.detectable_shift(result.of(name), reliability.DEFAULT_SEEDS, family=len(result.values))
    return f"×{found:g}" if found else "—"


def table(result: calibration.Calibration, measures: dict, arms: dict | None = None) -> str:
    """README.md's calibration table: each measure's rule, spread, pass count and the drift its seeds can see.

    Then, when given, the arms: their spread and the drift they can see.
    """
    versions = result.versions
    rows = [f"Measured by `{result.command}` on {len(result.seeds)} seeds ({result.seeds[0]}–{result.seeds[-1]}),"
            f" TensorFlow {versions['tensorflow']}, Keras {versions['keras']}, numpy {versions['numpy']}."
            f" *Drift seen*: the smallest factor, up or down, by which a run of {reliability.DEFAULT_SEEDS} seeds"
            f" finds the values moved in {drift.POWER:.0%} of runs.", "",
            "| measure | what it is | rule | min | median | max | seeds meeting the rule | drift seen |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, measure in measures.items():
        low, median, high = result.spread(name)
        passed, total = result.passes(measure)
        article = " (judged by how often)" if measure.by_rate else ""
        meaning = measure.meaning.replace("|", "\\|")  # a bar inside a cell would end it
        rows.append(f"| `{name}` | {meaning}{article} | {measure.rule} | {low:.3g} |"
                    f" {median:.3g} | {high:.3g} | {passed}/{total} | {_detects(result, name)} |")
    if arms:
        rows += ["", "| arm | what it is | min | median | max | drift seen |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for name, arm in arms.items():
            low, median, high = result.spread(name)
            meaning = arm.meaning.replace("|", "\\|")
            rows.append(f"| `{name}` | {meaning} | {low:.3g} | {median:.3g} | {high:.3g} |"
                        f" {_detects(result, name)} |")
    return "\n".join(rows) + "\n"


def render_readme(result: calibration.Calibration, measures: dict, arms: dict | None = None,
                  readme: Path = README) -> None:
    text = readme.read_text()
    if not TABLE.search(text):
        sys.exit(f"{readme} has no <!-- calibration-table --> … <!-- /calibration-table --> block to fill")
    write_atomically(readme, TABLE.sub(lambda m: m.group(1) + table(result, measures, arms) + m.group(2), text))


def main(argv=None):
    args = arguments(argv)
    if args.false_alarms:
        base, resamples = calibration.load(), 1000
        rate = drift.false_alarm_rate(base, reliability.DEFAULT_SEEDS, resamples)
        print(f"{rate:.1%} of {resamples} runs of {reliability.DEFAULT_SEEDS} baseline seeds, judged against the other"
              f" {len(base.seeds) - reliability.DEFAULT_SEEDS} over {len(base.values)} measures and arms, raised a"
              f" drift alarm (Holm promises at most {drift.ALPHA:.0%})")
        return
    from approx.framework import versions
    from approx.statistics.measures import ARMS, MEASURES, quantities

    if args.readme:
        render_readme(calibration.load(calibration.PATH), MEASURES, ARMS)
        return
    known = quantities()
    names = args.only or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"unknown measure(s) or arm(s) {', '.join(unknown)}; known: {', '.join(known)}")
    seeds = list(range(args.seed_base, args.seed_base + args.seeds))
    values: dict[str, dict[int, float]] = {n: {} for n in names}
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for done, (seed, row) in enumerate(pool.imap_unordered(_measure_seed, [(s, names) for s in seeds]), 1):
            for name, value in row.items():
                values[name][seed] = value
            print(f"[{done}/{len(seeds)}] seed {seed} ({time.perf_counter() - started:.0f} s)", flush=True)

    command = "approx calibrate " + shlex.join(argv if argv is not None else sys.argv[1:])
    if args.only and calibration.baseline_path().exists():
        old = calibration.load()
        if old.seeds != seeds or old.versions != versions():
            sys.exit("--only must match the committed file's seeds and versions; recalibrate everything instead")
        kept = {name: v for name, v in old.values.items() if name in known}  # retired measures go
        values = {**kept, **values}
        command = old.command
    result = calibration.Calibration(versions=versions(), command=command.strip(), seeds=seeds, values=values)
    before = calibration.load() if calibration.baseline_path().exists() else None
    calibration.save(result, {n: q.meaning for n, q in known.items()})
    if before is not None:
        changelog(before, result)
    if backend.chosen() == backend.DEFAULT:  # README's table is the default backend's baseline
        render_readme(result, {n: MEASURES[n] for n in MEASURES if n in values},
                      {n: ARMS[n] for n in ARMS if n in values})
    _summarise(result, MEASURES, [n for n in names if n in MEASURES])


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
