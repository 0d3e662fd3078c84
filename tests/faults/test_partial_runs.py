"""A run cut short or narrowed never replaces the last complete report: its own goes to reports/partial/.

Each test runs a small fake spec (four claim tests) through the real
plugins, in a subprocess, after a complete run has written reports/.
"""

import json
import os
import signal
import subprocess
import sys
import time

import jsonschema
import pytest

from approx.report import document

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "no:cacheprovider", "-o", "addopts=")

SPEC = '''
import os, signal, time
import pytest

@pytest.mark.claim("S1.1")
def test_one():
    """The first claim."""

@pytest.mark.claim("S1.2")
def test_two():
    """The second claim."""
    fault = os.environ.get("FAULT")
    if fault == "fail":
        assert False, "broken"
    if fault == "interrupt":
        raise KeyboardInterrupt
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if fault == "wait":
        open("started", "w").close()
        time.sleep(60)

@pytest.mark.claim("S2.1")
@pytest.mark.parametrize("n", [1, 2])
def test_three(n):
    """The third claim, twice."""
'''


def _pytest(folder, *args, fault=None, **popen):
    env = {**os.environ, "FAULT": fault or ""}
    return subprocess.run([sys.executable, "-m", "pytest", *PLUGINS, "-q", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=240, **popen)


@pytest.fixture
def spec(tmp_path):
    """A fake spec whose complete report is already in reports/."""
    (tmp_path / "test_spec.py").write_text(SPEC)
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout
    return tmp_path


def _claims(path):
    claims = json.loads(path.read_text())
    jsonschema.validate(claims, document.schema())
    return claims


def _assert_partial(spec, output, why):
    """The complete report is untouched; the partial one says it is partial, and why."""
    whole = _claims(spec / "reports" / "claims.json")
    assert whole["run"]["complete"] and whole["run"]["claims_run"] == 3 and whole["run"]["tests_run"] == 4
    partial = _claims(spec / "reports" / "partial" / "claims.json")
    assert partial["run"]["complete"] is False and why in partial["run"]["why_partial"]
    page = (spec / "reports" / "partial" / "index.html").read_text()
    assert "Partial run:" in page and why in page
    assert "partial run (" in output and "still holds the last complete run" in output
    return partial["run"]


def test_a_complete_run_says_so(spec):
    run = _claims(spec / "reports" / "claims.json")["run"]
    assert run["complete"] is True and run["why_partial"] is None
    assert (run["claims_run"], run["claims_total"], run["tests_run"], run["tests_selected"]) == (3, 3, 4, 4)
    assert "Partial run" not in (spec / "reports" / "index.html").read_text()
    assert not (spec / "reports" / "partial").exists()


@pytest.mark.parametrize("selection", [["-k", "two"], ["--claim", "S2"], ["test_spec.py::test_one"]],
                         ids=["-k", "--claim", "a node id"])
def test_a_selection_goes_beside_the_complete_report(spec, selection):
    result = _pytest(spec, *selection)
    assert result.returncode == 0, result.stdout
    run = _assert_partial(spec, result.stdout, "a selection")
    assert run["claims_total"] == 3 and run["claims_run"] < 3


def test_stopping_at_the_first_failure_is_partial(spec):
    result = _pytest(spec, "-x", "-p", "no:randomly", fault="fail")
    assert result.returncode == 1
    _assert_partial(spec, result.stdout, "stopped early (stopping after 1 failures)")


def test_an_interrupt_is_partial(spec):
    result = _pytest(spec, fault="interrupt")
    assert result.returncode == pytest.ExitCode.INTERRUPTED
    _assert_partial(spec, result.stdout, "interrupted")


def test_a_killed_worker_is_partial_and_named(spec):
    result = _pytest(spec, "-p", "xdist", "-n", "2", fault="kill")
    assert result.returncode == 1
    run = _assert_partial(spec, result.stdout, "a worker crashed running test_spec.py::test_two")
    assert run["tests_run"] == 4  # the other tests still ran, on a replacement worker


def test_ctrl_c_to_the_process_group_of_a_distributed_run_is_partial(spec):
    """As a user's Ctrl-C does it: SIGINT to every process of the run, while a test runs."""
    # A terminal's Ctrl-C reaches processes that take SIGINT by default; a process started from an xdist
    # worker may inherit it ignored, and Python then installs no KeyboardInterrupt handler.
    process = subprocess.Popen([sys.executable, "-m", "pytest", *PLUGINS, "-q", "-p", "xdist", "-n", "2"],
                               cwd=spec, env={**os.environ, "FAULT": "wait"}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not (spec / "started").exists():
        assert time.monotonic() < deadline and process.poll() is None, "the run never reached the slow test"
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == pytest.ExitCode.INTERRUPTED, output
    _assert_partial(spec, output, "interrupted")
