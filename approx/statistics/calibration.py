"""The committed calibration: every measure's value on many seeds, and what it supports.

calibration/calibration.json holds, for each measure of
approx.statistics.measures, its value on each calibration seed, with the
versions it ran on and the command that made it. Rules live in code; this
file is the evidence behind them. Every number quoted from it (a pass count,
a median) is rendered from it where it is shown, never copied by hand.

Each Keras backend trains to other numbers from the same seed (its own
random streams, its own kernels), so each has its own baseline:
calibration.json for TensorFlow, calibration.jax.json and
calibration.torch.json beside it. A process reads its backend's.
"""

import functools
import json
import platform
from importlib import metadata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from approx import backend
from approx.atomic import write_atomically

FOLDER = Path(__file__).resolve().parents[2] / "calibration"
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

    def of(self, name: str) -> np.ndarray:
        if name not in self.values:
            raise NotCalibrated(f"{self.path} has no measure {name!r}; add it with: approx calibrate --only {name}")
        return np.array([self.values[name][s] for s in self.seeds if s in self.values[name]])

    def count(self, name: str, holds) -> tuple[int, int]:
        """(seeds on which `holds(value)` is true, seeds calibrated) for the measure `name`."""
        values = self.of(name)
        return int(sum(bool(holds(v)) for v in values)), len(values)

    def passes(self, measure) -> tuple[int, int]:
        """(seeds on which `measure` met its rule, seeds calibrated)."""
        return self.count(measure.name, measure.passes)

    def spread(self, name: str) -> tuple[float, float, float]:
        """(min, median, max) of the measure `name` over the calibration seeds."""
        values = self.of(name)
        return float(values.min()), float(np.median(values)), float(values.max())

    def quartiles(self, name: str) -> tuple[float, float]:
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
            path=str(path),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise DamagedCalibration(
            f"{path} is damaged ({type(e).__name__}: {e}); restore it (git checkout -- {Path(path).name} in"
            f" its folder) or remake it with: approx calibrate") from None
    if not calibration.seeds or not calibration.values:
        raise DamagedCalibration(f"{path} holds no seeds or no measures; remake it with: approx calibrate")
    return calibration


def installed_versions() -> dict[str, str]:
    """The installed versions of what decides the numbers, read without importing the framework.

    The backend's own package too, when it is not TensorFlow (which is always installed).
    """
    found = {"python": platform.python_version(), "backend": backend.chosen()}
    packages = ["tensorflow", "keras", "numpy"] + ([] if found["backend"] == backend.DEFAULT else [found["backend"]])
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
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
    """Write atomically (default: this backend's baseline): a reader sees the old file or the new one."""
    path = baseline_path() if path is None else path
    raw = {
        "versions": calibration.versions,
        "command": calibration.command,
        "seeds": calibration.seeds,
        "measures": {
            name: {"meaning": meanings[name], "values": {str(s): v for s, v in sorted(values.items())}}
            for name, values in sorted(calibration.values.items())
        },
    }
    write_atomically(Path(path), json.dumps(raw, indent=1) + "\n")

