"""A worker killed with SIGKILL while it stores trained weights: the run says so, the store holds no
half-written entry, and the next run trains again and gets the same weights as a fresh training."""

import os
import subprocess
import sys

import pytest

SPEC = '''
import os, signal
import numpy as np
import pytest
import approx.atomic
from approx.article import nets
from approx.article.runs import Run
from approx.training import session

RUN = Run(nets.single_neuron(), "line", 2, 0)


@pytest.mark.claim("S1.2")
def test_the_neuron_trains():
    """A neuron trains, through the weight store."""
    if os.environ.get("FAULT") == "kill":
        # Die between writing the entry's temporary file and renaming it into place.
        approx.atomic.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
    stored = session.current().train(RUN).get_weights()
    fresh = session.Session().fit(RUN).get_weights()
    for a, b in zip(stored, fresh):
        np.testing.assert_array_equal(a, b)


@pytest.mark.claim("S1.1")
def test_another_claim():
    """Another claim, on the other worker."""
'''
PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "approx.plugin.weights", "-p", "xdist", "-o", "addopts=")


def _run(folder, fault=""):
    return subprocess.run([sys.executable, "-m", "pytest", *PLUGINS, "-n", "2", "-q"], cwd=folder,
                          env={**os.environ, "FAULT": fault}, capture_output=True, text=True, timeout=600)


def _store(folder):
    store = folder / ".pytest_cache" / "d" / "approx-weights"
    return sorted(p.name for p in store.iterdir() if p.is_file())


def test_a_worker_killed_while_storing_leaves_no_entry_and_the_next_run_is_correct(tmp_path):
    (tmp_path / "test_spec.py").write_text(SPEC)
    killed = _run(tmp_path, fault="kill")
    assert killed.returncode == 1, killed.stdout
    assert "crashed while running" in killed.stdout and "partial run (" in killed.stdout
    left = _store(tmp_path)
    assert not any(name.endswith(".npz") for name in left), left  # no entry, whole or half
    assert any(name.endswith(".tmp") for name in left), left  # what the kill left, never read as an entry

    again = _run(tmp_path)
    assert again.returncode == 0, again.stdout
    left = _store(tmp_path)
    assert len([n for n in left if n.endswith(".npz")]) == 1 and not any(n.endswith(".tmp") for n in left), left
