"""Every spec run writes reports/index.html and reports/claims.json, even when claims fail.

The claims plugin collects each test's final report, with its evidence and
figures, on the process that owns the session (the xdist controller gathers
what every worker sent). At the end of the session this plugin turns them
into the two files, each replaced atomically, so an interrupted run leaves
the previous report whole.

The versions in the report are those the tests ran on: each xdist worker
sends its own with its last message, so the controller, which runs no test,
never has to import TensorFlow.
"""

import sys
import time
from pathlib import Path

import pytest

from approx.atomic import write_atomically
from approx.plugin import records
from approx.plugin.drift import mode as drift_mode
from approx.plugin.options import spec_run
from approx.report import document, page
from approx.statistics import calibration, drift


def pytest_addoption(parser):
    group = parser.getgroup("approx")
    group.addoption("--report-dir", default=None, metavar="DIR",
                    help="where index.html and claims.json go (default: reports; ini: approx_report_dir)")
    parser.addini("approx_report_dir", "where the report goes (default: reports, beside the rootdir's ini)",
                  default="reports")


def report_dir(config) -> Path:
    chosen = config.getoption("--report-dir") or config.getini("approx_report_dir")
    return Path(config.rootpath, chosen)


def _loaded_versions() -> dict | None:
    """The framework's versions if this process loaded it, else None (importing it takes seconds)."""
    framework = sys.modules.get("approx.framework")
    return framework.versions() if framework else None


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the xdist controller: keep the versions a finished worker ran on."""
    versions = getattr(node, "workeroutput", {}).get("approx_versions")
    if versions:
        spec_run(node.config).versions = versions


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workerinput"):
        # Workers send their reports to the controller, which writes; this
        # travels with the worker's last message.
        config.workeroutput["approx_versions"] = _loaded_versions()
        return
    account = config.pluginmanager.get_plugin("approx-account")
    if account is None or not account.reports:
        return
    state = spec_run(config)
    versions = _loaded_versions() or state.versions
    if versions is None:  # claims that never touched the framework: name what is installed
        from approx.framework import versions as installed
        versions = installed()
    run = {"started": state.started_at.isoformat(timespec="seconds"), "seconds": round(time.time() - state.started, 1),
           "seeds": list(state.seeds), "versions": versions, "baseline": _baseline(state.drift, config)}
    reports = list(account.reports.values())
    claims = document.document([records.record(r, state.drift) for r in reports], run)
    images = {r.nodeid: records.images(r) for r in reports}
    folder = report_dir(config)
    document.write(claims, folder / "claims.json")
    write_atomically(folder / "index.html", page.page(claims, images, calibration.drill_results()))
    state.report = folder / "index.html"


def _baseline(judged: dict | None, config) -> dict | None:
    """What the run's behaviour was judged against, and what moved; None when it measured nothing statistical."""
    if not judged:
        return None
    base = calibration.committed()
    return {"file": f"calibration/{calibration.PATH.name}", "command": base.command, "versions": base.versions,
            "seeds": len(base.seeds), "alpha": drift.ALPHA, "family": len(judged), "mode": drift_mode(config),
            "moved": sorted(name for name, d in judged.items() if d.moved)}


def pytest_terminal_summary(terminalreporter, config):
    path = spec_run(config).report
    if path is not None:
        terminalreporter.write_line(f"report: {path} and {path.with_name('claims.json')}")
