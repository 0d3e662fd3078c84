"""Drift drill: change one behaviour of Keras on purpose and see which claims catch it.

    approx drill                 # every drill, 2 seeds each
    approx drill relu sgd-rate   # some of them

Each drill runs `pytest spec/` with this module loaded as a plugin and
APPROX_DRILL naming the change; the plugin patches Keras in every process
before any model is built. A drill that no claim catches is a hole in the
spec. This is a maintainer's tool; it never runs in the normal suite.
"""

import argparse
import inspect
import os
import subprocess
import sys

from approx.cli import positive_int

DRILLS = {
    "tanh": "the 'tanh' activation becomes hard_tanh (clipped at ±1)",
    "relu": "the 'relu' activation becomes leaky_relu (slope 0.2 below zero)",
    "sgd-rate": "SGD's default learning rate becomes 0.02",
    "dense-init": "Dense's default kernel initialiser becomes he_uniform",
    "he-normal": "'he_normal' draws an untruncated normal of twice the std",
    "fit-shuffle": "model.fit stops shuffling by default",
    "mse": "the 'mean_squared_error' loss becomes the mean absolute error",
}


def _patch(name: str) -> None:
    from approx.framework import keras
    from keras.src import activations, initializers, losses

    if name == "tanh":
        activations.ALL_OBJECTS_DICT["tanh"] = activations.hard_tanh
    elif name == "relu":
        activations.ALL_OBJECTS_DICT["relu"] = activations.leaky_relu
    elif name == "sgd-rate":
        _set_default(keras.optimizers.SGD.__init__, "learning_rate", 0.02)
    elif name == "dense-init":
        _set_default(keras.layers.Dense.__init__, "kernel_initializer", "he_uniform")
    elif name == "he-normal":
        @keras.saving.register_keras_serializable(package="approx_drill")  # so Keras can look it up by name
        class WideHeNormal(keras.initializers.VarianceScaling):
            def __init__(self, seed=None):
                super().__init__(scale=8.0, mode="fan_in", distribution="untruncated_normal", seed=seed)

        initializers.ALL_OBJECTS_DICT["he_normal"] = WideHeNormal
    elif name == "fit-shuffle":
        _set_default(keras.Model.fit, "shuffle", False)
    elif name == "mse":
        losses.ALL_OBJECTS_DICT["mean_squared_error"] = losses.mean_absolute_error
    else:
        raise ValueError(f"unknown drill {name!r}; known: {', '.join(DRILLS)}")


def _set_default(function, argument: str, new) -> None:
    """Change the default value of `argument` in `function` itself, keeping its signature."""
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
        _patch(name)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx drill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drills", nargs="*", metavar="DRILL",
                        help=f"which changes to try (default: all of {', '.join(DRILLS)})")
    parser.add_argument("--seeds", type=positive_int, default=2, help="seeds per statistical claim (default %(default)s)")
    args = parser.parse_args(argv)
    unknown = [d for d in args.drills if d not in DRILLS]
    if unknown:
        parser.error(f"unknown drill(s) {', '.join(unknown)}; known: {', '.join(DRILLS)}")
    for name in args.drills or DRILLS:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "spec/", "-q", "-p", "approx.tools.drill", "-p", "no:cacheprovider",
             "-n", "auto", "--seeds", str(args.seeds), "-o", "addopts=", "--no-header", "-rfE"],
            env={**os.environ, "APPROX_DRILL": name}, capture_output=True, text=True)
        caught = [line.split(" ", 1)[1].split(" - ")[0] for line in result.stdout.splitlines()
                  if line.startswith(("FAILED ", "ERROR "))]
        print(f"{name}: {DRILLS[name]}\n  caught by {len(caught)} test(s)" + "".join(f"\n    {c}" for c in caught))


if __name__ == "__main__":
    main()
