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
Each seed under each variant is a piece (approx.tools.pieces), computed in
one process start to finish, on the local pool or, with --scheduler, on a
Dask cluster; a result depends only on its seed and variant, never on the
worker, the machine or the order, and the file records which machine
computed which piece. A run cut short resumes: the same command keeps the
pieces it had done.

It calibrates the Keras backend the process runs on (KERAS_BACKEND) and
writes that backend's baseline: calibration/calibration.json for TensorFlow,
calibration.jax.json or calibration.torch.json for the others.

The docs' calibration table (docs/judging.md) is made from
calibration/calibration.json, TensorFlow's, by `table`, and their backends
table from all three baselines; calibrating re-renders both (approx.tools.docs),
and a test fails when a rendering is stale: no calibration number is typed by hand.
"""

import argparse
import multiprocessing
import shlex
import sys
from pathlib import Path

from approx import backend
from approx.cli import non_negative_int, positive_int
from approx.statistics import calibration, drift, envelope, reliability
from approx.statistics.envelope import Pair
from approx.tools import docs, pieces
from approx.training import roundoff

DEFAULT_SEEDS = 100
DEFAULT_SEED_BASE = 10000


_SESSIONS = {}  # nudge -> this process's session: compiled trainers are kept from seed to seed


def measure_seed(task: list) -> dict[str, float]:
    """One piece of a calibration: every name's value on `seed` under round-off `variant` (None: plain)."""
    seed, names, variant = task
    from approx.statistics.measures import quantities
    from approx.training.session import Session, using

    known = quantities()
    draw = roundoff.nudge(variant)
    session = _SESSIONS.setdefault(draw, Session(nudge=draw))
    with using(session):
        values = {name: float(known[name].compute(seed)) for name in names}
    session.forget()  # the next seed trains fresh models
    return values


def piece_key(seed: int, variant: str | None) -> str:
    """How a piece is named in the progress lines, the journal and the file's `computed_on`."""
    return f"seed {seed}" + (f", {variant}" if variant else "")


def work(tasks: list[tuple[int, str | None]], names: list[str]) -> list[pieces.Piece]:
    """A piece per task: a seed under a round-off variant, every name measured on it."""
    return [pieces.Piece(piece_key(seed, variant), "approx.tools.calibrate", "measure_seed", [seed, names, variant],
                         roundoff.process_setting(variant)) for seed, variant in tasks]


def compute(tasks: list[tuple[int, str | None]], made_of: list[pieces.Piece], jobs: int,
            scheduler: str | None = None):
    """({(seed, variant): {name: value}} of every task, who computed which), its pieces here or on a Dask cluster."""
    done = pieces.run("calibrate", made_of, jobs, scheduler)
    machines: dict[str, dict] = {}
    for key, d in done.items():
        machines.setdefault(d.machine, {"cpu": d.cpu, "pieces": []})["pieces"].append(key)
    return {(seed, variant): done[piece_key(seed, variant)].result for seed, variant in tasks}, machines


def arguments(argv):
    parser = argparse.ArgumentParser(prog="approx calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=positive_int, default=DEFAULT_SEEDS, help="how many seeds (default %(default)s)")
    parser.add_argument("--seed-base", type=non_negative_int, default=DEFAULT_SEED_BASE,
                        help="first seed (default %(default)s)")
    parser.add_argument("--jobs", type=positive_int, default=multiprocessing.cpu_count(),
                        help="worker processes of the local pool (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the pieces on the Dask cluster of this scheduler (tcp://HOST:PORT) instead of the"
                             f" local pool; needs the cluster extra ({pieces.CLUSTER_EXTRA})")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="where to write (default: this backend's committed baseline; --only or --pairs over"
                             f" other seeds or versions than it holds write {SCRATCH.relative_to(pieces.ROOT)} instead)")
    parser.add_argument("--only", nargs="+", metavar="MEASURE", help="calibrate only these; keep the rest of the file")
    parser.add_argument("--pairs", action="store_true",
                        help="only the paired seeds and their round-off variants; keep the unpaired seeds")
    parser.add_argument("--false-alarms", action="store_true",
                        help="train nothing: how often a default run on unchanged versions would raise a drift alarm,"
                             " by resampling the committed baseline against itself")
    return parser.parse_args(argv)


PAIRED = range(reliability.DEFAULT_SEED_BASE, reliability.DEFAULT_SEED_BASE + reliability.DEFAULT_SEEDS)


def _judged(result: calibration.Calibration, name: str) -> str:
    """How a default run judges `name` (approx.statistics.drift.how_judged)."""
    return drift.how_judged(name, PAIRED, result)


def _family(result: calibration.Calibration) -> int:
    """How many tests a default run corrects together: a rank test per ranked name, a paired test per paired one."""
    return sum(_judged(result, name) != drift.IN_ULPS for name in result.values) + sum(
        _judged(result, name) == drift.PAIRED_AND_RANKED for name in result.values)


def _detects(result: calibration.Calibration, name: str) -> str:
    """The smallest shift a default run's seeds detect in this measure or arm (approx.statistics.drift)."""
    judged = _judged(result, name)
    if judged == drift.IN_ULPS:
        return f"{envelope.ULPS} float32 ulps"
    if judged == drift.PAIRED_AND_RANKED:
        return f"×{1 + envelope.smallest_effect(result.pairs_of(name)):.4g} (paired)"
    found = drift.detectable_shift(result.of(name), reliability.DEFAULT_SEEDS, family=_family(result))
    return (f"×{found:g}" if found else "—") + (" (chaotic: by rank)" if judged == drift.RANKED_CHAOTIC else "")


def _envelope(result: calibration.Calibration, name: str) -> str:
    pairs = result.pairs_of(name)
    return f"{envelope.widest(pairs):.2g}" if pairs else "—"


def table(result: calibration.Calibration, measures: dict, arms: dict | None = None) -> str:
    """The docs' calibration table: each measure's rule, spread, pass count and the drift its seeds can see.

    Then, when given, the arms: their spread and the drift they can see.
    """
    versions = result.versions
    rows = [f"Measured by `{result.command}` on {len(result.seeds)} seeds ({result.seeds[0]}–{result.seeds[-1]}),"
            f" TensorFlow {versions['tensorflow']}, Keras {versions['keras']}, numpy {versions['numpy']}."
            f" *Envelope*: the widest relative change any round-off variant made on a paired seed"
            f" ({', '.join(map(str, result.paired_seeds))};"
            f" {len(result.variants)} variants). *Drift seen*: the smallest factor, up or down, by which a"
            f" run of {reliability.DEFAULT_SEEDS} seeds finds the values moved in {drift.POWER:.0%} of runs:"
            f" paired where the envelope allows, by rank where round-off is chaotic.", "",
            "| measure | what it is | rule | min | median | max | seeds meeting the rule | envelope | drift seen |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, measure in measures.items():
        low, median, high = result.spread(name)
        passed, total = result.passes(measure)
        article = " (judged by how often)" if measure.by_rate else ""
        meaning = measure.meaning.replace("|", "\\|")  # a bar inside a cell would end it
        rows.append(f"| `{name}` | {meaning}{article} | {measure.rule} | {low:.3g} |"
                    f" {median:.3g} | {high:.3g} | {passed}/{total} | {_envelope(result, name)} |"
                    f" {_detects(result, name)} |")
    if arms:
        rows += ["", "| arm | what it is | min | median | max | envelope | drift seen |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for name, arm in arms.items():
            low, median, high = result.spread(name)
            meaning = arm.meaning.replace("|", "\\|")
            rows.append(f"| `{name}` | {meaning} | {low:.3g} | {median:.3g} | {high:.3g} |"
                        f" {_envelope(result, name)} | {_detects(result, name)} |")
    return "\n".join(rows) + "\n"


def backends_table(base: calibration.Calibration, others: dict[str, calibration.Calibration]) -> str:
    """The docs' cross-backend table: per name, does each other backend train the paired seeds within TF's allowance?"""
    paired = {name: o for name, o in others.items() if o.pairs}
    if not paired:
        return ("No other backend's baseline keeps pairs yet: make one with"
                " `KERAS_BACKEND=jax approx calibrate --pairs`.\n")
    found = {name: envelope.agreement(base, other) for name, other in paired.items()}
    names = sorted(set().union(*(f.keys() for f in found.values())))
    lines = ["From the committed baselines: on each paired seed, the other backend's value against TensorFlow's,"
             " as a relative difference beside TensorFlow's smallest effect worth flagging (*within*: no larger).", "",
             "| name | TensorFlow allows | " + " | ".join(paired) + " |", "| --- | ---: |" + " ---: |" * len(paired)]
    for name in names:
        first = next(f[name] for f in found.values() if name in f)
        kind = " (chaotic: by rank)" if first.chaotic else " (in ulps)" if first.in_ulps else ""
        unit = " ulps" if first.in_ulps else ""
        cells = []
        for backend_name in paired:
            a = found[backend_name].get(name)
            cells.append("—" if a is None else f"{a.worst:.2g}{unit} {'within' if a.within else 'outside'}")
        lines.append(f"| `{name}`{kind} | {first.effect:.2g}{unit} | " + " | ".join(cells) + " |")
    counts = [f"{name}: {sum(a.within for a in f.values() if not a.chaotic)} of"
              f" {sum(not a.chaotic for a in f.values())} names that are not chaotic within, of them"
              f" {sum(a.worst == 0 for a in f.values() if not a.chaotic)} to the bit" for name, f in found.items()]
    return "\n".join(lines) + "\n\n" + "; ".join(counts) + ".\n"


def other_baselines() -> dict[str, calibration.Calibration]:
    """The committed baselines of the backends other than TensorFlow."""
    return {name: calibration.load(calibration.baseline_path(name)) for name in backend.NAMES
            if name != backend.DEFAULT and calibration.baseline_path(name).exists()}


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
    paired = list(PAIRED)
    tasks = [] if args.pairs else [(s, None) for s in seeds]
    tasks += [(s, None) for s in paired] + [(s, v) for v in variants for s in paired]
    tasks = list(dict.fromkeys(tasks))  # seeds from 0 are paired seeds too: each computed once
    made_of = work(tasks, names)
    results, machines = compute(tasks, made_of, args.jobs, args.scheduler)

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
        docs.render()  # the docs' tables read the committed baselines
    _summarise(result, MEASURES, [n for n in names if n in MEASURES])


SCRATCH = pieces.ROOT / "reports"  # where a calibration apart from the committed baseline goes by default


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
        print(f"{path.relative_to(pieces.ROOT)} was made on other seeds or versions: it is left alone, and this"
              f" calibration of {len(args.only)} names goes to {scratch.relative_to(pieces.ROOT)}")
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
