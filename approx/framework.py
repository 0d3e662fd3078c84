"""The framework under test: Keras on its chosen backend, imported once and quietly.

Every module of approx imports Keras from here, so that the process is set up
the same way wherever it starts: the backend is KERAS_BACKEND's (TensorFlow
when unset; approx.backend), TensorFlow's C++ log is silenced, and each
process uses one thread per op, on whichever backend, because the models are
tiny (a thread pool costs more than it saves) and pytest-xdist runs one
process per core.

TensorFlow turns its oneDNN kernels on by itself on CPUs with AVX512-VNNI,
BF16 or AMX, and they round differently from the kernels it uses elsewhere:
the same seed then trains to weights that differ in the sixth digit from one
CPU to the next. approx turns them off unless told otherwise
(TF_ENABLE_ONEDNN_OPTS=1). Bits still differ between CPUs (other vector
units, other libm), so the spec never asks for bit-identity across machines:
the paired gate allows each name its measured round-off envelope
(approx.statistics.envelope). APPROX_THREADS sets the threads per op
(default 1), one of the round-off variants that envelope is made of.
"""

import os
import platform

from approx import backend, installed

os.environ["KERAS_BACKEND"] = backend.chosen()  # raises on a backend approx cannot train on
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # read once, when TensorFlow loads
# XLA's CPU client reads its threads once, when JAX starts.
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import numpy as np  # noqa: E402
import keras  # noqa: E402

from approx.probes import tensors  # noqa: E402 (it imports Keras: after the backend is chosen)

THREADS = int(os.environ.get("APPROX_THREADS", "1"))

BACKEND = keras.backend.backend()  # Keras 2 has TensorFlow only, whatever KERAS_BACKEND says

if BACKEND == "tensorflow":
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(THREADS)
        tf.config.threading.set_inter_op_parallelism_threads(THREADS)
    except RuntimeError:
        pass  # the runtime was started by someone else first; keep its threads
    tf.get_logger().setLevel("ERROR")
elif BACKEND == "torch":
    import torch

    torch.set_num_threads(THREADS)
    try:
        torch.set_num_interop_threads(THREADS)
    except RuntimeError:
        pass  # already set, or parallel work already started; keep its threads


number = tensors.number  # a scalar Keras variable as a float (approx.probes.tensors: one definition)
array = tensors.to_numpy  # a backend tensor as a numpy array, on PyTorch detached from autograd


def versions() -> dict[str, str]:
    """The versions that decide every number the spec measures: the backend's own among them."""
    found = {
        "python": platform.python_version(),
        "tensorflow": installed.version("tensorflow"),  # on every backend (approx requires it), unimported
        "keras": keras.__version__,
        "backend": BACKEND,
        "numpy": np.__version__,
    }
    if BACKEND != "tensorflow":
        found[BACKEND] = installed.version(BACKEND)
    return found


def kernels() -> str:
    """Which CPU kernels the backend runs, and on how many threads: they decide the last bits of every weight."""
    threads = "" if THREADS == 1 else f", {THREADS} threads"
    if BACKEND != "tensorflow":
        return BACKEND + threads
    onednn = os.environ["TF_ENABLE_ONEDNN_OPTS"] not in ("0", "false", "False")
    return ("onednn" if onednn else "eigen") + threads


__all__ = ["BACKEND", "array", "keras", "versions", "kernels", "number"]
