"""The end of a spec run, in one place and in this order.

On a worker: send the versions the tests ran on to the controller, which
runs no test and so never imports the framework. On the process that owns
the session (the xdist controller, or the only process):

1. gather: each claim test's final report (approx.plugin.claims.Account)
   becomes its claim record (approx.plugin.records.record_of);
2. judge the behaviour: every measure and arm the run sampled against the
   baseline (approx.plugin.gate.judge); a moved one is reported as a failed
   test, which is why this runs first among the session's finishers, before
   JUnit XML writes its file;
3. judge completeness: did the run check the whole spec, and if not, why
   (approx.plugin.completeness);
4. write claims.json and index.html (approx.plugin.report.write).

What it found is kept in the run's SpecRun for the terminal's summaries,
which pytest calls after this; JUnit XML's drift property is added once its
file is written (approx.plugin.junit).
"""

import pytest

from approx.plugin import claims, completeness, gate, report
from approx.plugin.options import spec_run
from approx.plugin.records import record_of, with_behaviour


@pytest.hookimpl(tryfirst=True)  # a moved behaviour must be a failed test before JUnit XML writes
def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workerinput"):
        config.workeroutput["approx_versions"] = report.loaded_versions()  # with the worker's last message
        return
    account = claims.account(config)
    if account is None or not account.reports:
        return
    reports = account.reports.values()
    state = spec_run(config)
    records = [record_of(r) for r in reports]
    judged = gate.judge(session, records) if config.pluginmanager.hasplugin("approx.plugin.gate") else {}
    state.drift = judged
    state.records = sorted((with_behaviour(r, judged) for r in records), key=lambda r: r.order)
    state.completeness = completeness.tracker(config).judge(session, {r.test: r for r in state.records})
    state.report = report.write(session, state.records, judged, state.completeness)
