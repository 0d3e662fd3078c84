"""Does `model.fit(x, y, epochs=E)`, called as the article calls it, take every epoch in a fresh order? (S10.4)

Keras 2 shuffled an index array before each epoch, so minibatch SGD saw the
points in a new order every time. The spec records what fit hands its
training step over many epochs (fit_orders: a metric inside the compiled step,
OrderRecord; eager steps on Keras 2); each epoch must be 31 batches of 32 and
a ragged 8, a permutation of all the points, not their stored order, and no
two epochs alike (fresh_permutations). Whether the orders are uniform is
approx.statistics.permutations' question. The reproducer's check, reshuffles,
is the eager one over 3 epochs.

Standalone (numpy and Keras), for the spec and `approx repro`.
"""

import numpy as np
import keras

from approx.probes.tensors import to_numpy

BATCH_SIZE = 32  # fit's default, the article's batches (S10.3 checks it)
SHUFFLED = (1000, 3)  # the article's 1000 points, three epochs
KERAS_2 = int(keras.__version__.split(".")[0]) < 3


class OrderProbe(keras.Sequential):
    """A model whose training step, run eagerly, records the inputs `model.fit` hands it, in order, then trains.

    Eager, so the step sees each batch's values on every backend; its
    signature differs by backend (JAX passes the model's state first), so the
    data is taken as the last argument.
    """

    def __init__(self):
        super().__init__([keras.Input(shape=(1,)), keras.layers.Dense(1)])
        self.seen = []

    def train_step(self, *state_and_data):
        self.seen.append(to_numpy(state_and_data[-1][0]).ravel())
        return super().train_step(*state_and_data)


def fit_order(size: int, epochs: int) -> list[np.ndarray]:
    """The batches `model.fit(x, y, epochs=E)` hands its training step, as indices of the points."""
    index = np.arange(size, dtype=np.float32).reshape(-1, 1)
    probe = OrderProbe()
    probe.compile(loss="mean_squared_error", optimizer="sgd", run_eagerly=True)
    probe.fit(index, index, epochs=epochs, verbose=0)
    return [batch.astype(int) for batch in probe.seen]


class OrderRecord(keras.metrics.Metric):
    """Writes the targets of every batch fit trains on, in order, into a buffer it never resets: fit's orders.

    A metric, because every backend runs a compiled training step's metric
    updates on the batch's own targets and keeps their variables; the targets
    are the points' indices. Far cheaper than an eager step: it lets a test
    record many epochs.
    """

    def __init__(self, points: int, steps: int):
        super().__init__(name="order_record")
        self.order = self.add_variable(shape=(points,), initializer="zeros", dtype="float32", name="order")
        self.sizes = self.add_variable(shape=(steps,), initializer="zeros", dtype="int32", name="sizes")
        self.filled = self.add_variable(shape=(), initializer="zeros", dtype="int32", name="filled")
        self.step = self.add_variable(shape=(), initializer="zeros", dtype="int32", name="step")

    def update_state(self, y_true, y_pred, sample_weight=None):
        from keras import ops

        taken = ops.reshape(ops.cast(y_true, "float32"), (-1,))
        count = ops.shape(taken)[0]  # static on JAX, a tensor on TensorFlow: arange takes both
        size = ops.cast(count, "int32")
        places = ops.expand_dims(self.filled + ops.arange(count, dtype="int32"), -1)
        self.order.assign(ops.scatter_update(self.order, places, taken))
        self.sizes.assign(ops.scatter_update(self.sizes, ops.reshape(self.step, (1, 1)), ops.reshape(size, (1,))))
        self.filled.assign(self.filled + size)
        self.step.assign(self.step + 1)

    def reset_state(self):
        pass  # fit resets its metrics every epoch; the record spans them all

    def result(self):
        return self.step + 0  # a tensor, not the variable


def fit_orders(size: int, epochs: int, runs: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The orders (runs, epochs, size) in which `model.fit(x, y, epochs=E)` took the points, and its batch sizes.

    A run is one fit call, all on one model (each call makes its own data
    adapter, which draws the orders; the compiled step is reused). One
    compiled call takes a whole epoch (steps_per_execution) where the backend
    allows it (not PyTorch): fewer calls, the same iterator and orders.
    """
    if KERAS_2:
        return _eager_orders(size, epochs, runs)
    index = np.arange(size, dtype=np.float32).reshape(-1, 1)
    steps = -(-size // BATCH_SIZE)
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    record = OrderRecord(size * epochs * runs, steps * epochs * runs)
    per_call = 1 if keras.backend.backend() == "torch" else steps  # PyTorch's trainer takes one step a call
    model.compile(loss="mean_squared_error", optimizer="sgd", metrics=[record], steps_per_execution=per_call)
    for _ in range(runs):
        model.fit(index, index, epochs=epochs, verbose=0)
    orders = to_numpy(record.order).astype(int).reshape(runs, epochs, size)
    return orders, to_numpy(record.sizes).reshape(runs, epochs, steps)


def _eager_orders(size: int, epochs: int, runs: int) -> tuple[np.ndarray, np.ndarray]:
    """fit_orders on Keras 2, which has no keras.ops for OrderRecord: OrderProbe's eager steps, slower."""
    index = np.arange(size, dtype=np.float32).reshape(-1, 1)
    probe = OrderProbe()
    probe.compile(loss="mean_squared_error", optimizer="sgd", run_eagerly=True)
    for _ in range(runs):
        probe.fit(index, index, epochs=epochs, verbose=0)
    steps = -(-size // BATCH_SIZE)
    sizes = np.array([len(batch) for batch in probe.seen]).reshape(runs, epochs, steps)
    return np.concatenate(probe.seen).astype(int).reshape(runs, epochs, size), sizes


def cut(orders: np.ndarray, sizes: np.ndarray) -> list[np.ndarray]:
    """One run's recorded orders (epochs, points) cut into the batches fit took, by their recorded sizes."""
    flat, ends = orders.ravel(), np.cumsum(sizes.ravel())
    return np.split(flat, ends[:-1])


def fresh_permutations(batches: list[np.ndarray], size: int, epochs: int) -> list[str]:
    """What is wrong with the batches, in words: nothing when every epoch takes a fresh permutation of all points."""
    per_epoch = -(-size // BATCH_SIZE)
    expected = ([BATCH_SIZE] * (per_epoch - 1) + [size - BATCH_SIZE * (per_epoch - 1)]) * epochs
    if [len(b) for b in batches] != expected:
        return [f"fit handed batches of {sorted({len(b) for b in batches})} points, {len(batches)} in all,"
                f" not {epochs} epochs of {per_epoch - 1} batches of {BATCH_SIZE} and one of {expected[-1]}"]
    taken = [np.concatenate(batches[e * per_epoch:(e + 1) * per_epoch]) for e in range(epochs)]
    wrong = [f"epoch {e} did not take every point once" for e, order in enumerate(taken)
             if not np.array_equal(np.sort(order), np.arange(size))]
    wrong += [f"epoch {e} took the points in their stored order" for e, order in enumerate(taken)
              if np.array_equal(order, np.arange(size))]
    repeated = [(a, b) for a in range(epochs) for b in range(a + 1, epochs) if np.array_equal(taken[a], taken[b])]
    if repeated:
        distinct = len({order.tobytes() for order in taken})
        shown = ", ".join(map(str, repeated[:3])) + (f" and {len(repeated) - 3} more pairs" if len(repeated) > 3 else "")
        wrong.append(f"epochs {shown} took the points in the same order, {distinct} distinct order(s) in"
                     f" {epochs} epochs: fit did not reshuffle")
    return wrong


def reshuffles(seed: int | None = None) -> list[str]:
    """What is wrong with fit's shuffling here, on 1000 points over 3 epochs; after set_random_seed(seed) if given.

    Unseeded, it must run in a process where nothing has seeded Keras yet, as the article's did.
    """
    if seed is not None:
        keras.utils.set_random_seed(seed)
    return fresh_permutations(fit_order(*SHUFFLED), *SHUFFLED)
