"""The folder tree is the architecture: every import between approx's layers points down.

The contract is pyproject.toml's [tool.importlinter]; import-linter checks it.
The second test shows the check can fail: a copy of the package with one
import running back up breaks it.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from approx.repository import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True,
                          env={"PYTHONPATH": str(folder), "PATH": str(LINT_IMPORTS.parent)})


def test_every_import_between_layers_points_down():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_running_back_up_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "approx", tmp_path / "approx", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    runs = tmp_path / "approx" / "article" / "runs.py"
    runs.write_text(runs.read_text() + "\nfrom approx.training import session  # noqa: the wrong way up\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "approx.article.runs -> approx.training.session" in result.stdout
