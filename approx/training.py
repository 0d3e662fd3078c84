"""Training a Net on a target, reproducibly, through `model.fit`.

The article trains with `model.fit(x, y, epochs=E)` and Keras's defaults:
minibatches of 32, the data reshuffled every epoch, the last batch of each
epoch ragged (1000 = 31·32 + 8). `train` runs that same algorithm, but hands
`fit` the whole run at once: a tf.data pipeline that reshuffles each epoch,
batches by 32 and repeats E times, consumed in one compiled call
(steps_per_execution). The optimiser, the loss and the update are still
Keras's own; only the Python round trips between batches and epochs go.
`fit_like_article` keeps the article's call for comparison and benchmarks.

Tracing and compiling fit's train function costs about half a second, more
than the steps of most runs. So each process keeps one compiled model per
architecture (a `Trainer`) and fits every run of that architecture on it:
the run's seeded initial weights and a freshly built optimiser state go in,
the trained weights come out into the run's own model. The same ops run in
the same order as on a model compiled afresh, so the weights are the same
to the bit (tests/test_training.py checks it).

A seed fixes everything: the initial weights (keras.utils.set_random_seed)
and the shuffle order. Within a process each Run is trained once.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from approx import store
from approx.framework import keras, tf
from approx.nets import Net
from approx.targets import TRAINING_GRID, Grid, target

BATCH_SIZE = 32  # Keras's fit default, which the article relied on (S10.3 checks it)


@dataclass(frozen=True)
class Run:
    """One training run: which net, on which target and grid, how long, which seed."""

    net: Net
    target: str
    epochs: int
    seed: int
    grid: Grid = field(default=TRAINING_GRID)

    def __post_init__(self):
        if not isinstance(self.net, Net):
            raise ValueError(f"net must be a Net, got {self.net!r}")
        target(self.target)  # raises on an unknown name
        for name in ("epochs", "seed"):
            value = getattr(self, name)
            low = 1 if name == "epochs" else 0
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The training set as float32 columns, as Keras would convert it."""
        x = self.grid.x()
        return x.astype(np.float32), target(self.target)(x).astype(np.float32)

    @property
    def steps(self) -> int:
        """Optimiser steps of the whole run: ceil(points / 32) per epoch."""
        return -(-self.grid.points // BATCH_SIZE) * self.epochs

    def __str__(self):
        return f"{self.net} on {self.target} ({self.grid}), {self.epochs} epochs, seed {self.seed}"


def minibatches(x, y, epochs: int, seed: int) -> tf.data.Dataset:
    """`epochs` passes over (x, y), each reshuffled, in batches of 32 with a ragged last one."""
    return (tf.data.Dataset.from_tensor_slices((x, y))
            .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
            .batch(BATCH_SIZE)
            .repeat(epochs))


def fresh_model(run: Run, steps_per_execution: int = 1, compiled: bool = True) -> keras.Sequential:
    """The run's untrained model: the seed fixes its initial weights."""
    keras.utils.set_random_seed(run.seed)
    return run.net.build(steps_per_execution, compiled)


# model.fit compares steps_per_execution with an int32 step counter; the
# loop ends earlier, when the run's pipeline runs out.
_LONGEST_RUN = 2**31 - 1


class Trainer:
    """One compiled model of an architecture; its `model.fit` trains any run of it."""

    def __init__(self, net: Net):
        self.model = net.build(steps_per_execution=_LONGEST_RUN)
        optimiser = self.model.optimizer
        optimiser.build(self.model.trainable_variables)  # momentum slots exist from here on
        self._fresh_optimiser = [v.numpy() for v in optimiser.variables]

    def fit(self, weights: list[np.ndarray], dataset: tf.data.Dataset) -> list[np.ndarray]:
        """Train from `weights` with a fresh optimiser (step 0, zero momentum); the trained weights."""
        self.model.set_weights(weights)
        for variable, value in zip(self.model.optimizer.variables, self._fresh_optimiser):
            variable.assign(value)
        # The pipeline shuffles; fit's own shuffle flag only applies to arrays.
        self.model.fit(dataset, epochs=1, shuffle=False, verbose=0)
        return self.model.get_weights()


_trainers: dict[Net, Trainer] = {}


def trainer(net: Net) -> Trainer:
    """This process's trainer for `net`'s architecture, compiled on first use.

    The initialiser only decides the initial weights, which each run brings,
    so nets that differ in it alone share a trainer.
    """
    key = replace(net, initialiser=None)
    if key not in _trainers:
        _trainers[key] = Trainer(key)
    return _trainers[key]


def fit(run: Run) -> keras.Sequential:
    """Train `run` from scratch; the whole run is one `model.fit` call."""
    model = fresh_model(run, compiled=False)  # holds the initial, then the trained weights
    x, y = run.data()
    dataset = minibatches(x, y, run.epochs, run.seed)
    model.set_weights(trainer(run.net).fit(model.get_weights(), dataset))
    return model


def fit_like_article(run: Run) -> keras.Sequential:
    """Train `run` exactly as the article's cells do: `model.fit(x, y, epochs=E)`."""
    model = fresh_model(run)
    x, y = run.data()
    model.fit(x, y, epochs=run.epochs, verbose=0)
    return model


_trained: dict[Run, keras.Sequential] = {}


def train(run: Run) -> keras.Sequential:
    """The trained model of `run`, trained once per process and shared.

    With a weight store in use (approx.store), a run trained before, by this
    or another process, is rebuilt from its stored weights instead, and one
    another process is training is waited for. Every claim about the same
    run reads the same model: do not fit it further.
    """
    if run not in _trained:
        _trained[run] = fit(run) if store.current() is None else _from_store(run, store.current())
    return _trained[run]


def _from_store(run: Run, weights_in: store.WeightStore) -> keras.Sequential:
    weights = weights_in.load(run)
    if weights is None:
        with weights_in.training(run):
            weights = weights_in.load(run)  # stored meanwhile by the process we waited for?
            if weights is None:
                model = fit(run)
                weights_in.save(run, model.get_weights())
                return model
    # Not fresh_model: its weights would be overwritten, and seeding clears
    # TensorFlow's caches, which every later call then pays to rebuild.
    model = run.net.build(compiled=False)
    model.set_weights(weights)
    return model


def predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """The model's output on x as a float64 column, in one forward pass."""
    return np.asarray(model(np.asarray(x, dtype=np.float32), training=False), dtype=np.float64)


def forget() -> None:
    """Drop every trained model this process holds (calibration does, between seeds)."""
    _trained.clear()
