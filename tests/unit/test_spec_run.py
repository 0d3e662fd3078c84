"""approx.tools.spec_run: the one way the tools run `pytest spec/` and read what it wrote."""

import json
import sys

import pytest

from approx.tools import spec_run


def _fake_python(tmp_path, writes: bool, exit_status: int = 0):
    """A stand-in interpreter: it records its arguments and, if asked, writes a claims.json where told."""
    script = tmp_path / "python"
    script.write_text(f"""#!{sys.executable}
import json, sys
from pathlib import Path
folder = Path(sys.argv[sys.argv.index("--report-dir") + 1])
folder.mkdir(parents=True, exist_ok=True)
if {writes}:
    (folder / "claims.json").write_text(json.dumps({{"argv": sys.argv[1:], "claims": []}}))
print("the run's last words")
sys.exit({exit_status})
""")
    script.chmod(0o755)
    return script


def test_a_run_returns_its_document_exit_and_output(tmp_path):
    ran = spec_run.spec(tmp_path / "r", "-n", "auto", python=_fake_python(tmp_path, True, 1))
    assert ran.exit == 1 and "last words" in ran.output and ran.seconds > 0
    assert ran.claims()["argv"] == ["-m", "pytest", "spec/", "-q", "--report-dir", str(tmp_path / "r"), "-n", "auto"]


def test_a_run_that_wrote_nothing_says_so_with_its_output(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "claims.json").write_text(json.dumps({"claims": ["stale"]}))  # from an earlier run
    ran = spec_run.spec(tmp_path / "r", python=_fake_python(tmp_path, False, 2))
    assert ran.document is None
    with pytest.raises(RuntimeError, match="exit 2.*wrote no claims.json(.|\n)*last words"):
        ran.claims()
