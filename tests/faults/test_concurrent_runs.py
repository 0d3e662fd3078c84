"""Two spec runs at once in one checkout share the weight store and the report folder, and both come out right."""

import json
import os
import subprocess
import sys

import jsonschema

from approx.report import document

SPEC = '''
import numpy as np
import pytest
from approx.article import nets
from approx.article.runs import Run
from approx.training import session


@pytest.mark.claim("S1.2")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_stored_training_is_a_fresh_training(seed):
    """What the shared store hands back is what training gives."""
    run = Run(nets.single_neuron(), "line", 2, seed)
    stored = session.current().train(run).get_weights()
    for a, b in zip(stored, session.Session().fit(run).get_weights()):
        np.testing.assert_array_equal(a, b)
'''
PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "approx.plugin.weights", "-o", "addopts=")


def test_two_runs_at_once_both_pass_and_leave_one_whole_report_and_store(tmp_path):
    (tmp_path / "test_spec.py").write_text(SPEC)
    runs = [subprocess.Popen([sys.executable, "-m", "pytest", *PLUGINS, "-q"], cwd=tmp_path, env=os.environ,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    for run in runs:
        output, _ = run.communicate(timeout=600)
        assert run.returncode == 0, output
    claims = json.loads((tmp_path / "reports" / "claims.json").read_text())
    jsonschema.validate(claims, document.schema())
    assert claims["run"]["complete"] and claims["run"]["tests_run"] == 3
    store = tmp_path / ".pytest_cache" / "d" / "approx-weights"
    entries = sorted(p.name for p in store.iterdir() if p.is_file())
    assert len(entries) == 3 and all(name.endswith(".npz") for name in entries), entries
