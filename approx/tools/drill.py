"""Drift drill: change one behaviour of Keras on purpose, keep every name and setting, see what the gate catches.

    approx drill                      # every change, and the unchanged framework, at the gate's own settings
    approx drill relu sgd-lr@0.001    # some of them: a graded change at one strength
    approx drill --scheduler tcp://HOST:8786   # each change a piece on a Dask cluster

A framework upgrade does not rename what it changes: `relu` is still
called relu, `SGD(nesterov=True)` still reads back nesterov=True. So each
change here alters behaviour only (an activation's shape under its own name,
the optimiser's update rule, an initialiser's distribution, a default of
fit, the forward pass behind predict, the loss), and the drill runs the gate
exactly as CI does: `pytest spec/` with the default seeds and rules, drift
failing the run, nothing taken from the weight cache. For each change it
lists the claims that failed and the measures and arms that moved. The row
"none" runs the unchanged framework: it must show nothing.

*Graded* changes are ones no exact claim pins down: a learning rate or
momentum that drifts after the first epoch, a ragged batch weighted
otherwise, a hidden weight decay. Each runs at several strengths
(`NAME@STRENGTH`), down to the weakest the gate still catches: that is the
gate's power. *Benign* changes alter only round-off or random streams, and
must pass: that is its specificity.

The changes are one table, approx.tools.changes.CHANGES: a change is added
there, with its patch. Each run loads that module as a plugin with
APPROX_DRILL naming the change, which is patched in every process before a
model is built. The changes are pieces (approx.tools.pieces): on the local
pool, one at a time by default, or on a Dask cluster; a drill cut short
resumes. The results go to calibration/drill.json (atomically, each row with
the machine that ran it) and into the docs' drill matrix (docs/gate.md, by
approx.tools.tables.drill_matrix); the report shows them too. A
maintainer's tool: it never runs in the normal suite (a full drill is one
cold spec run per change).
"""

import argparse
import json
import tempfile
from pathlib import Path

from approx import backend
from approx.atomic import write_atomically
from approx.cli import positive_int
from approx.statistics import calibration
from approx.tools import docs, pieces, spec_run
from approx.tools.changes import parse, rows
from approx.tools.tables.drill_matrix import verdict

RESULTS = calibration.DRILL_PATH


def _caught_by(claims: dict, alpha: float) -> dict[str, list[str]]:
    """Each moved name, and which of the gate's tests flagged it: paired, ranks, ulps."""
    found = {}
    for record in claims["claims"]:
        for b in record["behaviour"]:
            if b["verdict"] != "moved":
                continue
            tests = [test for test, hit in (
                ("paired", b["paired"] is not None and b["paired"]["adjusted"] < alpha),
                ("ranks", b["adjusted"] is not None and b["adjusted"] < alpha),
                ("ulps", b["ulps"] is not None and b["ulps"]["worst"] > b["ulps"]["tolerance"])) if hit]
            found[b["name"]] = tests
    return dict(sorted(found.items()))


def run_one(row: str) -> dict:
    """Run the gate with change `row`; what failed, what moved and by which test, and how the run ended."""
    change, strength = parse(row)
    with tempfile.TemporaryDirectory() as folder:
        ran = spec_run.spec(Path(folder), "-p", "approx.tools.changes", "-p", "no:cacheprovider", "-n", "auto",
                            "--no-header", env={**change.environment, "APPROX_DRILL": row})
    claims = ran.claims()
    baseline = claims["run"]["baseline"] or {"moved": [], "alpha": 0}
    moved = _caught_by(claims, baseline["alpha"])
    failed = sorted({f"{c['claim']} {c['test'].split('::')[-1]}" for c in claims["claims"] if c["verdict"] == "FAILED"})
    caught = (["claims"] if failed else []) + sorted({t for tests in moved.values() for t in tests})
    found = {
        "change": change.describe(strength), "kind": change.kind, "family": change.name, "strength": strength,
        "exit": ran.exit, "seconds": round(ran.seconds),
        "failed": failed, "moved": list(moved), "moved_by": moved, "caught_by": caught,
        "seeds": len(claims["run"]["seeds"]),
    }
    if ran.exit and not caught:  # a failure no claim or behaviour explains: keep what the run said last
        found["unexplained"] = ran.output[-2000:]
    return found


def _tell(name: str, done) -> None:
    """What one row of the drill found, as it arrives."""
    row = done.result
    print(f"  {name}: {row['change']}\n  gate {verdict(row)} ({row['seconds']} s);"
          f" caught by {', '.join(row['caught_by']) or 'nothing'}"
          + "".join(f"\n    failed {f}" for f in row["failed"])
          + "".join(f"\n    moved  {m} ({', '.join(by)})" for m, by in row["moved_by"].items())
          + (f"\n  the run ended, with nothing caught:\n{row['unexplained']}" if "unexplained" in row else ""),
          flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx drill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drills", nargs="*", metavar="DRILL",
                        help=f"which rows to run (default: all of {', '.join(rows())})")
    parser.add_argument("--jobs", type=positive_int, default=1,
                        help="changes run at once here (default 1: each spec run takes every core already)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the changes on the Dask cluster of this scheduler (tcp://HOST:PORT), one spec run"
                             f" per change; needs the cluster extra ({pieces.CLUSTER_EXTRA})")
    args = parser.parse_args(argv)
    for row in args.drills:
        try:
            parse(row)
        except ValueError as unknown:
            parser.error(str(unknown))
    if (running := backend.chosen()) != "tensorflow":
        # Its patches reach TensorFlow's trainer: on another backend every change would pass unseen.
        parser.error(f"the drill patches TensorFlow's trainer; run it with KERAS_BACKEND=tensorflow (got {running})")
    from approx.framework import versions

    wanted = args.drills or rows()
    work = [pieces.Piece(name, "approx.tools.drill", "run_one", name) for name in wanted]
    done = {name: {**d.result, "computed_on": {"host": d.machine, "cpu": d.cpu}}
            for name, d in pieces.run("drill", work, args.jobs, args.scheduler, told=_tell).items()}
    old = calibration.drill_results()
    if args.drills and old and old["versions"] == versions():
        done = {**old["drills"], **done}  # a partial drill refreshes its rows
    results = {"command": "approx drill",  # rows may come from several partial drills
               "versions": versions(), "seeds": next(iter(done.values()))["seeds"],
               "drills": {name: done[name] for name in rows() if name in done}}
    write_atomically(RESULTS, json.dumps(results, indent=1) + "\n")
    pieces.finish("drill", work)
    docs.refresh(RESULTS)  # the docs' drill matrix reads it


if __name__ == "__main__":
    main()
