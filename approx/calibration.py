"""The committed calibration: every measure's value on many seeds, and what it supports.

calibration/calibration.json holds, for each measure of approx.measures, its
value on each calibration seed, with the versions it ran on and the command
that made it. Thresholds live in code; this file is the evidence behind them.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from approx.atomic import write_atomically

PATH = Path(__file__).resolve().parent.parent / "calibration" / "calibration.json"


@dataclass(frozen=True)
class Calibration:
    versions: dict
    command: str
    seeds: list[int]
    values: dict[str, dict[int, float]]  # measure name -> seed -> value

    def of(self, name: str) -> np.ndarray:
        if name not in self.values:
            raise KeyError(f"measure {name!r} is not calibrated; run: python -m approx.calibrate --only {name}")
        return np.array([self.values[name][s] for s in self.seeds if s in self.values[name]])

    def passes(self, measure) -> tuple[int, int]:
        """(seeds on which `measure` cleared its threshold, seeds calibrated)."""
        values = self.of(measure.name)
        return int(sum(measure.passes(v) for v in values)), len(values)


def load(path: Path = PATH) -> Calibration:
    if not Path(path).exists():
        raise FileNotFoundError(f"no calibration at {path}; make one with: python -m approx.calibrate")
    raw = json.loads(Path(path).read_text())
    return Calibration(
        versions=raw["versions"], command=raw["command"], seeds=raw["seeds"],
        values={name: {int(s): v for s, v in m["values"].items()} for name, m in raw["measures"].items()},
    )


def save(calibration: Calibration, meanings: dict[str, tuple[str, str]], path: Path = PATH) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    raw = {
        "versions": calibration.versions,
        "command": calibration.command,
        "seeds": calibration.seeds,
        "measures": {
            name: {"claim": meanings[name][0], "meaning": meanings[name][1],
                   "values": {str(s): v for s, v in sorted(values.items())}}
            for name, values in sorted(calibration.values.items())
        },
    }
    write_atomically(Path(path), json.dumps(raw, indent=1) + "\n")

