"""Benchmark: how fast the article trains here, three ways, and the whole spec cold and warm.

    approx bench             # training paths only (about a minute), on KERAS_BACKEND's backend
    approx bench --spec      # and the full spec, cold and warm, -n 0 and -n auto
    approx bench --backends tensorflow jax torch
                             # each backend in turn: training paths and a cold `pytest spec/ -n auto`,
                             # side by side, with each spec's time as a multiple of TensorFlow's

`python -m approx.tools.bench` is the same command. `--spec` and `--backends`
keep their figures in calibration/bench.json, with the machine they were
measured on, and re-render the docs' speed tables from it.

(a) article:   `model.fit(x, y, epochs=100)`, as the article's cells call it
(b) approx:    a training Session, the project's path (one model.fit per run, over a
               tf.data pipeline on TensorFlow, on the arrays on JAX and PyTorch, on a
               model compiled once per architecture)
(c) numpy:     approx.tools.reference, the same algorithm in plain numpy: the floor

All three train In [125]'s tanh(20) with Nesterov SGD for 100 epochs on the
hard function, seed 0, 1, 2, ... as the spec does; each figure is the median
of --repeats runs, wall clock, including building the model. The project's
first run of an architecture also traces and compiles its train function
(`approx first`); the spec's later seeds reuse it, so its median leaves the
first out.

With --spec it also checks that the four spec runs conclude the same, claim
by claim: a warm run reads stored weights, and must change no result.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from approx import backend
from approx.atomic import write_atomically
from approx.cli import positive_int
from approx.tools import docs, pieces, spec_run
from approx.tools.tables.speed import RESULTS, saved


def machine() -> dict:
    """What the figures were measured on: the CPU's model name and the cores this process may use."""
    here = pieces.machine()
    return {"cpu": here["cpu"], "cores": here["cores"]}


def record(part: str, figures: dict, argv) -> None:
    """Keep `figures` as `part` ("spec" or "backends") of calibration/bench.json, with the command and the machine."""
    kept = saved()
    kept[part] = {"command": "approx bench " + " ".join(argv), "machine": machine(),
                  "finished": time.strftime("%Y-%m-%d", time.gmtime()), **figures}
    write_atomically(RESULTS, json.dumps(kept, indent=1, sort_keys=True) + "\n")


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _median_seconds(work, seeds) -> float:
    return statistics.median(_seconds(lambda: work(seed)) for seed in seeds)


def training_paths(repeats: int) -> dict[str, float]:
    from approx.article.runs import tanh_momentum_on_hard as run
    from approx.tools import reference
    from approx.training.session import Session
    from approx.training.trainer import fit_like_article, fresh_model

    x, y = run(0).data()
    starts = {seed: fresh_model(run(seed), compiled=False).get_weights() for seed in range(repeats)}

    def numpy(seed):
        reference.train(starts[seed], x, y, 100, reference.shuffles(len(x), seed), "tanh", 0.01, 0.9, nesterov=True)

    session = Session()  # no store: every run below trains
    return {
        "article": _median_seconds(lambda seed: fit_like_article(run(seed)), range(repeats)),
        "approx first": _seconds(lambda: session.fit(run(repeats))),
        "approx": _median_seconds(lambda seed: session.fit(run(seed)), range(repeats)),
        "numpy": _median_seconds(numpy, range(repeats)),
    }


def cold_spec() -> float:
    """Seconds of one `pytest spec/ -n auto` with an empty weight store, leaving the reader's cache and reports alone."""
    with tempfile.TemporaryDirectory() as scratch:
        ran = spec_run.spec(Path(scratch, "reports"), "-n", "auto", "--drift", "warn",
                            "-o", f"cache_dir={Path(scratch, 'cache')}")
        ran.claims()
        return ran.seconds


def on_backends(backends: list[str], repeats: int) -> dict[str, dict]:
    """Each backend's training paths and cold spec, each measured in a process of its own."""
    measured = {}
    for name in backends:
        print(f"measuring {name} ...", flush=True)
        done = subprocess.run([sys.executable, "-m", "approx.tools.bench", "--json", "--repeats", str(repeats)],
                              env={**os.environ, "KERAS_BACKEND": name}, check=True, capture_output=True, text=True)
        measured[name] = json.loads(done.stdout.splitlines()[-1])
    return measured


def backend_table(measured: dict[str, dict]) -> str:
    """One row per backend: the training paths, the numpy floor beside them, the cold spec and its multiple of TF's."""
    reference = measured.get("tensorflow", {}).get("spec cold")
    rows = ["backend    version          article  approx first  approx   numpy  approx/numpy  spec cold  × TF"]
    for name, m in measured.items():
        paths, version = m["paths"], m["versions"].get(name, m["versions"]["tensorflow"])
        times = reference and f"{m['spec cold'] / reference:4.1f}" or "   -"
        rows.append(f"{name:10s} {version:15s} {paths['article']:7.2f}s {paths['approx first']:11.2f}s"
                    f" {paths['approx']:6.2f}s {paths['numpy']:6.2f}s {paths['approx'] / paths['numpy']:11.1f}x"
                    f" {m['spec cold']:8.0f}s  {times}")
    return "\n".join(rows)


def results(document: dict) -> dict[str, tuple]:
    """What a spec run concluded, claim by claim: verdict, evidence numbers, per-seed values."""
    return {c["test"]: (c["verdict"], [(e["name"], e["ours"]) for e in c["evidence"]],
                        (c["statistics"] or {}).get("values")) for c in document["claims"]}


def spec_runs() -> tuple[dict[str, float], dict[str, dict]]:
    """`pytest spec/` cold (cache cleared) then warm, on one process and on all cores.

    Returns each run's wall time and its results (as `results` reads them).
    """
    seconds, concluded = {}, {}
    with tempfile.TemporaryDirectory() as reports:  # leave the reader's reports/ alone
        for workers in ("0", "auto"):
            for state, extra in (("cold", ["--cache-clear"]), ("warm", [])):
                name = f"spec -n {workers} {state}"
                ran = spec_run.spec(Path(reports, f"{workers}-{state}"), "-n", workers, *extra)
                seconds[name] = ran.seconds
                concluded[name] = results(ran.claims())
    return seconds, concluded


def differences(concluded: dict[str, dict]) -> list[str]:
    """Every claim on which a run's results differ from the first run's."""
    (first_name, first), *others = concluded.items()
    return [f"{test}: {name} differs from {first_name}"
            for name, run in others for test in sorted(set(first) | set(run))
            if first.get(test) != run.get(test)]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=positive_int, default=5, help="runs per figure (default %(default)s)")
    parser.add_argument("--spec", action="store_true", help="also time the full spec, cold and warm")
    parser.add_argument("--backends", nargs="+", choices=backend.NAMES, metavar="BACKEND",
                        help=f"measure each of these Keras backends ({', '.join(backend.NAMES)}) in turn, side by side")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one backend's figures, for --backends
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv
    if args.backends:
        measured = on_backends(args.backends, args.repeats)
        print(backend_table(measured))
        record("backends", {"measured": measured}, argv)
        docs.refresh(RESULTS)  # the speed tables read it
        return

    from approx.framework import versions

    if args.json:
        print(json.dumps({"versions": versions(), "paths": training_paths(args.repeats), "spec cold": cold_spec()}))
        return

    print(f"machine: {os.cpu_count()} cores; " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    paths = training_paths(args.repeats)
    for name, seconds in paths.items():
        print(f"{name:13s} {seconds:7.3f} s   ({'one run' if name == 'approx first' else f'median of {args.repeats}'})")
    print(f"article / approx = {paths['article'] / paths['approx']:.1f}x faster;"
          f"  approx / numpy = {paths['approx'] / paths['numpy']:.1f}x the floor")
    if args.spec:
        seconds, concluded = spec_runs()
        for name, taken in seconds.items():
            print(f"{name:22s} {taken:7.1f} s")
        found = differences(concluded)
        claims = len(next(iter(concluded.values())))
        print(f"results: the {len(concluded)} runs agree on all {claims} claims (verdicts, evidence, per-seed values)"
              if not found else "results DIFFER between runs:\n  " + "\n  ".join(found))
        record("spec", {"versions": versions(), "repeats": args.repeats, "paths": paths, "seconds": seconds,
                        "claims": claims, "differences": found}, argv)
        docs.refresh(RESULTS)  # the speed tables read it


if __name__ == "__main__":
    main()
