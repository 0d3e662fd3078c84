"""The article's training algorithm in plain numpy: the floor a Keras path is measured against.

For a 1 → n → 1 net with a tanh or ReLU hidden layer and MSE loss, it runs
exactly what `model.fit(x, y, epochs=E)` runs with SGD: each epoch a fresh
shuffle, batches of 32 with a ragged last one, and Keras's update rule

    v ← μ·v − η·g;   w ← w + μ·v − η·g  (Nesterov)   or   w ← w + v  (classic)

It is a benchmark floor and a cross-check, never the spec's training path:
the spec exists to exercise Keras.
"""

import numpy as np

from approx.probes.shuffling import BATCH_SIZE

_ACTIVATIONS = {
    "tanh": (np.tanh, lambda h: 1 - h**2),
    "relu": (lambda z: np.maximum(z, 0), lambda h: (h > 0).astype(h.dtype)),
}


def _gradients(params, x, y, activation):
    w1, b1, w2, b2 = params
    act, slope = _ACTIVATIONS[activation]
    h = act(x @ w1 + b1)
    d = 2 * (h @ w2 + b2 - y) / len(x)  # ∂ mean((ŷ − y)²) / ∂ŷ
    dh = (d @ w2.T) * slope(h)
    return [x.T @ dh, dh.sum(0), h.T @ d, d.sum(0)]


def train(params, x, y, epochs, order, activation="tanh", learning_rate=0.01, momentum=0.0, nesterov=False):
    """Train [w1, b1, w2, b2] in place and return it; `order(epoch)` gives each epoch's permutation."""
    params = [np.array(p, dtype=np.float32) for p in params]
    velocity = [np.zeros_like(p) for p in params]
    for epoch in range(epochs):
        perm = order(epoch)
        for start in range(0, len(x), BATCH_SIZE):
            batch = perm[start:start + BATCH_SIZE]
            for p, v, g in zip(params, velocity, _gradients(params, x[batch], y[batch], activation)):
                v *= momentum
                v -= learning_rate * g
                p += momentum * v - learning_rate * g if nesterov else v
    return params


def shuffles(points: int, seed: int):
    """A fresh permutation each epoch, from numpy's generator."""
    rng = np.random.default_rng(seed)
    return lambda epoch: rng.permutation(points)
