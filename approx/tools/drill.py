"""Drift drill: change one behaviour of Keras on purpose, keep every name and setting, see what the gate catches.

    approx drill                      # every change, and the unchanged framework, at the gate's own settings
    approx drill relu sgd-lr@0.001    # some of them: a graded change at one strength
    approx drill --readme             # re-render README.md's matrix from the committed calibration/drill.json

A framework upgrade does not rename what it changes: `relu` is still
called relu, `SGD(nesterov=True)` still reads back nesterov=True. So each
change here alters behaviour only (an activation's shape under its own name,
the optimiser's update rule, an initialiser's distribution, a default of
fit, the forward pass behind predict, the loss), and the drill runs the gate
exactly as CI does: `pytest spec/` with the default seeds and rules, drift
failing the run, nothing taken from the weight cache. For each change it
lists the claims that failed and the measures and arms that moved. The row
"none" runs the unchanged framework: it must show nothing.

*Graded* changes (GRADED) are ones no exact claim pins down: a learning
rate or momentum that drifts after the first epoch, a ragged batch weighted
otherwise, a hidden weight decay. Each runs at several strengths
(`NAME@STRENGTH`), down to the weakest the gate still catches: that is the
gate's power. *Benign* changes (BENIGN) alter only round-off or random
streams, and must pass: that is its specificity.

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
from approx.tools.roundoff import ENVIRONMENT  # the benign kernel and thread rows are the envelope's own variants

DRILLS = {
    "none": "nothing changed: the gate must raise no alarm",
    "tanh": "'tanh' computes x / √(1 + x²): same name, same limits ±1, same slope at 0, another shape",
    "relu": "'relu' leaks: slope 0.05 below zero, still named relu",
    "sgd-nesterov": "SGD(nesterov=True) takes classical momentum steps; nesterov still reads True",
    "he-normal": "'he_normal' draws an untruncated normal of the same variance (no 2σ cut)",
    "glorot-uniform": "'glorot_uniform', Dense's default, draws a normal of the same variance",
    "fit-shuffle": "model.fit stops shuffling by default",
    "predict": "model.predict rounds its outputs through float16; calling the model does not",
    "mse": "the loss named 'mean_squared_error' computes Huber (δ = 1): the same below 1, linear above",
}
# name -> (what changes, with {strength}; the strengths tried, strongest first)
GRADED = {
    "sgd-lr": ("from the second epoch on (step 33), SGD steps at learning rate × (1 + {strength})",
               (1e-2, 1e-3, 1e-4, 1e-5)),
    "sgd-momentum": ("from the second epoch on (step 33), SGD's momentum is × (1 − {strength})", (1e-2, 1e-3, 1e-4)),
    "ragged-batch": ("a batch of fewer than 32 points (each epoch's last) weighs its loss × (1 + {strength})",
                     (1e-1, 1e-2, 1e-3)),
    "sgd-decay": ("SGD's update also shrinks every weight by lr·{strength} a step; weight_decay still reads None",
                  (1e-3, 1e-4, 1e-5, 1e-6)),
}
BENIGN = {
    "random-streams": "Keras's random streams start elsewhere: keras.utils.set_random_seed(s) seeds s + 1",
    "onednn": "TensorFlow runs its oneDNN kernels (TF_ENABLE_ONEDNN_OPTS=1): other round-off",
    "threads-2": "two threads per op (APPROX_THREADS=2): other reduction orders",
}
LATE = 32  # steps of the article's first epoch (1000 points): graded changes start after it


def rows() -> list[str]:
    """Every drill row, in the matrix's order: the unchanged framework, the changes, the graded, the benign."""
    graded = [f"{name}@{strength:g}" for name, (_, strengths) in GRADED.items() for strength in strengths]
    return [*DRILLS, *graded, *BENIGN]


def parse(row: str) -> tuple[str, float | None]:
    """(change, strength) of a row name; a ValueError names what is known."""
    name, _, strength = row.partition("@")
    if name in GRADED and strength:
        try:
            return name, float(strength)
        except ValueError:
            pass
    elif not strength and (name in DRILLS or name in BENIGN):
        return name, None
    raise ValueError(f"unknown drill {row!r}; known: {', '.join([*DRILLS, *BENIGN])},"
                     f" and {', '.join(n + '@STRENGTH' for n in GRADED)}")


def description(row: str) -> str:
    name, strength = parse(row)
    if strength is not None:
        return GRADED[name][0].format(strength=f"{strength:g}")
    return DRILLS.get(name) or BENIGN[name]


def kind(row: str) -> str:
    """'benign' (must pass), 'none' (the unchanged framework) or 'change' (must fail)."""
    name, _ = parse(row)
    return "benign" if name in BENIGN else "none" if name == "none" else "change"


RESULTS = calibration.DRILL_PATH
README = Path(__file__).resolve().parents[2] / "README.md"
MATRIX = re.compile(r"(<!-- drill-matrix -->\n).*?(<!-- /drill-matrix -->)", re.S)


def _patch(row: str) -> None:
    import keras  # approx.framework has set the process up by now: see pytest_configure
    from keras.src import activations, initializers, losses, ops
    from keras.src.backend.tensorflow import trainer

    name, strength = parse(row)
    if name in ("none", *ENVIRONMENT):
        return  # an environment change is made before the process starts (run_one)
    if strength is not None:
        _graded(name, strength)
        return
    if name == "random-streams":
        original_seed = keras.utils.set_random_seed
        keras.utils.set_random_seed = lambda seed: original_seed(seed + 1)
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


def _graded(name: str, strength: float) -> None:
    """Patch Keras with the graded change `name` at `strength`."""
    import keras
    from keras.src import losses, ops

    if name in ("sgd-lr", "sgd-decay"):
        original = keras.optimizers.SGD.update_step

        def update_step(self, gradient, variable, learning_rate):
            if name == "sgd-lr":
                late = ops.cast(self.iterations >= LATE, learning_rate.dtype)
                learning_rate = learning_rate * (1 + strength * late)
            original(self, gradient, variable, learning_rate)
            if name == "sgd-decay":
                self.assign_sub(variable, ops.multiply(variable, ops.cast(learning_rate, variable.dtype) * strength))
        keras.optimizers.SGD.update_step = update_step
    elif name == "sgd-momentum":
        original = keras.optimizers.SGD.update_step

        def update_step(self, gradient, variable, learning_rate):
            if self.momentum == 0:
                return original(self, gradient, variable, learning_rate)
            # Keras's SGD step, its momentum made smaller from the second epoch on.
            learning_rate = ops.cast(learning_rate, variable.dtype)
            gradient = ops.cast(gradient, variable.dtype)
            late = ops.cast(self.iterations >= LATE, variable.dtype)
            momentum = ops.cast(self.momentum, variable.dtype) * (1 - strength * late)
            m = self.momentums[self._get_variable_index(variable)]
            step = ops.multiply(gradient, learning_rate)
            self.assign(m, ops.subtract(ops.multiply(m, momentum), step))
            if self.nesterov:
                self.assign_add(variable, ops.subtract(ops.multiply(m, momentum), step))
            else:
                self.assign_add(variable, m)
        keras.optimizers.SGD.update_step = update_step
    elif name == "ragged-batch":
        original_loss = losses.ALL_OBJECTS_DICT["mean_squared_error"]

        def mean_squared_error(y_true, y_pred):
            per_point = original_loss(y_true, y_pred)
            ragged = ops.cast(ops.shape(per_point)[0] < 32, per_point.dtype)
            return per_point * (1 + strength * ragged)
        losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error


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
    name, strength = parse(row)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "spec/", "-q", "-p", "approx.tools.drill", "-p", "no:cacheprovider",
             "-n", "auto", "--report-dir", folder, "--no-header"],
            env={**os.environ, **ENVIRONMENT.get(name, {}), "APPROX_DRILL": row}, capture_output=True, text=True)
        path = Path(folder, "claims.json")
        if not path.exists():
            raise RuntimeError(f"drill {row}: the gate wrote no claims.json; its output ends:\n{result.stdout[-3000:]}")
        claims = json.loads(path.read_text())
    baseline = claims["run"]["baseline"] or {"moved": [], "alpha": 0}
    moved = _caught_by(claims, baseline["alpha"])
    failed = sorted({f"{c['claim']} {c['test'].split('::')[-1]}" for c in claims["claims"] if c["verdict"] == "FAILED"})
    caught = (["claims"] if failed else []) + sorted({t for tests in moved.values() for t in tests})
    return {
        "change": description(row), "kind": kind(row), "family": name, "strength": strength,
        "exit": result.returncode, "seconds": round(time.perf_counter() - started),
        "failed": failed, "moved": list(moved), "moved_by": moved, "caught_by": caught,
        "seeds": len(claims["run"]["seeds"]),
    }


def verdict(row: dict) -> str:
    """How the row came out against what it must do: a change must fail the gate, the rest pass it."""
    fails = row["exit"] != 0
    if row["kind"] == "change":
        return "fails, as it must" if fails else "PASSES: not caught"
    return "FAILS: a false alarm" if fails else "passes, as it must"


def matrix(results: dict) -> str:
    """README.md's drill matrix, from calibration/drill.json."""
    lines = [f"Measured by `{results['command']}` on TensorFlow {results['versions']['tensorflow']},"
             f" Keras {results['versions']['keras']}: `pytest spec/` at its defaults ({results['seeds']} seeds)."
             f" *Caught by*: failed claim tests, the paired test, the rank test, the ulps check.", "",
             "| change (names and settings kept) | gate | caught by | claims failed | measures and arms moved |",
             "| --- | --- | --- | ---: | --- |"]
    for name, row in results["drills"].items():
        claims = sorted({f.split()[0] for f in row["failed"]}, key=position)
        failed = f"{len(row['failed'])}" + (f" ({', '.join(claims)})" if claims else "")
        moved = ", ".join(f"`{m}`" for m in row["moved"][:6]) + (f" and {len(row['moved']) - 6} more"
                                                                 if len(row["moved"]) > 6 else "")
        lines.append(f"| **{name}**: {row['change']} | {verdict(row)} | {', '.join(row['caught_by']) or '—'} |"
                     f" {failed} | {moved or '—'} |")
    return "\n".join(lines) + "\n"


def render_readme(results: dict, readme: Path = README) -> None:
    text = readme.read_text()
    if not MATRIX.search(text):
        sys.exit(f"{readme} has no <!-- drill-matrix --> … <!-- /drill-matrix --> block to fill")
    write_atomically(readme, MATRIX.sub(lambda m: m.group(1) + matrix(results) + m.group(2), text))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx drill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drills", nargs="*", metavar="DRILL",
                        help=f"which rows to run (default: all of {', '.join(rows())})")
    parser.add_argument("--readme", action="store_true",
                        help="run nothing: re-render README.md's matrix from calibration/drill.json")
    args = parser.parse_args(argv)
    for row in args.drills:
        try:
            parse(row)
        except ValueError as unknown:
            parser.error(str(unknown))
    if args.readme:
        render_readme(calibration.drill_results() or sys.exit(f"no {RESULTS}; run: approx drill"))
        return
    if (running := backend.chosen()) != "tensorflow":
        # Its patches reach TensorFlow's trainer: on another backend every change would pass unseen.
        parser.error(f"the drill patches TensorFlow's trainer; run it with KERAS_BACKEND=tensorflow (got {running})")
    from approx.framework import versions

    done, wanted = {}, args.drills or rows()
    for number, name in enumerate(wanted, 1):
        done[name] = row = run_one(name)
        print(f"[{number}/{len(wanted)}] {name}: {row['change']}\n  gate {verdict(row)} ({row['seconds']} s);"
              f" caught by {', '.join(row['caught_by']) or 'nothing'}"
              + "".join(f"\n    failed {f}" for f in row["failed"])
              + "".join(f"\n    moved  {m} ({', '.join(by)})" for m, by in row["moved_by"].items()), flush=True)
    old = calibration.drill_results()
    if args.drills and old and old["versions"] == versions():
        done = {**old["drills"], **done}  # a partial drill refreshes its rows
    results = {"command": "approx drill",  # rows may come from several partial drills
               "versions": versions(), "seeds": next(iter(done.values()))["seeds"],
               "drills": {name: done[name] for name in rows() if name in done}}
    write_atomically(RESULTS, json.dumps(results, indent=1) + "\n")
    render_readme(results)


if __name__ == "__main__":
    main()
