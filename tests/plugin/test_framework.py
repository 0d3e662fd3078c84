"""How approx sets TensorFlow up in a fresh process (checked in one: it is decided at import)."""

import os
import subprocess
import sys

import pytest

from approx import backend

# The kernels are TensorFlow's: on another backend approx imports no TensorFlow.
pytestmark = pytest.mark.skipif(backend.chosen() != "tensorflow", reason="TensorFlow's kernels: TensorFlow only")

PROBE = "from approx import framework; import tensorflow as tf; print(framework.kernels(), tf.__version__)"


def _probe(**env):
    clean = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env={**clean, **env})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split()[0]


def test_by_default_tensorflow_runs_the_same_kernels_on_every_cpu():
    """oneDNN's CPU-specific kernels are off unless asked for (approx.framework says why)."""
    assert _probe() == "eigen"


def test_a_user_can_still_ask_for_onednn():
    assert _probe(TF_ENABLE_ONEDNN_OPTS="1") == "onednn"
