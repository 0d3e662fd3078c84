"""Run `pytest spec/` in a process of its own and read the claims.json it wrote: how bench, drill and matrix do it.

Each tool gives its own report folder (so the reader's reports/ is left
alone) and its own options; what comes back is the exit status, the wall
time, the output (for a message when something went wrong) and the claims
document, or None when the run ended before writing one.
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from approx.repository import ROOT



@dataclass(frozen=True)
class Ran:
    """One spec run, finished."""

    exit: int
    seconds: float
    output: str  # its stdout and stderr
    document: dict | None  # the claims.json it wrote (approx/report/claims.schema.json), if it wrote one

    def claims(self) -> dict:
        """The document, or an error that ends with what the run printed last."""
        if self.document is None:
            raise RuntimeError(f"the spec run (exit {self.exit}) wrote no claims.json; its output ends:\n"
                               f"{self.output[-3000:]}")
        return self.document


def spec(report_dir: Path, *options: str, python: str | Path = sys.executable, env: dict | None = None) -> Ran:
    """`python -m pytest spec/ -q --report-dir REPORT_DIR OPTIONS…`, from the repository's root."""
    report_dir = Path(report_dir)
    (report_dir / "claims.json").unlink(missing_ok=True)  # a report left from before must not pass for this one
    command = [str(python), "-m", "pytest", "spec/", "-q", "--report-dir", str(report_dir), *options]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    path = report_dir / "claims.json"
    return Ran(done.returncode, seconds, done.stdout + done.stderr,
               json.loads(path.read_text()) if path.exists() else None)
