"""Drift drill: change one behaviour of Keras on purpose, keep every name and setting, see what the gate catches.

    approx drill                  # every change, and the unchanged framework, at the gate's own settings
    approx drill relu sgd-nesterov    # some of them
    approx drill --readme         # re-render README.md's matrix from the committed calibration/drill.json

A framework upgrade does not rename what it changes: `relu` is still
called relu, `SGD(nesterov=True)` still reads back nesterov=True. So each
change here alters behaviour only (an activation's shape under its own name,
the optimiser's update rule, an initialiser's distribution, a default of
fit, the forward pass behind predict, the loss), and the drill runs the gate
exactly as CI does: `pytest spec/` with the default seeds and rules, drift
failing the run, nothing taken from the weight cache. For each change it
lists the claims that failed and the measures and arms that moved. The row
"none" runs the unchanged framework: it must show nothing.

Each run loads this module as a plugin (-p approx.tools.drill) with
APPROX_DRILL naming the change, which is patched in every process before a
model is built. The results go to calibration/drill.json (atomically) and
into README.md's drill matrix; the report shows them too. A maintainer's
tool: it never runs in the normal suite (a full drill is one cold spec run
per change, about a minute each on 2 cores).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from approx import backend
from approx.article.sections import position
from approx.atomic import write_atomically
from approx.statistics import calibration

DRILLS = {
    "none": "nothing changed: the gate must raise no alarm",
    "tanh": "'tanh' computes x / √(1 + x²): same name, same limits ±1, same slope at 0, another shape",
    "relu": "'relu' leaks: slope 0.05 below zero, still named relu",
    "sgd-nesterov": "SGD(nesterov=True) takes classical momentum steps; nesterov still reads True",
    "sgd-decay": "SGD's update also shrinks every weight by lr·0.001 a step; weight_decay still reads None",
    "he-normal": "'he_normal' draws an untruncated normal of the same variance (no 2σ cut)",
    "glorot-uniform": "'glorot_uniform', Dense's default, draws a normal of the same variance",
    "fit-shuffle": "model.fit stops shuffling by default",
    "predict": "model.predict rounds its outputs through float16; calling the model does not",
    "mse": "the loss named 'mean_squared_error' computes Huber (δ = 1): the same below 1, linear above",
}
RESULTS = calibration.DRILL_PATH
README = Path(__file__).resolve().parents[2] / "README.md"
MATRIX = re.compile(r"(<!-- drill-matrix -->\n).*?(<!-- /drill-matrix -->)", re.S)


def _patch(name: str) -> None:
    import keras  # approx.framework has set the process up by now: see pytest_configure
    from keras.src import activations, initializers, losses, ops
    from keras.src.backend.tensorflow import trainer

    if name == "none":
        return
    if name == "tanh":
        def tanh(x):
            x = ops.convert_to_tensor(x)
            return x / ops.sqrt(1.0 + x * x)
        activations.ALL_OBJECTS_DICT["tanh"] = tanh
    elif name == "relu":
        def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
            return ops.leaky_relu(x, 0.05)
        activations.ALL_OBJECTS_DICT["relu"] = relu
    elif name == "sgd-nesterov":
        def update_step(self, gradient, variable, learning_rate):
            learning_rate = ops.cast(learning_rate, variable.dtype)
            gradient = ops.cast(gradient, variable.dtype)
            if self.momentum == 0:
                return self.assign_sub(variable, ops.multiply(gradient, learning_rate))
            m = self.momentums[self._get_variable_index(variable)]
            self.assign(m, ops.subtract(ops.multiply(m, ops.cast(self.momentum, variable.dtype)),
                                        ops.multiply(gradient, learning_rate)))
            self.assign_add(variable, m)  # classical momentum, whatever self.nesterov says
        keras.optimizers.SGD.update_step = update_step
    elif name == "sgd-decay":
        original = keras.optimizers.SGD.update_step

        def update_step(self, gradient, variable, learning_rate):
            original(self, gradient, variable, learning_rate)
            self.assign_sub(variable, ops.multiply(variable, ops.cast(learning_rate, variable.dtype) * 0.001))
        keras.optimizers.SGD.update_step = update_step
    elif name in ("he-normal", "glorot-uniform"):
        cls = initializers.HeNormal if name == "he-normal" else initializers.GlorotUniform
        original_init = cls.__init__

        def __init__(self, *args, **kwargs):
            original_init(self, *args, **kwargs)
            self.distribution = "untruncated_normal"  # VarianceScaling keeps the variance, changes the shape
        cls.__init__ = __init__
    elif name == "fit-shuffle":
        _set_default(keras.Model.fit, "shuffle", False)
    elif name == "predict":
        original_step = trainer.TensorFlowTrainer.predict_step

        def predict_step(self, data):
            outputs = original_step(self, data)
            return ops.cast(ops.cast(outputs, "float16"), outputs.dtype)
        trainer.TensorFlowTrainer.predict_step = predict_step
    elif name == "mse":
        def mean_squared_error(y_true, y_pred):
            return losses.huber(y_true, y_pred, delta=1.0)
        losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error
    else:
        raise ValueError(f"unknown drill {name!r}; known: {', '.join(DRILLS)}")


def _set_default(function, argument: str, new) -> None:
    """Change the default value of `argument` in `function` itself, keeping its signature."""
    import inspect

    function = inspect.unwrap(function)  # Keras decorates fit; the defaults live on the inner function
    if function.__kwdefaults__ and argument in function.__kwdefaults__:
        function.__kwdefaults__[argument] = new
        return
    names = function.__code__.co_varnames[:function.__code__.co_argcount]
    defaults = list(function.__defaults__)
    defaults[names.index(argument) - (len(names) - len(defaults))] = new
    function.__defaults__ = tuple(defaults)


def pytest_configure(config):
    name = os.environ.get("APPROX_DRILL")
    if name:
        import approx.framework  # noqa: F401  (sets TensorFlow up as every spec process does)

        _patch(name)


def run_one(name: str) -> dict:
    """Run the gate with change `name`; what failed, what moved, and how the run ended."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "spec/", "-q", "-p", "approx.tools.drill", "-p", "no:cacheprovider",
             "-n", "auto", "--report-dir", folder, "--no-header"],
            env={**os.environ, "APPROX_DRILL": name}, capture_output=True, text=True)
        path = Path(folder, "claims.json")
        if not path.exists():
            raise RuntimeError(f"drill {name}: the gate wrote no claims.json; its output ends:\n{result.stdout[-3000:]}")
        claims = json.loads(path.read_text())
    baseline = claims["run"]["baseline"] or {"moved": []}
    return {
        "change": DRILLS[name], "exit": result.returncode, "seconds": round(time.perf_counter() - started),
        "failed": sorted({f"{c['claim']} {c['test'].split('::')[-1]}" for c in claims["claims"]
                          if c["verdict"] == "FAILED"}),
        "moved": baseline["moved"], "seeds": len(claims["run"]["seeds"]),
    }


def matrix(results: dict) -> str:
    """README.md's drill matrix, from calibration/drill.json."""
    rows = [f"Measured by `{results['command']}` on TensorFlow {results['versions']['tensorflow']},"
            f" Keras {results['versions']['keras']}: `pytest spec/` at its defaults ({results['seeds']} seeds).", "",
            "| change (names and settings kept) | gate | claims failed | measures and arms moved |",
            "| --- | --- | ---: | --- |"]
    for name, row in results["drills"].items():
        caught = "fails" if row["exit"] != 0 else "passes"
        claims = sorted({f.split()[0] for f in row["failed"]}, key=position)
        failed = f"{len(row['failed'])}" + (f" ({', '.join(claims)})" if claims else "")
        moved = ", ".join(f"`{m}`" for m in row["moved"][:6]) + (f" and {len(row['moved']) - 6} more"
                                                                 if len(row["moved"]) > 6 else "")
        rows.append(f"| **{name}**: {row['change']} | {caught} | {failed} | {moved or '—'} |")
    return "\n".join(rows) + "\n"


def render_readme(results: dict, readme: Path = README) -> None:
    text = readme.read_text()
    if not MATRIX.search(text):
        sys.exit(f"{readme} has no <!-- drill-matrix --> … <!-- /drill-matrix --> block to fill")
    write_atomically(readme, MATRIX.sub(lambda m: m.group(1) + matrix(results) + m.group(2), text))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx drill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drills", nargs="*", metavar="DRILL",
                        help=f"which changes to try (default: all of {', '.join(DRILLS)})")
    parser.add_argument("--readme", action="store_true",
                        help="run nothing: re-render README.md's matrix from calibration/drill.json")
    args = parser.parse_args(argv)
    unknown = [d for d in args.drills if d not in DRILLS]
    if unknown:
        parser.error(f"unknown drill(s) {', '.join(unknown)}; known: {', '.join(DRILLS)}")
    if args.readme:
        render_readme(calibration.drill_results() or sys.exit(f"no {RESULTS}; run: approx drill"))
        return
    if (running := backend.chosen()) != "tensorflow":
        # Its patches reach TensorFlow's trainer: on another backend every change would pass unseen.
        parser.error(f"the drill patches TensorFlow's trainer; run it with KERAS_BACKEND=tensorflow (got {running})")
    from approx.framework import versions

    done = {}
    for name in args.drills or DRILLS:
        done[name] = row = run_one(name)
        print(f"{name}: {row['change']}\n  gate {'FAILS' if row['exit'] else 'passes'} ({row['seconds']} s);"
              f" {len(row['failed'])} claim test(s) failed, {len(row['moved'])} measure(s) moved"
              + "".join(f"\n    failed {f}" for f in row["failed"]) + "".join(f"\n    moved  {m}" for m in row["moved"]),
              flush=True)
    old = calibration.drill_results()
    if args.drills and old and old["versions"] == versions():
        done = {**old["drills"], **done}  # a partial drill refreshes its rows
    results = {"command": "approx drill",  # rows may come from several partial drills
               "versions": versions(), "seeds": next(iter(done.values()))["seeds"],
               "drills": {name: done[name] for name in DRILLS if name in done}}
    write_atomically(RESULTS, json.dumps(results, indent=1) + "\n")
    render_readme(results)


if __name__ == "__main__":
    main()
