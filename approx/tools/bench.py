"""Benchmark: how fast the article trains here, three ways, and the whole spec cold and warm.

    approx bench             # training paths only (about a minute)
    approx bench --spec      # and the full spec, cold and warm, -n 0 and -n auto

(a) article:   `model.fit(x, y, epochs=100)`, as the article's cells call it
(b) approx:    a training Session, the project's path (one model.fit over a
               tf.data pipeline, on a model compiled once per architecture)
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

from approx.cli import positive_int


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


def results(claims_json: Path) -> dict[str, tuple]:
    """What a spec run concluded, claim by claim: verdict, evidence numbers, per-seed values."""
    claims = json.loads(claims_json.read_text())["claims"]
    return {c["test"]: (c["verdict"], [(e["name"], e["ours"]) for e in c["evidence"]],
                        (c["statistics"] or {}).get("values")) for c in claims}


def spec_runs() -> tuple[dict[str, float], dict[str, dict]]:
    """`pytest spec/` cold (cache cleared) then warm, on one process and on all cores.

    Returns each run's wall time and its results (as `results` reads them).
    """
    seconds, concluded = {}, {}
    with tempfile.TemporaryDirectory() as reports:  # leave the reader's reports/ alone
        for workers in ("0", "auto"):
            for state, extra in (("cold", ["--cache-clear"]), ("warm", [])):
                name = f"spec -n {workers} {state}"
                folder = Path(reports, f"{workers}-{state}")
                command = [sys.executable, "-m", "pytest", "spec/", "-q", "-n", workers,
                           "--report-dir", str(folder), *extra]
                started = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                seconds[name] = time.perf_counter() - started
                concluded[name] = results(folder / "claims.json")
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
    args = parser.parse_args(argv)

    from approx.framework import versions

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


if __name__ == "__main__":
    main()
