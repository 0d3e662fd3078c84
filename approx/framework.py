"""The framework under test: Keras 3 on TensorFlow, imported once and quietly.

Every module of approx imports Keras from here, so that the process is set up
the same way wherever it starts: TensorFlow's C++ log is silenced, and each
process uses one thread per op, because the models are tiny (a thread pool
costs more than it saves) and pytest-xdist runs one process per core.

TensorFlow turns its oneDNN kernels on by itself on CPUs with AVX512-VNNI,
BF16 or AMX, and they round differently from the kernels it uses elsewhere:
the same seed then trains to weights that differ in the sixth digit from one
CPU to the next. approx turns them off unless told otherwise
(TF_ENABLE_ONEDNN_OPTS=1), so a seed trains to the same bits on every x86
machine, and the committed calibration reproduces wherever the spec runs.
"""

import os
import platform

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # read once, when TensorFlow loads

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

try:
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
except RuntimeError:
    pass  # the runtime was started by someone else first; keep its threads
tf.get_logger().setLevel("ERROR")


def number(variable) -> float:
    """A scalar Keras variable (a learning rate, a step counter) as a float: float() on one fails on Keras 3.3."""
    return float(np.asarray(variable))


def versions() -> dict[str, str]:
    """The versions that decide every number the spec measures."""
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "numpy": np.__version__,
    }


def kernels() -> str:
    """Which CPU kernels TensorFlow runs: they decide the last bits of every trained weight."""
    return "onednn" if os.environ["TF_ENABLE_ONEDNN_OPTS"] not in ("0", "false", "False") else "eigen"


__all__ = ["keras", "tf", "versions", "kernels"]
