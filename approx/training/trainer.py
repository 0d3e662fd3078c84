"""Training a run reproducibly through `model.fit`, on one compiled model per architecture.

The article trains with `model.fit(x, y, epochs=E)` and Keras's defaults:
minibatches of 32, the data reshuffled every epoch, the last batch of each
epoch ragged (1000 = 31·32 + 8). `Trainer.train` runs that same algorithm
through `model.fit`, fed as each backend runs it fastest (`feed`):

- TensorFlow: the whole run at once, a tf.data pipeline that reshuffles each
  epoch, batches by 32 and repeats E times, consumed in one compiled call
  (steps_per_execution). fit's own loop costs 2 to 3 ms a step there, the
  graph loop a tenth of that.
- JAX and PyTorch: the article's own call, `fit(x, y, epochs=E)` on the
  arrays, fit shuffling them. JAX steps through an execution in Python, one
  jitted step per batch, so a whole epoch per execution only saves callbacks;
  PyTorch runs one step per execution (Keras allows no other), eagerly.

Either way the optimiser, the loss and the update are Keras's own.
`fit_like_article` keeps the article's call for comparison and benchmarks.

Tracing and compiling fit's train function costs about half a second, more
than the steps of most runs. So a `Trainer` is one compiled model of an
architecture that fits every run of it: the run's seeded initial weights
and a freshly built optimiser state go in, the trained weights come out into
the run's own model. The same ops run in the same order as on a model
compiled afresh, so the weights are the same to the bit
(tests/training/test_trainer.py checks it).

A seed fixes everything: the initial weights (keras.utils.set_random_seed)
and the shuffle order (tf.data's seed on TensorFlow; on the other backends
fit draws each epoch's order from the generators that set_random_seed seeds:
numpy's on JAX, torch's on PyTorch).
"""

import functools

import numpy as np

from approx.article.nets import Net
from approx.article.runs import Run
from approx.framework import BACKEND, keras

BATCH_SIZE = 32  # Keras's fit default, which the article relied on (S10.3 checks it)


def steps(run: Run) -> int:
    """Optimiser steps of the whole run: ceil(points / 32) per epoch."""
    return -(-run.grid.points // BATCH_SIZE) * run.epochs


def minibatches(x, y, epochs: int, seed: int | None):
    """A tf.data pipeline: `epochs` passes over (x, y), each reshuffled (seed None: in order), batches of 32."""
    import tensorflow as tf  # TensorFlow's pipeline, for the TensorFlow backend only

    points = tf.data.Dataset.from_tensor_slices((x, y))
    if seed is not None:
        points = points.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return points.batch(BATCH_SIZE).repeat(epochs)


def feed(x, y, epochs: int, seed: int | None) -> dict:
    """`model.fit`'s arguments for `epochs` passes over (x, y), reshuffled each epoch by `seed` (None: in order).

    Call it right before `fit`: on JAX and PyTorch it seeds the generators
    fit draws the order from.
    """
    if BACKEND == "tensorflow":
        # The pipeline shuffles; fit's own shuffle flag only applies to arrays.
        return {"x": minibatches(x, y, epochs, seed), "epochs": 1, "shuffle": False}
    if seed is not None:
        keras.utils.set_random_seed(seed)
    return {"x": x, "y": y, "batch_size": BATCH_SIZE, "epochs": epochs, "shuffle": seed is not None}


def built_for_fit(model: keras.Sequential) -> keras.Sequential:
    """`model` with its compiled loss built, so that its first `fit` draws the same order as any later one.

    fit builds the loss on its first call from a batch it peeks at; on JAX and
    PyTorch that peek starts an epoch, drawing a permutation from the generator
    the epochs' orders come from, so a model's first fit would shuffle unlike
    its later ones. Built beforehand (Keras's own compute_loss, on one point),
    every fit of it draws alike. TensorFlow's pipeline carries its own seed.
    """
    if BACKEND != "tensorflow":
        point = np.zeros((1, 1), np.float32)
        model.compute_loss(x=point, y=point, y_pred=model(point))
    return model


def fresh_model(run: Run, steps_per_execution: int = 1, compiled: bool = True) -> keras.Sequential:
    """The run's untrained model: the seed fixes its initial weights."""
    return run.net.build(seed=run.seed, steps_per_execution=steps_per_execution, compiled=compiled)


# model.fit compares steps_per_execution with an int32 step counter; the
# loop ends earlier, when the run's pipeline runs out.
_LONGEST_RUN = 2**31 - 1


def steps_per_execution() -> int:
    """The most steps one execution of fit's train function may take on this backend and release."""
    if BACKEND == "torch":
        return 1  # Keras's PyTorch trainer refuses more
    if BACKEND == "jax" or whole_run_per_call():
        return _LONGEST_RUN
    return 1


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
        self.model = built_for_fit(net.build(steps_per_execution=steps_per_execution()))
        optimiser = self.model.optimizer
        optimiser.build(self.model.trainable_variables)  # momentum slots exist from here on
        self._fresh_optimiser = [v.numpy() for v in optimiser.variables]

    def fit(self, weights: list[np.ndarray], x, y, epochs: int, seed: int | None) -> list[np.ndarray]:
        """Train from `weights` with a fresh optimiser (step 0, zero momentum); the trained weights.

        `epochs` passes over (x, y), reshuffled by `seed` (None: in order), in one `model.fit` call.
        """
        self.model.set_weights(weights)
        for variable, value in zip(self.model.optimizer.variables, self._fresh_optimiser):
            variable.assign(value)
        self.model.fit(**feed(x, y, epochs, seed), verbose=0)
        return self.model.get_weights()

    def train(self, run: Run) -> keras.Sequential:
        """Train `run` from scratch; the whole run is one `model.fit` call."""
        model = fresh_model(run, compiled=False)  # holds the initial, then the trained weights
        x, y = run.data()
        model.set_weights(self.fit(model.get_weights(), x, y, run.epochs, run.seed))
        return model

    def __repr__(self):
        return f"Trainer({self.net})"


def fit_like_article(run: Run) -> keras.Sequential:
    """Train `run` exactly as the article's cells do: `model.fit(x, y, epochs=E)`."""
    model = fresh_model(run)
    x, y = run.data()
    model.fit(x, y, epochs=run.epochs, verbose=0)
    return model
