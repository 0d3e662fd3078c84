"""Benchmark: how fast the article trains here, three ways, and the whole spec cold and warm.

    python -m approx.bench             # training paths only (about a minute)
    python -m approx.bench --spec      # and the full spec, cold and warm, -n 0 and -n auto

(a) article:   `model.fit(x, y, epochs=100)`, as the article's cells call it
(b) approx:    approx.training.fit, the project's path (one model.fit over a tf.data pipeline)
(c) numpy:     approx.reference, the same algorithm in plain numpy: the floor

All three train In [125]'s tanh(20) with Nesterov SGD for 100 epochs on the
hard function; each figure is the median of --repeats runs, wall clock,
including model building and compilation.
"""

import argparse
import statistics
import subprocess
import sys
import time

from approx.cli import positive_int


def _median_seconds(work, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def training_paths(repeats: int) -> dict[str, float]:
    from approx import nets, reference, training

    run = training.Run(nets.tanh_momentum(20), "hard", 100, seed=0)
    x, y = run.data()
    start = [w for w in training.fresh_model(run).get_weights()]
    return {
        "article": _median_seconds(lambda: training.fit_like_article(run), repeats),
        "approx": _median_seconds(lambda: training.fit(run), repeats),
        "numpy": _median_seconds(lambda: reference.train(start, x, y, run.epochs, reference.shuffles(len(x), 0),
                                                         "tanh", 0.01, 0.9, nesterov=True), repeats),
    }


def spec_runs() -> dict[str, float]:
    """Wall time of `pytest spec/`, cold (cache cleared) then warm, on one process and on all cores."""
    results = {}
    for workers in ("0", "auto"):
        for state, extra in (("cold", ["--cache-clear"]), ("warm", [])):
            command = [sys.executable, "-m", "pytest", "spec/", "-q", "-n", workers, *extra]
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            results[f"spec -n {workers} {state}"] = time.perf_counter() - started
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m approx.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=positive_int, default=5, help="runs per figure (default %(default)s)")
    parser.add_argument("--spec", action="store_true", help="also time the full spec, cold and warm")
    args = parser.parse_args(argv)

    from approx.framework import versions
    import os
    print(f"machine: {os.cpu_count()} cores; " + ", ".join(f"{k} {v}" for k, v in versions().items()))
    paths = training_paths(args.repeats)
    for name, seconds in paths.items():
        print(f"{name:8s} {seconds:7.3f} s   (median of {args.repeats})")
    print(f"article / approx = {paths['article'] / paths['approx']:.1f}x faster;"
          f"  approx / numpy = {paths['approx'] / paths['numpy']:.1f}x the floor")
    if args.spec:
        for name, seconds in spec_runs().items():
            print(f"{name:22s} {seconds:7.1f} s")


if __name__ == "__main__":
    main()
