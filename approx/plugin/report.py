"""Every spec run writes reports/index.html, gate.html and claims.json, even when claims fail.

A run that did not check the whole spec (a selection, an interrupt, -x, a
crashed worker; approx.plugin.completeness) writes its report to
reports/partial/, marked partial with the reason, and leaves the last
complete report in reports/ as it was.

The claims plugin collects each test's final report, with its evidence and
figures, on the process that owns the session (the xdist controller gathers
what every worker sent). At the end of the session (approx.plugin.ending)
`write` turns their claim records into the two files, each replaced
atomically, so an interrupted run leaves the previous report whole.

The versions in the report are those the tests ran on: each xdist worker
sends its own with its last message, so the controller, which runs no test,
never has to import TensorFlow.
"""

import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from approx.atomic import write_atomically
from approx.plugin import completeness
from approx.plugin.gate import gate_test, mode as drift_mode
from approx.plugin.options import spec_run
from approx.report import document, page
from approx.statistics import calibration, drift


def pytest_addoption(parser):
    group = parser.getgroup("approx")
    group.addoption("--report-dir", default=None, metavar="DIR",
                    help="where index.html and claims.json go (default: reports; ini: approx_report_dir)")
    parser.addini("approx_report_dir", "where the report goes (default: reports, beside the rootdir's ini)",
                  default="reports")


PARTIAL = "partial"  # the sub-folder of an incomplete run's report


def pytest_configure(config):
    chosen = config.getoption("--report-dir") or (config.getini("approx_report_dir") != "reports")
    if chosen and not hasattr(config, "workerinput"):  # asked for by name: it must be writable
        problem = unwritable(report_dir(config))
        if problem:
            raise pytest.UsageError(f"--report-dir (or ini approx_report_dir) {report_dir(config)}: {problem}")


def unwritable(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (made if missing), or None if it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        return e.strerror or str(e)
    return None


def report_dir(config) -> Path:
    chosen = config.getoption("--report-dir") or config.getini("approx_report_dir")
    return Path(config.rootpath, chosen)


def loaded_versions() -> dict | None:
    """The framework's versions if this process loaded it, else None (importing it takes seconds)."""
    framework = sys.modules.get("approx.framework")
    return framework.versions() if framework else None


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the xdist controller: keep the versions a finished worker ran on."""
    versions = getattr(node, "workeroutput", {}).get("approx_versions")
    if versions:
        spec_run(node.config).versions = versions


def versions_run(config) -> dict:
    """The versions the tests ran on: this process's, the workers', or, if no claim touched the framework, installed."""
    versions = loaded_versions() or spec_run(config).versions
    if versions is None:
        from approx.framework import versions as installed
        versions = installed()
    return versions


def write(session, records, judged: dict, complete: completeness.Completeness) -> Path | None:
    """claims.json, gate.html and index.html, each replaced atomically; a partial run's go beside the whole spec's.

    Returns the page written, or None when the folder is not writable (the
    run's `unwritten` says why).
    """
    config, state = session.config, spec_run(session.config)
    run = {"started": state.started_at.isoformat(timespec="seconds"), "seconds": round(time.time() - state.started, 1),
           "seeds": list(state.seeds), "versions": versions_run(config), "baseline": _baseline(judged, config),
           **complete.as_dict()}
    claims = document.document(records, run)
    folder = report_dir(config) if complete.complete else report_dir(config) / PARTIAL
    try:
        document.write(claims, folder / "claims.json")
        write_atomically(folder / "gate.html", page.gate(claims, calibration.drill_results()))
        write_atomically(folder / "index.html", page.index(claims))
    except OSError as e:
        state.unwritten.append(f"the report to {folder} ({e.strerror or e})")
        return None
    return folder / "index.html"


def _baseline(judged: dict | None, config) -> dict | None:
    """What the run's behaviour was judged against, and what moved; None when it measured nothing statistical."""
    if not judged:
        return None
    base = calibration.committed()
    moved = sorted(name for name, d in judged.items() if d.moved)
    failing = drift_mode(config) == "fail"
    return {"file": f"calibration/{calibration.baseline_path().name}", "command": base.command, "versions": base.versions,
            "seeds": len(base.seeds), "paired_seeds": base.paired_seeds,
            "variants": list(base.variants), "alpha": drift.ALPHA, "names": len(judged),
            "family": next(iter(judged.values())).family, "mode": drift_mode(config), "moved": moved,
            "failures": [{"test": gate_test(name), "name": name, "outcome": "failed", "message": str(judged[name])}
                         for name in moved] if failing else []}


@pytest.hookimpl(trylast=True)  # the last lines of the summary: where the report went, and if it is partial
def pytest_terminal_summary(terminalreporter, config):
    state = spec_run(config)
    if state.unwritten:  # a read-only checkout: the claims ran, and this is what was not kept
        terminalreporter.write_line(f"approx could not write {'; '.join(state.unwritten)}", yellow=True)
    path = state.report
    if path is None:
        return
    told = f"report: {path} (for readers), {path.with_name('gate.html')} (the gate), {path.with_name('claims.json')}"
    for line in textwrap.wrap(told, terminalreporter._tw.fullwidth, subsequent_indent="  ", break_long_words=False,
                              break_on_hyphens=False):  # a path stays whole, to be copied
        terminalreporter.write_line(line)
    if not state.completeness.complete:
        terminalreporter.write_line(
            f"partial run ({state.completeness.summary()}); {report_dir(config) / 'index.html'} still holds"
            f" the last complete run", yellow=True, bold=True)
