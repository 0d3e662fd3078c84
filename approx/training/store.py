"""A persistent store of trained weights, so that a second run re-reads instead of re-training.

An entry is keyed by everything that decides the trained weights: the run
(net, target, grid, epochs, seed), the framework's versions and backend,
the CPU kernels TensorFlow runs, and the source of the code that builds
and trains. Change any of them and
the key changes, so an upgrade always re-trains. Entries are .npz files of
plain arrays (read with allow_pickle=False) plus their key, written
atomically; one that cannot be read, or does not match, is deleted and
re-trained, never trusted.

A `Session` (approx.training.session) reads and writes it. The pytest
plugin keeps the store in pytest's own cache directory, so
`--cache-clear` empties it. Processes sharing it (pytest-xdist's workers)
take a lock per run while they train it (filelock, as pytest-xdist's
documentation does it), so a run another process is training is waited for
and read, not trained twice.
"""

import contextlib
import dataclasses
import hashlib
import io
import json
from pathlib import Path

import numpy as np
from filelock import FileLock

from approx.atomic import write_atomically

# What builds and trains a model, relative to the approx package.
_CODE = ("article/nets.py", "probes/initialisers.py", "article/targets.py", "article/runs.py",
         "training/draws.py", "training/trainer.py")


def _code_digest() -> str:
    package = Path(__file__).resolve().parent.parent
    return hashlib.sha256(b"".join((package / name).read_bytes() for name in _CODE)).hexdigest()


class WeightStore:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.code = _code_digest()

    def key(self, run) -> str:
        """The hex digest naming `run`'s entry."""
        from approx.framework import kernels, versions  # here, not at import: the pytest plugin must not load TF

        described = {"run": dataclasses.asdict(run), "versions": versions(), "kernels": kernels(), "code": self.code}
        return hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()

    def path(self, run) -> Path:
        return self.directory / f"{self.key(run)}.npz"

    def load(self, run) -> list[np.ndarray] | None:
        """The stored weights of `run`, or None; an unreadable or mismatched entry is removed."""
        path = self.path(run)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as entry:
                if str(entry["key"]) != self.key(run):
                    raise ValueError("key mismatch")
                count = int(entry["count"])
                return [entry[f"w{i}"] for i in range(count)]
        except Exception:  # a truncated, corrupt or foreign file: re-train
            path.unlink(missing_ok=True)
            return None

    @contextlib.contextmanager
    def training(self, run):
        """Held while `run` is trained: another process asking for it waits, then finds it stored."""
        locks = self.directory / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(locks / f"{self.key(run)}.lock"):  # released also if the process dies
            # Only the holder writes this entry, so a temporary file of it is
            # what a process killed while writing it left behind.
            for stale in self.directory.glob(f".{self.path(run).name}.*.tmp"):
                stale.unlink(missing_ok=True)
            yield

    def save(self, run, weights: list[np.ndarray]) -> None:
        """Write atomically: a reader sees a whole entry or none."""
        arrays = {f"w{i}": np.asarray(w) for i, w in enumerate(weights)}
        entry = io.BytesIO()
        np.savez(entry, key=np.array(self.key(run)), count=np.array(len(weights)), **arrays)
        write_atomically(self.path(run), entry.getvalue())

    def __repr__(self):
        return f"WeightStore({str(self.directory)!r})"
