""".ci/install-gate, the gate job's install: a malformed request is refused before anything is installed."""

import os
import subprocess

import pytest

from approx.repository import ROOT

SCRIPT = ROOT / ".ci" / "install-gate"


@pytest.mark.parametrize("environment, message", [
    ({"KERAS_BACKEND": "mxnet"}, "KERAS_BACKEND=mxnet: approx runs on tensorflow, jax or torch"),
    ({"APPROX_KERAS": "3.15; rm -rf /"}, "APPROX_KERAS=3.15; rm -rf /: expected nothing, latest, nightly, pre or a version"),
    ({"APPROX_BACKEND_VERSION": "pre"}, "APPROX_BACKEND_VERSION is for KERAS_BACKEND=jax or torch"),
    ({"KERAS_BACKEND": "jax", "APPROX_BACKEND_VERSION": "nightly"}, "jax has no nightly distribution; ask for pre"),
], ids=["backend", "release", "backend-version-on-tensorflow", "jax-nightly"])
def test_a_malformed_request_is_refused_and_nothing_installed(tmp_path, environment, message):
    venv = tmp_path / "venv"
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "KERAS_BACKEND": "tensorflow", "APPROX_VENV": str(venv), **environment})
    assert result.returncode == 2 and message in result.stderr
    assert not venv.exists()
