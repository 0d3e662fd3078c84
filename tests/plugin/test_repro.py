"""approx repro: the scripts it writes run without approx, agree with the baseline here, and see a framework change."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from approx.statistics.measures import quantities
from approx.tools import checks, repro

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


FRAMEWORK = {"numpy", "keras", "tensorflow"}  # what a reproducer may import beside the standard library


def test_the_s10_4_reproducer_runs_its_probes_alone_and_agrees_on_the_pinned_release(tmp_path):
    script = repro.write("S10.4", tmp_path)
    assert imports(script) - set(sys.stdlib_module_names) <= FRAMEWORK
    assert not (tmp_path / "data.npz").exists() or checks.of_claim("S10.4")[2].runs
    assert "Baseline: keras" in script.read_text().split('"""')[1]
    done = run_without_approx(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("  matches") == 3 and "matches the baseline's release" in done.stdout


def test_one_spec_test_s_reproducer_carries_only_what_its_check_needs(tmp_path):
    script = repro.write("test_model_fit_reshuffles_all_points_every_epoch", tmp_path)
    assert not (tmp_path / "data.npz").exists() and not (tmp_path / "reproducer.json").exists()
    text = script.read_text()
    assert "approx.probes.shuffling, as it is" in text and "approx.probes.dense" not in text
    done = run_without_approx(tmp_path)
    assert done.returncode == 0 and done.stdout.count("  matches") == 1, done.stdout + done.stderr


def test_a_measures_reproducer_agrees_here_and_sees_a_framework_change(tmp_path):
    folder = tmp_path / "repro"
    script = repro.write("mse_relu3_on_sine", folder)
    assert imports(script) - set(sys.stdlib_module_names) <= FRAMEWORK
    setup = json.loads((folder / "reproducer.json").read_text())
    assert setup["names"] == ["mse_relu3_on_sine"] and len(setup["seeds"]) >= 5

    done = run_without_approx(folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "matches: 0 of" in done.stdout

    change = tmp_path / "change"
    change.mkdir()
    (change / "sitecustomize.py").write_text(STEEPER_SGD)
    changed = run_without_approx(folder, change)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "DIFFERS from the baseline's release" in changed.stdout


def test_a_claim_reproduces_the_measures_its_tests_judge():
    assert repro.claim_names("S2.5") == ["relu_width_gain", "mse_relu3_on_sine", "mse_relu59_on_sine"]


@pytest.mark.parametrize("target, message", [
    ("S99.1", "not a claim of spec/CLAIMS.md"), ("S4.1", "a claim about the article's code"),
    ("no_such_measure", "neither a claim id"),
])
def test_what_has_no_reproducer_is_said(target, message, tmp_path, capsys):
    assert repro.main([target, "--out", str(tmp_path / "x")]) == 2
    assert message in capsys.readouterr().err


def _spec_tests():
    """(claim, test name, evidence kind, whether it names a measure or arm) of every claim test of the spec."""
    known = quantities()
    for path in sorted((Path(repro.ROOT) / "spec").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for marker in node.decorator_list:
                if isinstance(marker, ast.Call) and getattr(marker.func, "attr", "") == "claim":
                    kind = next((k.value.value for k in marker.keywords if k.arg == "evidence_kind"), "framework")
                    measured = any((getattr(n, "attr", None) or getattr(n, "id", None)) in known for n in ast.walk(node))
                    yield marker.args[0].value, node.name, kind, measured


ABOUT_APPROX = {"test_approx_trains_as_model_fit_epoch_by_epoch_on_its_orders"}  # approx's own path, not Keras


def test_every_exact_check_of_keras_has_its_line_in_the_reproducers():
    exact = {(claim, name) for claim, name, kind, measured in _spec_tests() if kind == "framework" and not measured}
    lined = {(c.claim, c.test) for c in checks.CHECKS}
    assert exact - lined == {(c, n) for c, n in exact if n in ABOUT_APPROX}
    assert lined <= exact


def test_a_check_expected_to_fail_is_an_erratum_or_a_declared_difference():
    source = "".join(p.read_text() for p in (Path(repro.ROOT) / "spec").glob("test_*.py"))
    for check in checks.CHECKS:
        head = source[:source.index(f"def {check.test}(")].rsplit("\n\n\n", 1)[-1]
        # The baseline is Keras 3 on TensorFlow: a release marker for keras>=3 that fails there, unless another backend's.
        on_baseline = [m for m in re.findall(r'pytest\.mark\.release\(([^)]*)\)', head)
                       if m.startswith('"keras>=3", "fails"') and "backend=" not in m.replace('backend="tensorflow"', "")]
        declared = "pytest.mark.xfail" in head or bool(on_baseline)
        assert (check.expected == "fails") == declared, check.test


def test_every_recipe_gives_approx_s_own_value(tmp_path):
    """Each measure's and arm's line, run without approx on one paired seed, lands within its envelope of the baseline.

    The lines restate approx.statistics.measures in the script's words; this holds the two together (about 3 min).
    """
    folder = tmp_path / "every"
    repro.script("every measure and arm", [], list(quantities()), folder)
    setup = json.loads((folder / "reproducer.json").read_text())
    seed = setup["seeds"][0]
    setup["seeds"] = [seed]
    for expected in setup["expected"].values():
        expected["baseline"] = {str(seed): expected["baseline"][str(seed)]}
    (folder / "reproducer.json").write_text(json.dumps(setup))
    done = run_without_approx(folder)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.count("  matches") == len(quantities()) and "DIFFERS" not in done.stdout
