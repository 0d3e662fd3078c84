"""What a job of pieces has done so far, on disk, so that a run cut short resumes where it stopped.

A journal is keyed by everything that decides the pieces' results: the job,
approx's code, spec and baselines (`fingerprint`), the installed versions,
the framework settings the caller carries to its pieces (CARRIED), and the
pieces themselves. Each piece done is written to it atomically as it
arrives (approx.tools.pieces); another key is another journal, so nothing
computed under other code or versions is ever reused.
"""

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from approx.atomic import write_atomically
from approx.repository import ROOT
from approx.statistics.calibration import installed_versions

JOURNALS = Path(os.environ.get("APPROX_JOURNALS", Path.home() / ".cache" / "approx" / "journals"))
# The caller's settings that decide how the framework computes: a piece runs with the caller's values (or none).
CARRIED = ("KERAS_BACKEND", "TF_ENABLE_ONEDNN_OPTS", "XLA_FLAGS", "APPROX_THREADS")
# What a piece's numbers depend on beside the installed packages: the code, the spec, and the baselines the drill's
# spec runs judge against.
CODE = ("approx/**/*.py", "spec/**/*.py", "calibration/calibration*.json")


@dataclass(frozen=True)
class Done:
    """A piece's result, and the machine that computed it."""

    result: object
    machine: str  # its host name
    cpu: str


@functools.cache
def fingerprint() -> str:
    """A digest of approx's code, spec and baselines as they are on disk where this process runs."""
    digest = hashlib.sha256()
    for path in sorted(p for pattern in CODE for p in ROOT.glob(pattern)):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


versions = functools.cache(installed_versions)  # this process's: read once, compared with every piece's


def carried() -> dict[str, str | None]:
    """The CARRIED settings as this process has them (None: unset)."""
    return {name: os.environ.get(name) for name in CARRIED}


class Journal:
    """The pieces of one job done so far, on disk, so that a run cut short can resume."""

    def __init__(self, job: str, pieces: list):
        self.key, self.path = journal_of(job, pieces)
        self.done: dict[str, Done] = {}
        if self.path.exists():
            try:
                kept = json.loads(self.path.read_text())
                if kept["key"] == self.key:
                    self.done = {key: Done(**done) for key, done in kept["done"].items()}
            except (ValueError, KeyError, TypeError) as damage:
                print(f"ignoring a damaged journal {self.path} ({type(damage).__name__}: {damage})", file=sys.stderr)

    def keep(self, key: str, done: Done) -> None:
        self.done[key] = done
        raw = {"key": self.key, "done": {k: d.__dict__ for k, d in self.done.items()}}
        write_atomically(self.path, json.dumps(raw) + "\n")

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


def journal_of(job: str, pieces: list) -> tuple[dict, Path]:
    """The key of the job's journal (everything that decides its results) and the file it is kept in."""
    key = {"job": job, "code": fingerprint(), "versions": versions(), "environment": carried(),
           "pieces": [[p.key, p.setting, p.argument] for p in pieces]}
    name = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return key, JOURNALS / f"{job}-{name}.json"
