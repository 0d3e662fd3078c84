"""Training a Net on a target, reproducibly, through `model.fit`.

The article trains with `model.fit(x, y, epochs=E)` and Keras's defaults:
minibatches of 32, the data reshuffled every epoch, the last batch of each
epoch ragged (1000 = 31·32 + 8). `train` runs that same algorithm, but hands
`fit` the whole run at once: a tf.data pipeline that reshuffles each epoch,
batches by 32 and repeats E times, consumed in one compiled call
(steps_per_execution). The optimiser, the loss and the update are still
Keras's own; only the Python round trips between batches and epochs go.
`fit_like_article` keeps the article's call for comparison and benchmarks.

A seed fixes everything: the initial weights (keras.utils.set_random_seed)
and the shuffle order. Within a process each Run is trained once.
"""

from dataclasses import dataclass, field

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


def fresh_model(run: Run, steps_per_execution: int = 1) -> keras.Sequential:
    """The run's untrained model: the seed fixes its initial weights."""
    keras.utils.set_random_seed(run.seed)
    return run.net.build(steps_per_execution=steps_per_execution)


def fit(run: Run) -> keras.Sequential:
    """Train `run` from scratch; the whole run is one `model.fit` call."""
    model = fresh_model(run, steps_per_execution=run.steps)
    x, y = run.data()
    # The pipeline shuffles; fit's own shuffle flag only applies to arrays.
    model.fit(minibatches(x, y, run.epochs, run.seed), epochs=1, shuffle=False, verbose=0)
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
    or another process, is rebuilt from its stored weights instead. Every
    claim about the same run reads the same model: do not fit it further.
    """
    if run not in _trained:
        weights = store.current().load(run) if store.current() else None
        _trained[run] = _fit_and_store(run) if weights is None else _rebuilt(run, weights)
    return _trained[run]


def _rebuilt(run: Run, weights) -> keras.Sequential:
    model = fresh_model(run)
    model.set_weights(weights)
    return model


def _fit_and_store(run: Run) -> keras.Sequential:
    model = fit(run)
    if store.current():
        store.current().save(run, model.get_weights())
    return model


def predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """The model's output on x as a float64 column, in one forward pass."""
    return np.asarray(model(np.asarray(x, dtype=np.float32), training=False), dtype=np.float64)


def forget() -> None:
    """Drop every trained model this process holds (calibration does, between seeds)."""
    _trained.clear()
