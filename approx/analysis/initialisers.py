"""The initialisers the article tries, and the spread their names promise (S6.3).

glorot_normal:  std = √(2 / (fan_in + fan_out))
he_normal:      std = √(2 / fan_in)
glorot_uniform: uniform on ±√(6 / (fan_in + fan_out)), so std = limit/√3 (Keras's Dense default)

Keras draws the normal ones from a normal truncated at two of its standard
deviations, widened so that what is left has the std above.
"""

import math

import numpy as np

from approx.framework import array, keras

TRUNCATION = 2.0  # truncated normals are cut at ±2 of the underlying normal's std
TRUNCATED_STD = 0.87962566103423978  # std of a unit normal cut at ±2: the widening factor


def expected_std(name: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation the initialiser's name promises for a (fan_in, fan_out) kernel."""
    stds = {
        "glorot_normal": math.sqrt(2 / (fan_in + fan_out)),
        "he_normal": math.sqrt(2 / fan_in),
        "glorot_uniform": math.sqrt(6 / (fan_in + fan_out)) / math.sqrt(3),
    }
    if name not in stds:
        raise ValueError(f"unknown initialiser {name!r}; known: {', '.join(stds)}")
    return stds[name]


def draw(name: str, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """A (fan_in, fan_out) kernel drawn by Keras's initialiser `name`, seeded."""
    expected_std(name, fan_in, fan_out)  # validates the name
    initialiser = type(keras.initializers.get(name))(seed=seed)
    return array(initialiser((fan_in, fan_out)), np.float64)
