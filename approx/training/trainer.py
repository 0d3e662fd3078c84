"""Training a run reproducibly through `model.fit`, on one compiled model per architecture.

The article trains with `model.fit(x, y, epochs=E)` and Keras's defaults:
minibatches of 32, the data reshuffled every epoch, the last batch of each
epoch ragged (1000 = 31·32 + 8). `Trainer.train` runs that same algorithm
through `model.fit`, on the orders approx draws itself
(approx.training.draws), fed as each backend runs it fastest (`feed`):

- TensorFlow: the whole run at once, a tf.data pipeline of the epochs' orders
  in batches of 32, consumed in one compiled call (steps_per_execution).
  fit's own loop costs 2 to 3 ms a step there, the graph loop a tenth of that.
- JAX and PyTorch: a `keras.utils.PyDataset` of the same batches, one
  `fit` call. JAX steps through an execution in Python, one jitted step per
  batch; PyTorch runs one step per execution (Keras allows no other), eagerly.

Either way the optimiser, the loss and the update are Keras's own.
`fit_like_article` keeps the article's call for comparison and benchmarks.

Tracing and compiling fit's train function costs about half a second, more
than the steps of most runs. So a `Trainer` is one compiled model of an
architecture that fits every run of it: the run's starting weights and a
freshly built optimiser state go in, the trained weights come out into the
run's own model. The same ops run in the same order as on a model compiled
afresh, so the weights are the same to the bit
(tests/training/test_trainer.py checks it).

A seed fixes everything, and means the same on every release, backend and
CPU: the starting weights and every epoch's order are approx's draws, not
Keras's (approx.training.draws says why). fit's own shuffling is still
under test, on its own (spec/test_s10_framework_drift.py, S10.4).
"""

import functools

import numpy as np

from approx.article.nets import Net
from approx.article.runs import Run
from approx.framework import BACKEND, keras
from approx.probes.shuffling import BATCH_SIZE  # fit's default, which the article relied on and approx trains with
from approx.training import draws



def steps(run: Run) -> int:
    """Optimiser steps of the whole run: ceil(points / 32) per epoch."""
    return -(-run.grid.points // BATCH_SIZE) * run.epochs


def in_order(epochs: int, points: int) -> np.ndarray:
    """(epochs, points): every epoch takes the points as they come."""
    return np.tile(np.arange(points), (epochs, 1))


def batches(orders: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(epoch, indices) of every minibatch, epoch by epoch: 32 points each, the last of an epoch ragged."""
    return [(epoch, order[start:start + BATCH_SIZE])
            for epoch, order in enumerate(orders) for start in range(0, len(order), BATCH_SIZE)]


def minibatches(x, y, orders: np.ndarray):
    """A tf.data pipeline of (x, y) taken in `orders` (epochs × points), each epoch in batches of 32."""
    import tensorflow as tf  # TensorFlow's pipeline, for the TensorFlow backend only

    epochs = tf.data.Dataset.from_tensor_slices((x[orders], y[orders]))
    batched = epochs.flat_map(lambda xs, ys: tf.data.Dataset.from_tensor_slices((xs, ys)).batch(BATCH_SIZE))
    # flat_map hides the length; declared, fit knows its steps and meets no premature end.
    return batched.apply(tf.data.experimental.assert_cardinality(len(batches(orders))))


def batch_sequence(x, y, orders: np.ndarray):
    """A keras.utils.PyDataset of the same batches as `minibatches`, for the backends without tf.data."""

    class Batches(keras.utils.PyDataset):
        def __init__(self):
            super().__init__()
            self.indices = [index for _, index in batches(orders)]

        def __len__(self):
            return len(self.indices)

        def __getitem__(self, i):
            return x[self.indices[i]], y[self.indices[i]]

    return Batches()


def feed(x, y, orders: np.ndarray) -> dict:
    """`model.fit`'s arguments for one pass over (x, y) per row of `orders` (epochs × points), in batches of 32."""
    data = minibatches(x, y, orders) if BACKEND == "tensorflow" else batch_sequence(x, y, orders)
    return {"x": data, "epochs": 1, "shuffle": False}  # the data carries every epoch; fit must not reorder it


def fresh_model(run: Run, steps_per_execution: int = 1, compiled: bool = True) -> keras.Sequential:
    """The run's untrained model, holding the starting weights its seed draws (approx.training.draws)."""
    model = run.net.build(steps_per_execution=steps_per_execution, compiled=compiled)
    model.set_weights(draws.starting_weights(run.net, run.seed))
    return model


def orders(run: Run) -> np.ndarray:
    """The run's batch orders (epochs × points), drawn from its seed."""
    return draws.batch_orders(run.seed, run.epochs, run.grid.points)


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
        self.model = net.build(steps_per_execution=steps_per_execution())
        optimiser = self.model.optimizer
        optimiser.build(self.model.trainable_variables)  # momentum slots exist from here on
        self._fresh_optimiser = [v.numpy() for v in optimiser.variables]

    def fit(self, weights: list[np.ndarray], x, y, orders: np.ndarray) -> list[np.ndarray]:
        """Train from `weights` with a fresh optimiser (step 0, zero momentum); the trained weights.

        One pass over (x, y) per row of `orders` (epochs × points), in one `model.fit` call.
        """
        self.model.set_weights(weights)
        for variable, value in zip(self.model.optimizer.variables, self._fresh_optimiser):
            variable.assign(value)
        self.model.fit(**feed(x, y, orders), verbose=0)
        return self.model.get_weights()

    def train(self, run: Run, start: list[np.ndarray] | None = None) -> keras.Sequential:
        """Train `run` from scratch (from `start` if given, else its seed's weights) in one `model.fit` call."""
        model = fresh_model(run, compiled=False)  # holds the starting, then the trained weights
        x, y = run.data()
        model.set_weights(self.fit(model.get_weights() if start is None else start, x, y, orders(run)))
        return model

    def __repr__(self):
        return f"Trainer({self.net})"


def fit_like_article(run: Run) -> keras.Sequential:
    """Train `run` exactly as the article's cells do: `model.fit(x, y, epochs=E)`."""
    model = fresh_model(run)
    x, y = run.data()
    model.fit(x, y, epochs=run.epochs, verbose=0)
    return model
