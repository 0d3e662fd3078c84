"""Calibration on a real Dask cluster: a scheduler and two worker processes on this machine, started through
distributed's own API. The values must be the local pool's, bit for bit, with a worker killed mid-run too;
a lost worker costs only the piece it was computing; a run cut short resumes without redoing its pieces."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from approx.repository import ROOT
from approx.statistics import calibration
from approx.tools import journal, pieces

pytestmark = pytest.mark.xdist_group("cluster")  # one cluster and one local reference, on one xdist worker

distributed = pytest.importorskip("distributed", reason=f"the cluster extra is not installed: {pieces.CLUSTER_EXTRA}")

# Two of the cheapest names (one neuron on 2x + 5), two seeds, with the paired seeds and every round-off variant:
# 67 pieces under four process settings.
ASKED = ["--seeds", "2", "--only", "line_w", "line_b"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as found:
        with distributed.Client(found) as client:
            yield found.scheduler_address, client


@pytest.fixture(scope="module")
def journals(tmp_path_factory):
    return tmp_path_factory.mktemp("journals")


def _calibrate(output: Path, journals: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "approx.tools.calibrate", *ASKED, "--output", str(output), *options],
                            cwd=ROOT, env={**os.environ, "APPROX_JOURNALS": str(journals)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finished(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=900)
    assert process.returncode == 0, output[-3000:]
    return output


def _same_numbers(a: calibration.Calibration, b: calibration.Calibration) -> None:
    assert (a.versions, a.seeds, a.variants) == (b.versions, b.seeds, b.variants)
    assert a.values == b.values  # floats compared exactly: bit for bit
    assert a.pairs == b.pairs


@pytest.fixture(scope="module")
def local(tmp_path_factory, journals):
    """The reference: the same calibration on the local process pool."""
    path = tmp_path_factory.mktemp("local") / "calibration.json"
    _finished(_calibrate(path, journals, "--jobs", "2"))
    return calibration.load(path)


def test_a_cluster_writes_the_values_the_local_pool_writes_and_says_where_each_piece_ran(
        cluster, local, journals, tmp_path):
    address, _ = cluster
    output = _finished(_calibrate(tmp_path / "calibration.json", journals, "--scheduler", address))
    assert f"Dask scheduler {address}, 2 workers; dashboard: http://" in output
    assert "[67/67]" in output and "s left)" in output
    made = calibration.load(tmp_path / "calibration.json")
    _same_numbers(made, local)
    (run,) = made.computed_on
    assert run["names"] == ["line_w", "line_b"]
    computed = [key for machine in run["machines"].values() for key in machine["pieces"]]
    assert sorted(computed) == sorted(pieces_of(made))
    assert not list(journals.iterdir()), "a finished run leaves no journal"


def pieces_of(made: calibration.Calibration) -> list[str]:
    """The keys of the pieces a calibration is made of: each seed, each paired seed plain and under each variant."""
    return ([f"seed {s}" for s in made.seeds] + [f"seed {s}" for s in made.paired_seeds]
            + [f"seed {s}, {v}" for v in made.variants for s in made.paired_seeds])


def test_a_worker_killed_mid_run_leaves_the_result_complete_and_identical(cluster, local, journals, tmp_path):
    address, client = cluster
    running = _calibrate(tmp_path / "calibration.json", journals, "--scheduler", address)
    _wait_for(lambda: _started(client) >= 10 and _busy(client), "ten pieces started, one of them running")
    busy = _busy(client)[0]
    os.kill(client.run(os.getpid, workers=[busy])[busy], signal.SIGKILL)
    output = _finished(running)
    _same_numbers(calibration.load(tmp_path / "calibration.json"), local)
    # The killed worker was computing one piece and may have held one result not yet fetched; nothing else is redone.
    again = [line for line in output.splitlines() if line.startswith("recomputed after a worker was lost:")]
    assert len(again) <= 1 and (not again or len(again[0].split(":", 1)[1].split(",")) <= 2), output[-3000:]
    _wait_for(lambda: len(client.scheduler_info(n_workers=-1)["workers"]) == 2, "the nanny's new worker")


def _busy(client) -> list[str]:
    return [worker for worker, keys in client.processing().items() if keys]


def _started(client) -> int:
    """How many pieces the workers have started, by the events they log."""
    return sum(len(events) for topic, events in client.get_events().items() if topic.startswith("approx-"))


def _wait_for(condition, what: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_a_lost_worker_costs_only_the_piece_it_was_computing(cluster, journals, capsys, monkeypatch):
    """Pieces that sleep: the killed worker is certainly mid-piece, so exactly that piece runs twice."""
    address, client = cluster
    monkeypatch.setattr(journal, "JOURNALS", journals)
    work = [pieces.Piece(f"nap-{n}", "time", "sleep", 4) for n in range(4)]
    found: dict = {}
    runner = threading.Thread(target=lambda: found.update(pieces.run("naps", work, 1, address)))
    runner.start()
    _wait_for(lambda: _naps(client), "a nap to start")
    victim = _naps(client)[0]
    time.sleep(1)  # well inside its four seconds
    os.kill(client.run(os.getpid, workers=[victim["worker"]])[victim["worker"]], signal.SIGKILL)
    runner.join(timeout=300)
    assert sorted(found) == sorted(p.key for p in work)
    assert f"recomputed after a worker was lost: {victim['key']}\n" in capsys.readouterr().out
    _wait_for(lambda: len(client.scheduler_info(n_workers=-1)["workers"]) == 2, "the nanny's new worker")


def _naps(client) -> list[dict]:
    return [event for topic, events in client.get_events().items() if topic.startswith("approx-")
            for _, event in events if event["key"].startswith("nap-")]


def test_a_run_cut_short_resumes_keeping_what_it_had_done(local, journals, tmp_path):
    first = _calibrate(tmp_path / "calibration.json", journals, "--jobs", "2")
    _wait_for(lambda: _kept(journals) >= 5, "five pieces in the journal")
    first.kill()  # SIGKILL: no chance to tidy up
    first.communicate(timeout=120)
    kept = _kept(journals)
    output = _finished(_calibrate(tmp_path / "calibration.json", journals, "--jobs", "2"))
    assert f"resuming: {kept} of 67 pieces kept from a run cut short" in output
    assert len([line for line in output.splitlines() if re.match(r"\[\d+/67\] ", line)]) == 67 - kept
    _same_numbers(calibration.load(tmp_path / "calibration.json"), local)


def _kept(journals: Path) -> int:
    """How many pieces the journal holds: it is written atomically, so it always reads whole."""
    found = list(journals.glob("calibrate-*.json"))
    return len(json.loads(found[0].read_text())["done"]) if found else 0
