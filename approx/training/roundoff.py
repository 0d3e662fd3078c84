"""The round-off variants: the same training rounded otherwise, and how a process enters one.

The paired baseline recomputes each of its seeds under every variant, each a
change of how the same arithmetic is rounded and of nothing the article's
networks do; the widest distance they make is the seed's envelope
(approx.statistics.envelope). VARIANTS is their one table: each entry's
name, what it changes in words, and its setting. The calibration computes
them, the envelope counts the nudges among them, the drill runs those set in
the environment as benign changes, and the docs render the table (approx docs).

A variant set in the environment or on Model.compile is process-wide and
must be in place before the framework loads, so a process enters one
(`enter`) before it imports Keras; a nudge is a Session's
(approx.training.session). On JAX and PyTorch, where oneDNN and XLA are not
choices, those two are left out (`available`).
"""

import os
from dataclasses import dataclass, field

NUDGE = "nudge"  # the variant of nudged starting weights: one per draw K, named nudge-K


@dataclass(frozen=True)
class Variant:
    """A round-off variant: its name, what it changes in words ({setting} stands for its setting), its setting."""

    name: str
    description: str
    environment: dict[str, str] = field(default_factory=dict)  # variables read once, when the framework loads
    compile: dict[str, object] = field(default_factory=dict)  # arguments given to every Model.compile
    draws: int = 0  # random draws of starting weights nudged one ulp (approx.training.draws.nudged), one variant each
    tensorflow_only: bool = False  # a choice only TensorFlow offers

    @property
    def setting(self) -> str:
        """What a process-wide variant sets, written out: TF_ENABLE_ONEDNN_OPTS=1, jit_compile=True."""
        return ", ".join(f"{name}={value}" for name, value in {**self.environment, **self.compile}.items())

    def describe(self) -> str:
        return self.description.format(setting=self.setting)

    def names(self) -> list[str]:
        """The name of each variant this entry makes: its own, or one per draw."""
        return [f"{self.name}-{k}" for k in range(self.draws)] or [self.name]


VARIANTS = (
    Variant("onednn", "TensorFlow runs its oneDNN kernels ({setting}): other round-off",
            environment={"TF_ENABLE_ONEDNN_OPTS": "1"}, tensorflow_only=True),
    Variant("threads-2", "two threads per op ({setting}): other reduction orders",
            environment={"APPROX_THREADS": "2"}),
    Variant("xla", "every model compiled by XLA ({setting})", compile={"jit_compile": True}, tensorflow_only=True),
    # Random round-off: the K of the paired test's bound 1/(K + 1) (approx.statistics.envelope).
    Variant(NUDGE, "every starting kernel weight moved one float32 ulp, up or down at random (draw K)", draws=9),
)
_PROCESS_WIDE = {variant.name: variant for variant in VARIANTS if not variant.draws}


def available(backend_name: str) -> tuple[str, ...]:
    """The names of the variants that change round-off on `backend_name`, in the baseline's order."""
    return tuple(name for v in VARIANTS if backend_name == "tensorflow" or not v.tensorflow_only for name in v.names())


def nudge(variant: str | None) -> int | None:
    """The draw K of a variant named nudge-K, else None (read from the name: a baseline may hold any K)."""
    if variant and variant.startswith(f"{NUDGE}-"):
        return int(variant.removeprefix(f"{NUDGE}-"))
    return None


def process_setting(variant: str | None) -> str | None:
    """The process-wide variant a task needs (None: the plain process; nudges share it)."""
    return None if variant is None or nudge(variant) is not None else variant


def enter(setting: str | None) -> None:
    """Put this process in `setting` (a process-wide variant's name, or None): call before Keras is imported."""
    if setting is None:
        return
    variant = _PROCESS_WIDE.get(setting)
    if variant is None:
        raise ValueError(f"unknown process-wide round-off variant {setting!r}")
    os.environ.update(variant.environment)
    if variant.compile:
        _compile_with(variant.compile)


def _compile_with(arguments: dict) -> None:
    from approx.framework import keras  # the process set up as every approx process is, then patched

    original = keras.Model.compile

    def compile(self, *args, **kwargs):
        kwargs.update(arguments)
        return original(self, *args, **kwargs)

    keras.Model.compile = compile
