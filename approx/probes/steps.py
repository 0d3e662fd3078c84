"""Optimiser steps of one linear neuron on MSE, worked out by hand, to hold Keras's optimisers against.

The neuron predicts w·x + b; from w = b = 0 the MSE gradient is
(2·mean(e·x), 2·mean(e)) with e = prediction − target. Standalone (numpy and
Keras), for the spec and for `approx repro`.
"""

import numpy as np
import keras


def zeroed_neuron(optimizer="sgd") -> keras.Sequential:
    """One linear Dense unit with w = b = 0, compiled with MSE and `optimizer` (a name or a Keras optimiser)."""
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(loss="mean_squared_error", optimizer=optimizer)
    model.layers[0].set_weights([np.zeros((1, 1)), np.zeros(1)])
    return model


def neuron_weights(model) -> list[float]:
    """(w, b) of a single neuron."""
    return [float(np.ravel(v)[0]) for v in model.get_weights()]


def _gradient(weights, x, y):
    error = weights[0] * x + weights[1] - y
    return np.array([2 * np.mean(error * x), 2 * np.mean(error)])


def sgd_step(x, y, rate: float) -> list[float]:
    """(w, b) after one plain gradient step from w = b = 0."""
    return list(-rate * _gradient(np.zeros(2), np.ravel(x), np.ravel(y)))


def nesterov_steps(x, y, rate: float, momentum: float, steps: int) -> list[float]:
    """(w, b) after `steps` full-batch Nesterov steps from w = b = 0.

    Velocity v ← μv − η·g, then the weights move by μv − η·g (Keras's form of
    Nesterov momentum, the same in Keras 2); classical momentum would move
    them by v alone.
    """
    x, y = np.ravel(x), np.ravel(y)
    weights, velocity = np.zeros(2), np.zeros(2)
    for _ in range(steps):
        gradient = _gradient(weights, x, y)
        velocity = momentum * velocity - rate * gradient
        weights = weights + momentum * velocity - rate * gradient
    return list(weights)
