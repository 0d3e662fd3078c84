"""Training a run reproducibly through `model.fit`, on one compiled model per architecture.

The article trains with `model.fit(x, y, epochs=E)` and Keras's defaults:
minibatches of 32, the data reshuffled every epoch, the last batch of each
epoch ragged (1000 = 31·32 + 8). `Trainer.train` runs that same algorithm,
but hands `fit` the whole run at once: a tf.data pipeline that reshuffles
each epoch, batches by 32 and repeats E times, consumed in one compiled call
(steps_per_execution). The optimiser, the loss and the update are still
Keras's own; only the Python round trips between batches and epochs go.
`fit_like_article` keeps the article's call for comparison and benchmarks.

Tracing and compiling fit's train function costs about half a second, more
than the steps of most runs. So a `Trainer` is one compiled model of an
architecture that fits every run of it: the run's seeded initial weights
and a freshly built optimiser state go in, the trained weights come out into
the run's own model. The same ops run in the same order as on a model
compiled afresh, so the weights are the same to the bit
(tests/training/test_trainer.py checks it).

A seed fixes everything: the initial weights (keras.utils.set_random_seed)
and the shuffle order.
"""

import functools

import numpy as np

from approx.article.nets import Net
from approx.article.runs import Run
from approx.framework import keras, tf

BATCH_SIZE = 32  # Keras's fit default, which the article relied on (S10.3 checks it)


def steps(run: Run) -> int:
    """Optimiser steps of the whole run: ceil(points / 32) per epoch."""
    return -(-run.grid.points // BATCH_SIZE) * run.epochs


def minibatches(x, y, epochs: int, seed: int) -> tf.data.Dataset:
    """`epochs` passes over (x, y), each reshuffled, in batches of 32 with a ragged last one."""
    return (tf.data.Dataset.from_tensor_slices((x, y))
            .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
            .batch(BATCH_SIZE)
            .repeat(epochs))


def fresh_model(run: Run, steps_per_execution: int = 1, compiled: bool = True) -> keras.Sequential:
    """The run's untrained model: the seed fixes its initial weights."""
    return run.net.build(seed=run.seed, steps_per_execution=steps_per_execution, compiled=compiled)


# model.fit compares steps_per_execution with an int32 step counter; the
# loop ends earlier, when the run's pipeline runs out.
_LONGEST_RUN = 2**31 - 1


@functools.cache
def whole_run_per_call() -> bool:
    """Can one `fit` call step through a whole run: does Keras loop over steps_per_execution in the graph?

    Keras 3.9 and later run the steps of one execution in a bounded graph loop
    (tf.while_loop; their models carry `unrolled_steps_per_execution`); 3.6
    and earlier unroll steps_per_execution into the traced function, so a
    whole run per call would trace millions of steps (3.7 and 3.8 were not
    checked). There the trainer takes one step per call: the same pipeline,
    optimiser and updates, about twice as slow for the whole spec.
    """
    return hasattr(keras.Sequential(), "unrolled_steps_per_execution")


class Trainer:
    """One compiled model of an architecture; its `model.fit` trains any run of it."""

    def __init__(self, net: Net):
        self.net = net
        self.model = net.build(steps_per_execution=_LONGEST_RUN if whole_run_per_call() else 1)
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

    def train(self, run: Run) -> keras.Sequential:
        """Train `run` from scratch; the whole run is one `model.fit` call."""
        model = fresh_model(run, compiled=False)  # holds the initial, then the trained weights
        x, y = run.data()
        model.set_weights(self.fit(model.get_weights(), minibatches(x, y, run.epochs, run.seed)))
        return model

    def __repr__(self):
        return f"Trainer({self.net})"


def fit_like_article(run: Run) -> keras.Sequential:
    """Train `run` exactly as the article's cells do: `model.fit(x, y, epochs=E)`."""
    model = fresh_model(run)
    x, y = run.data()
    model.fit(x, y, epochs=run.epochs, verbose=0)
    return model
