"""Independent pieces of a maintainer's job, run on this machine's process pool or on a Dask cluster.

A calibration is one piece per seed and round-off variant; a drill is one
piece per change. A piece is a call of a function of approx by its module
and name, with an argument, in a process set up for it: the round-off
setting it needs (approx.training.roundoff) entered before Keras loads, and the
caller's own framework settings (CARRIED). So its result depends on the
piece alone, not on the worker, the machine or the order.

Without a scheduler the pieces run in a process pool here, one pool per
setting, as `approx calibrate` always did. With one (`--scheduler
tcp://HOST:PORT`) they are Dask tasks: each Dask worker hands its piece to a
process of its own that it starts with the caller's settings (a Dask worker
may not fork a pool, and its own environment is not the caller's) and keeps
for the next piece of the same setup. A lost worker's piece is recomputed
elsewhere by Dask; the others are kept.

Every piece done is written to a journal (approx.tools.journal) as it
arrives: a run cut short and started again with the same command keeps what
was done and computes the rest; a run removes its journal once it has
written what the pieces made.
"""

import multiprocessing
import os
import platform
import socket
import subprocess
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from approx.repository import ROOT
from approx.tools.journal import Done, Journal, carried, fingerprint, journal_of, versions
from approx.training import roundoff

CONNECT_TIMEOUT = "20s"  # how long to wait for the scheduler
CLUSTER_EXTRA = "pip install -c constraints.txt -e '.[cluster]'"


@dataclass(frozen=True)
class Piece:
    """One piece of a job: `function` of `module`, called with `argument` under round-off `setting`."""

    key: str  # names it in progress lines, the journal and the result file: "seed 10003", "seed 2, nudge-4", "relu"
    module: str
    function: str
    argument: object  # JSON-able: it keys the journal
    setting: str | None = None


def machine() -> dict:
    """This machine: its host name, its CPU's model name and the cores this process may use."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or platform.machine() or "unknown CPU"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"host": socket.gethostname(), "cpu": model, "cores": cores}


def _call(piece: Piece) -> dict:
    """Compute `piece` in this process: its result, the machine, the versions and the code it ran on."""
    import importlib

    result = getattr(importlib.import_module(piece.module), piece.function)(piece.argument)
    here = machine()
    return {"key": piece.key, "result": result, "machine": here["host"], "cpu": here["cpu"],
            "versions": versions(), "code": fingerprint()}


class Progress:
    """Pieces done of all, with the time taken and an estimate of the time left."""

    def __init__(self, total: int, kept: int = 0):
        self.total, self.done, self.kept, self.started = total, kept, kept, time.perf_counter()

    def step(self, what: str) -> None:
        self.done += 1
        spent = time.perf_counter() - self.started
        left = spent / (self.done - self.kept) * (self.total - self.done)
        print(f"[{self.done}/{self.total}] {what} ({spent:.0f} s, about {left:.0f} s left)", flush=True)


def run(job: str, pieces: list[Piece], jobs: int, scheduler: str | None = None, told=None,
        quiet: bool = False) -> dict[str, Done]:
    """Every piece's Done, by key: those a journal kept, then the rest, here or on `scheduler`'s cluster.

    `told(key, done)`, if given, hears of each piece as it is kept; `quiet` leaves the progress lines to the caller.
    """
    if len({p.key for p in pieces}) != len(pieces):
        raise ValueError(f"the pieces of {job} must have distinct keys")
    journal = Journal(job, pieces)
    left = [p for p in pieces if p.key not in journal.done]
    if journal.done and not quiet:
        print(f"resuming: {len(journal.done)} of {len(pieces)} pieces kept from a run cut short ({journal.path})")
    progress = Progress(len(pieces), kept=len(journal.done))

    def arrived(outcome: dict) -> None:
        _check(outcome)
        journal.keep(outcome["key"], Done(outcome["result"], outcome["machine"], outcome["cpu"]))
        if not quiet:
            progress.step(f"{outcome['key']} on {outcome['machine']}")
        if told:
            told(outcome["key"], journal.done[outcome["key"]])

    if scheduler is None:
        _here(left, jobs, arrived)
    else:
        _on_cluster(job, left, scheduler, arrived)
    return {p.key: journal.done[p.key] for p in pieces}


def finish(job: str, pieces: list[Piece]) -> None:
    """Remove the job's journal: call it once what the pieces made is written, so a crash before loses nothing."""
    journal_of(job, pieces)[1].unlink(missing_ok=True)


def _check(outcome: dict) -> None:
    """A piece computed on other versions or other code than this process's would not be the same piece."""
    if outcome["versions"] != versions():
        raise RuntimeError(f"{outcome['machine']} computed piece {outcome['key']} on {outcome['versions']}, not on"
                           f" this process's {versions()}: install the same releases there")
    if outcome["code"] != fingerprint():
        raise RuntimeError(f"{outcome['machine']} computed piece {outcome['key']} with other approx code than this"
                           f" checkout's: check out the same commit there")


def _here(pieces: list[Piece], jobs: int, arrived) -> None:
    """The local process pool: one per round-off setting, each process entering it before Keras loads."""
    by_setting: dict[str | None, list[Piece]] = {}
    for piece in pieces:
        by_setting.setdefault(piece.setting, []).append(piece)
    context = multiprocessing.get_context("spawn")
    for setting, group in by_setting.items():
        with context.Pool(min(jobs, len(group)), initializer=roundoff.enter, initargs=(setting,)) as pool:
            for outcome in pool.imap_unordered(_call, group):
                arrived(outcome)


def connect(scheduler: str):
    """A Dask client of `scheduler`, or SystemExit saying what is wrong."""
    try:
        from distributed import Client
    except ImportError:
        raise SystemExit(f"--scheduler needs Dask's distributed, approx's cluster extra: {CLUSTER_EXTRA}") from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as problem:
        raise SystemExit(f"cannot reach the Dask scheduler at {scheduler!r}: {problem}") from None


def _on_cluster(job: str, pieces: list[Piece], scheduler: str, arrived) -> None:
    """Each piece as a Dask task; results in the order they arrive, a lost worker's piece recomputed by Dask."""
    from distributed import as_completed

    with connect(scheduler) as client:
        workers = client.scheduler_info(n_workers=-1)["workers"]
        print(f"Dask scheduler {scheduler}, {len(workers)} workers; dashboard: {client.dashboard_link}", flush=True)
        run_id, environment = uuid.uuid4().hex[:8], carried()
        futures = [client.submit(_on_worker, piece, environment, fingerprint(), run_id,
                                 key=f"approx-{job}-{piece.key}-{run_id}", pure=False) for piece in pieces]
        try:
            for future in as_completed(futures):
                outcome = future.result()
                future.release()  # a result left on a worker would be recomputed if that worker were lost
                arrived(outcome)
        finally:
            client.cancel(futures)
            started = [event["key"] for _, event in client.get_events(f"approx-{run_id}")]
            if len(started) > len(set(started)):
                again = sorted({k for k in started if started.count(k) > 1})
                print(f"recomputed after a worker was lost: {', '.join(again)}", flush=True)
            client.run(_stop_children)


# On a Dask worker: processes of our own, kept between pieces of the same setup.

_IDLE: dict[tuple, list["_Child"]] = {}
_IDLE_LOCK = threading.Lock()


def _on_worker(piece: Piece, environment: dict, code: str, run_id: str) -> dict:
    """Compute `piece` on this Dask worker, in a process of ours set up as the caller's would be."""
    from distributed import get_worker

    worker = get_worker()
    worker.log_event(f"approx-{run_id}", {"key": piece.key, "worker": worker.address})  # a lost piece starts twice
    setup = (piece.setting, tuple(sorted(environment.items())), code)
    with _IDLE_LOCK:
        child = _IDLE.get(setup, []).pop() if _IDLE.get(setup) else None
    child = child or _Child(piece.setting, environment)
    outcome = child.compute(piece)  # a child that failed is dropped, not kept
    with _IDLE_LOCK:
        _IDLE.setdefault(setup, []).append(child)
    return outcome


def _stop_children() -> None:
    """End this worker's idle processes: each holds a framework in memory."""
    with _IDLE_LOCK:
        for children in _IDLE.values():
            for child in children:
                child.stop()
        _IDLE.clear()


class _Child:
    """A process of ours on a worker: pieces go down one pipe, outcomes come up another (pickled, framed)."""

    def __init__(self, setting: str | None, environment: dict):
        down, up = os.pipe(), os.pipe()
        env = {k: v for k, v in os.environ.items() if k not in environment}
        env.update({k: v for k, v in environment.items() if v is not None})
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from approx.tools.pieces import serve; serve()", str(down[0]), str(up[1]),
             setting or ""], pass_fds=(down[0], up[1]), env=env, cwd=ROOT)
        os.close(down[0])
        os.close(up[1])
        self.pieces, self.outcomes = Connection(down[1], readable=False), Connection(up[0], writable=False)

    def compute(self, piece: Piece) -> dict:
        try:
            self.pieces.send(piece)
            failed, outcome = self.outcomes.recv()
        except (EOFError, OSError):
            self.stop()
            raise RuntimeError(f"the process computing piece {piece.key} ended (exit {self.process.poll()})") from None
        if failed:
            self.stop()
            raise RuntimeError(f"piece {piece.key} failed:\n{outcome}")
        return outcome

    def stop(self) -> None:
        self.pieces.close()  # it reads the end of its input and leaves
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.outcomes.close()


def serve() -> None:
    """A child's loop: enter the setting, then compute the pieces that come until the pipe closes."""
    pieces_fd, outcomes_fd, setting = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] or None
    roundoff.enter(setting)
    pieces, outcomes = Connection(pieces_fd, writable=False), Connection(outcomes_fd, readable=False)
    while True:
        try:
            piece = pieces.recv()
        except EOFError:
            return
        try:
            outcomes.send((False, _call(piece)))
        except Exception:
            outcomes.send((True, traceback.format_exc()))
