"""approx repro: the scripts it writes run without approx, agree with the baseline here, and see a framework change."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from approx.tools import repro

# Runs a reproducer with approx made unimportable: any `import approx` in it, however indirect, fails.
WITHOUT_APPROX = ("import runpy, sys; sys.modules['approx'] = None; sys.argv = ['reproduce.py'];"
                  " runpy.run_path('reproduce.py', run_name='__main__')")

# A framework change of our own choosing: Keras's SGD takes a learning rate 2% higher than it is given.
STEEPER_SGD = """
import keras
_init = keras.optimizers.SGD.__init__
def _steeper(self, learning_rate=0.01, *args, **kwargs):
    _init(self, learning_rate * 1.02, *args, **kwargs)
keras.optimizers.SGD.__init__ = _steeper
"""


def run_without_approx(folder: Path, change: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), **({"PYTHONPATH": str(change)} if change else {})}
    return subprocess.run([sys.executable, "-c", WITHOUT_APPROX], cwd=folder, capture_output=True, text=True, env=env)


def imports(script: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(script.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").split(".")[0])
    return found


def test_the_s10_4_reproducer_is_the_probe_and_holds_on_the_pinned_release(tmp_path):
    script = repro.write("S10.4", tmp_path)
    assert imports(script) - set(sys.stdlib_module_names) == {"numpy", "keras"}
    assert "Baseline: keras" in script.read_text().split('"""')[1]
    done = run_without_approx(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "as the baseline's release" in done.stdout


def test_a_measures_reproducer_agrees_here_and_sees_a_framework_change(tmp_path):
    folder = tmp_path / "repro"
    script = repro.write("mse_relu3_on_sine", folder)
    assert imports(script) - set(sys.stdlib_module_names) == {"numpy", "keras"}
    setup = json.loads((folder / "reproducer.json").read_text())
    assert setup["names"] == ["mse_relu3_on_sine"] and len(setup["seeds"]) >= 5

    done = run_without_approx(folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "same: 0 of" in done.stdout

    change = tmp_path / "change"
    change.mkdir()
    (change / "sitecustomize.py").write_text(STEEPER_SGD)
    changed = run_without_approx(folder, change)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "DIFFERS" in changed.stdout and "differs from the baseline's release" in changed.stdout


def test_a_claim_reproduces_the_measures_its_tests_judge():
    assert repro.claim_names("S2.5") == ["relu_width_gain", "mse_relu3_on_sine", "mse_relu59_on_sine"]


@pytest.mark.parametrize("target, message", [
    ("S99.1", "judge no measure"), ("no_such_measure", "neither a claim id"),
])
def test_what_has_no_reproducer_is_said(target, message, tmp_path, capsys):
    assert repro.main([target, "--out", str(tmp_path / "x")]) == 2
    assert message in capsys.readouterr().err
