"""Which Keras 3 backend a process runs on, read without importing Keras.

Keras picks its backend from the KERAS_BACKEND environment variable when the
process first imports it. approx defaults it to TensorFlow, the backend the
article ran on, and supports the three that can train a model: the pytest
plugin and the calibration read the choice here, before Keras loads, to find
the baseline of the backend the run is on.
"""

import os

NAMES = ("tensorflow", "jax", "torch")
DEFAULT = "tensorflow"


class UnknownBackend(ValueError):
    """KERAS_BACKEND names a backend approx does not train on."""


def chosen() -> str:
    """The backend this process runs (or will run) Keras on."""
    name = os.environ.get("KERAS_BACKEND") or DEFAULT
    if name not in NAMES:
        raise UnknownBackend(f"KERAS_BACKEND={name!r}: approx runs on {', '.join(NAMES)}"
                             f" (unset, it is {DEFAULT})")
    return name
