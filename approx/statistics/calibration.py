"""The committed calibration: every measure's value on many seeds, and what it supports.

calibration/calibration.json holds, for each measure of
approx.statistics.measures, its value on each calibration seed, with the
versions it ran on and the command that made it. Rules live in code; this
file is the evidence behind them. Every number quoted from it (a pass count,
a median) is rendered from it where it is shown, never copied by hand.

Beside that unpaired distribution it keeps the *pairs*: for each seed a
default run uses, every measure's and arm's value and the same value under
each round-off variant (approx.statistics.envelope), which the paired test
judges a run's seeds against.

Each Keras backend trains to other numbers from the same seed (its own
random streams, its own kernels), so each has its own baseline:
calibration.json for TensorFlow, calibration.jax.json and
calibration.torch.json beside it. A process reads its backend's.
"""

import functools
import json
import platform
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from approx import backend, installed
from approx.atomic import write_atomically
from approx.repository import ROOT
from approx.statistics.envelope import Pair

FOLDER = ROOT / "calibration"
PATH = FOLDER / "calibration.json"  # TensorFlow's, the default backend's
DRILL_PATH = FOLDER / "drill.json"  # what the gate caught of each injected change (approx drill)


def baseline_path(backend_name: str | None = None) -> Path:
    """The baseline of `backend_name` (default: the backend this process runs on)."""
    name = backend_name or backend.chosen()
    return PATH if name == backend.DEFAULT else FOLDER / f"calibration.{name}.json"


class DamagedCalibration(ValueError):
    """A calibration file that cannot be read as one: truncated, hand-edited, of another format."""


class NotCalibrated(LookupError):
    """A measure the calibration does not hold."""


@dataclass(frozen=True)
class Calibration:
    versions: dict
    command: str
    seeds: list[int]
    values: dict[str, dict[int, float]]  # measure name -> seed -> value
    path: str = field(default="calibration/calibration.json", compare=False)  # where it was read from, for messages
    variants: tuple[str, ...] = ()  # the round-off variants each pair was recomputed under
    pairs: dict[str, dict[int, Pair]] = field(default_factory=dict)  # name -> paired seed -> Pair
    ulps_of: dict[str, float] = field(default_factory=dict)  # round-off-only names -> the scale of their ulps
    # Who computed what, run by run: {command, names, machines: {host: {cpu, pieces: ["seed 10003", "seed 2, nudge-4", ...]}}}.
    computed_on: list[dict] = field(default_factory=list, compare=False)

    @property
    def paired_seeds(self) -> list[int]:
        """The seeds the baseline keeps pairs for (every name has the same ones)."""
        return sorted(next(iter(self.pairs.values()), {}))

    def pairs_of(self, name: str) -> dict[int, Pair]:
        """The paired seeds of `name` (empty when the baseline kept none)."""
        return self.pairs.get(name, {})

    def of(self, name) -> np.ndarray:
        """The baseline's values of a measure or arm (the object, or its name), seed by seed."""
        name = getattr(name, "name", name)
        if name not in self.values:
            raise NotCalibrated(f"{self.path} has no measure {name!r}; add it with: approx calibrate --only {name}")
        return np.array([self.values[name][s] for s in self.seeds if s in self.values[name]])

    def count(self, name, holds) -> tuple[int, int]:
        """(seeds on which `holds(value)` is true, seeds calibrated) for the measure `name`."""
        values = self.of(name)
        return int(sum(bool(holds(v)) for v in values)), len(values)

    def passes(self, measure) -> tuple[int, int]:
        """(seeds on which `measure` met its rule, seeds calibrated)."""
        return self.count(measure, measure.passes)

    def spread(self, name) -> tuple[float, float, float]:
        """(min, median, max) of the measure `name` over the calibration seeds."""
        values = self.of(name)
        return float(values.min()), float(np.median(values)), float(values.max())

    def quartiles(self, name) -> tuple[float, float]:
        """(first, third) quartile of the measure `name` over the calibration seeds: the box of its chart."""
        first, third = np.percentile(self.of(name), [25, 75])
        return float(first), float(third)


def load(path: Path | None = None) -> Calibration:
    """Read a calibration (or baseline; default: this backend's); a damaged one raises DamagedCalibration."""
    path = baseline_path() if path is None else path
    if not Path(path).exists():
        raise FileNotFoundError(f"no calibration at {path}; make one with: approx calibrate")
    try:
        raw = json.loads(Path(path).read_text())
        calibration = Calibration(
            versions=dict(raw["versions"]), command=str(raw["command"]), seeds=[int(s) for s in raw["seeds"]],
            values={str(name): {int(s): float(v) for s, v in m["values"].items()}
                    for name, m in raw["measures"].items()},
            path=str(path), **_pairs(raw.get("pairs")),
            ulps_of={str(name): float(m["ulps_of"]) for name, m in raw["measures"].items() if "ulps_of" in m},
            computed_on=list(raw.get("computed_on", [])),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise DamagedCalibration(
            f"{path} is damaged ({type(e).__name__}: {e}); restore it (git checkout -- {Path(path).name} in"
            f" its folder) or remake it with: approx calibrate") from None
    if not calibration.seeds or not calibration.values:
        raise DamagedCalibration(f"{path} holds no seeds or no measures; remake it with: approx calibrate")
    return calibration


def _pairs(raw: dict | None) -> dict:
    """The `pairs` section of a baseline file, as Calibration's fields; every pair has one value per variant."""
    if raw is None:
        return {}
    variants = tuple(str(v) for v in raw["variants"])
    pairs = {}
    for name, seeds in raw["values"].items():
        pairs[str(name)] = {}
        for seed, pair in seeds.items():
            kept = tuple(float(v) for v in pair["variants"])
            if len(kept) != len(variants):
                raise ValueError(f"{name} seed {seed} holds {len(kept)} variant values for {len(variants)} variants")
            pairs[str(name)][int(seed)] = Pair(int(seed), float(pair["value"]), kept)
    return {"variants": variants, "pairs": pairs}


def installed_versions() -> dict[str, str]:
    """The installed versions of what decides the numbers, read without importing the framework.

    The backend's own package too, when it is not TensorFlow (which is always installed).
    """
    found = {"python": platform.python_version(), "backend": backend.chosen()}
    packages = ["tensorflow", "keras", "numpy"] + ([] if found["backend"] == backend.DEFAULT else [found["backend"]])
    for package in packages:
        try:
            found[package] = installed.version(package)
        except installed.NotInstalled:
            found[package] = "not installed"
    return found


@functools.cache
def committed() -> Calibration:
    """The committed baseline of this process's backend, read once per process."""
    return load(baseline_path())


def drill_results(path: Path = DRILL_PATH) -> dict | None:
    """The committed drill matrix (approx.tools.drill writes it), or None if there is none."""
    return json.loads(Path(path).read_text()) if Path(path).exists() else None


def save(calibration: Calibration, meanings: dict[str, str], path: Path | None = None) -> None:
    """Write atomically (default: this backend's baseline): a reader sees the old file or the new one.

    Each name keeps its meaning, and its `ulps_of` if it has one, so that
    the run's judge needs no measure (nor TensorFlow) to read it.
    """
    path = baseline_path() if path is None else path
    raw = {
        "versions": calibration.versions,
        "command": calibration.command,
        "seeds": calibration.seeds,
        "measures": {
            name: {"meaning": meanings[name], **({"ulps_of": calibration.ulps_of[name]}
                                                 if name in calibration.ulps_of else {}),
                   "values": {str(s): v for s, v in sorted(values.items())}}
            for name, values in sorted(calibration.values.items())
        },
    }
    if calibration.computed_on:
        raw["computed_on"] = calibration.computed_on
    if calibration.pairs:
        raw["pairs"] = {"variants": list(calibration.variants), "values": {
            name: {str(s): {"value": p.value, "variants": list(p.variants)} for s, p in sorted(pairs.items())}
            for name, pairs in sorted(calibration.pairs.items())}}
    write_atomically(Path(path), json.dumps(raw, indent=1) + "\n")

