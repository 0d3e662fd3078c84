"""The committed calibration: every measure's value on many seeds, and what it supports.

calibration/calibration.json holds, for each measure of
approx.statistics.measures, its value on each calibration seed, with the
versions it ran on and the command that made it. Rules live in code; this
file is the evidence behind them. Every number quoted from it (a pass count,
a median) is rendered from it where it is shown, never copied by hand.
"""

import functools
import json
import platform
from importlib import metadata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from approx.atomic import write_atomically

PATH = Path(__file__).resolve().parents[2] / "calibration" / "calibration.json"
DRILL_PATH = PATH.with_name("drill.json")  # what the gate caught of each injected change (approx drill)


@dataclass(frozen=True)
class Calibration:
    versions: dict
    command: str
    seeds: list[int]
    values: dict[str, dict[int, float]]  # measure name -> seed -> value

    def of(self, name: str) -> np.ndarray:
        if name not in self.values:
            raise KeyError(f"measure {name!r} is not calibrated; run: approx calibrate --only {name}")
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


def load(path: Path = PATH) -> Calibration:
    if not Path(path).exists():
        raise FileNotFoundError(f"no calibration at {path}; make one with: approx calibrate")
    raw = json.loads(Path(path).read_text())
    return Calibration(
        versions=raw["versions"], command=raw["command"], seeds=raw["seeds"],
        values={name: {int(s): v for s, v in m["values"].items()} for name, m in raw["measures"].items()},
    )


def installed_versions() -> dict[str, str]:
    """The installed versions of what decides the numbers, read without importing the framework."""
    found = {"python": platform.python_version()}
    for package in ("tensorflow", "keras", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


@functools.cache
def committed() -> Calibration:
    """The committed calibration, read once per process."""
    return load(PATH)


def drill_results(path: Path = DRILL_PATH) -> dict | None:
    """The committed drill matrix (approx.tools.drill writes it), or None if there is none."""
    return json.loads(Path(path).read_text()) if Path(path).exists() else None


def save(calibration: Calibration, meanings: dict[str, str], path: Path = PATH) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
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

