"""The round-off variants the paired baseline is recomputed under, and how a process enters one.

Each variant changes how the same arithmetic is rounded and nothing the
article's networks do (approx.statistics.envelope.VARIANTS lists them):

    onednn      TensorFlow's oneDNN kernels instead of Eigen's (TF_ENABLE_ONEDNN_OPTS=1)
    threads-2   two threads per op instead of one (APPROX_THREADS=2): other reduction orders
    xla         every model compiled by XLA (jit_compile=True), TensorFlow only
    nudge-K     every starting kernel weight moved one float32 ulp, up or down at random (draw K)

The first three are process-wide and must be in place before the framework
loads, so a process enters one (`enter`) before it imports Keras; a nudge is
a Session's (approx.training.session). On JAX and PyTorch, where oneDNN and
XLA are not choices, those two are left out (`available`).
"""

import os

from approx.statistics.envelope import VARIANTS

ENVIRONMENT = {"onednn": {"TF_ENABLE_ONEDNN_OPTS": "1"}, "threads-2": {"APPROX_THREADS": "2"}}
TENSORFLOW_ONLY = ("onednn", "xla")


def available(backend_name: str) -> tuple[str, ...]:
    """The variants that change round-off on `backend_name`."""
    return tuple(v for v in VARIANTS if backend_name == "tensorflow" or v not in TENSORFLOW_ONLY)


def nudge(variant: str | None) -> int | None:
    """The nudge draw of a `nudge-K` variant, else None."""
    if variant and variant.startswith("nudge-"):
        return int(variant.removeprefix("nudge-"))
    return None


def process_setting(variant: str | None) -> str | None:
    """The process-wide variant a task needs (None: the plain process; nudges share it)."""
    return None if variant is None or nudge(variant) is not None else variant


def enter(setting: str | None) -> None:
    """Put this process in `setting` (a process-wide variant, or None): call before Keras is imported."""
    if setting is None:
        return
    if setting not in VARIANTS or nudge(setting) is not None:
        raise ValueError(f"unknown process-wide round-off variant {setting!r}")
    os.environ.update(ENVIRONMENT.get(setting, {}))
    if setting == "xla":
        _compile_with_xla()


def _compile_with_xla() -> None:
    from approx.framework import keras  # the process set up as every approx process is, then patched

    original = keras.Model.compile

    def compile(self, *args, **kwargs):
        kwargs["jit_compile"] = True
        return original(self, *args, **kwargs)

    keras.Model.compile = compile
