"""Shuffles that keep fit's shape but are not uniform: the alternatives the shuffle tests must catch.

An order is an array of point indices, `order[j]` the point taken j-th: a
permutation of all the points, cut by fit into batches of 32 and a ragged
last one. Each skew below turns a uniform order into another permutation of
the same points, so fit still takes every point once an epoch in the same
batch sizes; only the chances move. Each is graded by a strength and becomes
uniform as the strength fades:

  buffered  a buffered shuffle of the stored order (tf.data's `shuffle(buffer_size)`)
            whose buffer is short of all the points by a share s: a point stored late
            cannot come early; strength s, uniform at s = 0
  sticky    a fraction p of the points keeps its place of the previous epoch, the
            others fill the free places in the uniform order: the epochs depend
            on each other; strength p
  tail      with chance p an epoch's ragged last batch is the points stored last
            (the remainder left unshuffled); strength p

They work on many orders at once, one per row (the simulations draw
thousands), and take their randomness from `rng`. A patch inside Keras seeds
`rng` from the uniform order Keras drew (`from_order`), so a skewed fit is as
random, and as reproducible under a seed, as Keras's own.
"""

import numpy as np

from approx.statistics.permutations import BATCH


def from_order(order: np.ndarray) -> np.random.Generator:
    """A generator keyed by a uniform order: the skew's randomness is the order's own."""
    return np.random.default_rng(np.asarray(order, dtype=np.uint64).ravel())


def uniform(rng: np.random.Generator, rows: int, points: int) -> np.ndarray:
    """`rows` independent uniform orders of `points` points."""
    return rng.permuted(np.tile(np.arange(points), (rows, 1)), axis=1)


def buffered(orders: np.ndarray, rng: np.random.Generator, short: float, previous=None) -> np.ndarray:
    """A buffer of (1 - short) of the points, filled in stored order; each place takes one from it at random.

    The uniform orders only set how many rows; the buffer's draws are rng's.
    """
    rows, points = orders.shape
    k = max(1, round(points * (1 - short)))  # a buffer of one: the stored order
    if k >= points:
        return orders
    buffer = np.tile(np.arange(k), (rows, 1))
    held, following = k, k  # points in the buffer, the next stored point to enter
    out = np.empty_like(orders)
    every = np.arange(rows)
    for place in range(points):
        slot = (rng.random(rows) * held).astype(int)
        out[:, place] = buffer[every, slot]
        if following < points:
            buffer[every, slot] = following
            following += 1
        else:  # the stored points are used up: the buffer drains
            buffer[every, slot] = buffer[:, held - 1]
            held -= 1
    return out


def sticky(orders: np.ndarray, rng: np.random.Generator, p: float, previous=None) -> np.ndarray:
    """Each point keeps its place of the `previous` orders with chance p; the rest fill the free places."""
    if previous is None or p <= 0:
        return orders
    rows, points = orders.shape
    out = np.empty_like(orders)
    for row in range(rows):
        kept = rng.random(points) < p  # by point
        was = np.empty(points, dtype=int)
        was[previous[row]] = np.arange(points)  # each point's place in the previous order
        free = np.ones(points, dtype=bool)
        free[was[kept]] = False
        out[row, was[kept]] = np.flatnonzero(kept)
        out[row, free] = orders[row][~kept[orders[row]]]  # in the uniform order's sequence
    return out


def tail(orders: np.ndarray, rng: np.random.Generator, p: float, previous=None) -> np.ndarray:
    """With chance p per order, its ragged last batch holds the points stored last, in the uniform order's sequence."""
    rows, points = orders.shape
    ragged = points % BATCH
    if not ragged:
        return orders
    out = orders.copy()
    last = points - ragged  # the points stored from here on
    for row in np.flatnonzero(rng.random(rows) < p):
        stored_last = orders[row] >= last
        out[row] = np.concatenate([orders[row][~stored_last], orders[row][stored_last]])
    return out


SKEWS = {"buffered": buffered, "sticky": sticky, "tail": tail}
# Each skew's strength, in a reader's words.
STRENGTH = {"buffered": "the share of the points a shuffle buffer falls short by",
            "sticky": "the share of the points kept in their place of the previous epoch",
            "tail": "the chance that an epoch's ragged batch is the points stored last"}


def draw(rng: np.random.Generator, simulations: int, runs: int, epochs: int, points: int,
         skew=None, strength: float = 0.0) -> np.ndarray:
    """Orders of shape (simulations, runs, epochs, points): uniform, or skewed by `skew` at `strength`."""
    orders = uniform(rng, simulations * runs * epochs, points).reshape(simulations, runs, epochs, points)
    if skew is None:
        return orders
    skewed = np.empty_like(orders)
    for run in range(runs):
        previous = None
        for epoch in range(epochs):
            previous = skewed[:, run, epoch] = SKEWS[skew](orders[:, run, epoch], rng, strength, previous)
    return skewed
