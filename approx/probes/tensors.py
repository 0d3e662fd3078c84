"""A backend's tensors and variables as numpy, on every Keras the spec runs on (Keras 2.15 has no keras.ops).

Standalone (numpy and Keras): approx.framework reads through it, and so do
the probes, which `approx repro` carries into its scripts.
"""

import numpy as np
import keras


def to_numpy(tensor, dtype=None) -> np.ndarray:
    """A tensor (what a model or layer returns) as a numpy array; on PyTorch, detached from autograd."""
    convert = getattr(getattr(keras, "ops", None), "convert_to_numpy", np.asarray)
    return np.asarray(convert(tensor), dtype=dtype)


def number(variable) -> float:
    """A scalar Keras variable (a learning rate, a step counter) as a float: float() on one fails on Keras 3.3."""
    return float(np.asarray(variable))
