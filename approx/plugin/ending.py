"""The end of a spec run, in one place and in this order.

On a worker: send the versions the tests ran on to the controller, which
runs no test and so never imports the framework. On the process that owns
the session (the xdist controller, or the only process):

when the test loop ends (`pytest_runtestloop`)
1. gather: each claim test's final report (approx.plugin.claims.FinalReports)
   becomes its claim record (approx.plugin.from_reports.record_of);
2. judge the behaviour: every measure and arm the run sampled against the
   baseline (approx.plugin.gate.judge); a moved one is reported as a failed
   test (why then, and why as a report: `pytest_runtestloop` below);

when the session finishes (`pytest_sessionfinish`)
3. judge completeness: did the run check the whole spec, and if not, why
   (approx.plugin.completeness); an interrupt is only known by then;
4. write claims.json and index.html (approx.plugin.report.write).

What it found is kept in the run's SpecRun for the terminal's summaries,
which pytest calls after this; JUnit XML's drift property is added once its
file is written (approx.plugin.junit).
"""

import pytest

from approx.plugin import claims, completeness, gate, report
from approx.plugin.options import spec_run
from approx.plugin.from_reports import record_of, with_behaviour

GATHERED = pytest.StashKey[list]()  # the claim records, from the loop's end to the session's


# The gate's verdict needs every claim's samples, and so every worker's
# reports: only the controller has them, and only once xdist's loop returns,
# after the last worker finished (xdist/dsession.py, DSession.pytest_runtestloop).
# A collected test could not judge: it would run on one worker, seeing its own.
# A moved behaviour must count as a failed test in the terminal's stats, JUnit
# XML and the exit status, and pytest's only way in for a test's result is a
# TestReport sent to pytest_runtest_logreport (xdist sends its workers' so).
# pytest calls pytest_runtestloop before pytest_sessionfinish, where JUnit XML
# writes and the terminal sums up (_pytest/main.py, _main and wrap_session):
# reported here, after the loop, the failures are in before any plugin's
# sessionfinish, whatever their order, and pytest's own count of failed tests
# makes the exit status 1 (tests/plugin/test_gate.py holds both to it).
@pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: the tests' progress ends at [100%] before the gate's
def pytest_runtestloop(session):
    try:
        return (yield)
    finally:  # interrupted or stopped early too, with what reported
        if not hasattr(session.config, "workerinput"):
            _judge_behaviour(session.config)


def _judge_behaviour(config) -> None:
    kept = claims.final_reports(config)
    if kept is None or not kept.reports:
        return
    records = [record_of(r) for r in kept.reports.values()]
    config.stash[GATHERED] = records
    judging = config.pluginmanager.hasplugin("approx.plugin.gate")
    spec_run(config).drift = gate.judge(config, records) if judging else {}


def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workerinput"):
        config.workeroutput["approx_versions"] = report.loaded_versions()  # with the worker's last message
        return
    records = config.stash.get(GATHERED, None)
    if not records:
        return
    state = spec_run(config)
    judged = state.drift
    state.records = sorted((with_behaviour(r, judged) for r in records), key=lambda r: r.order)
    state.completeness = completeness.tracker(config).judge(session, {r.test: r for r in state.records})
    state.report = report.write(session, state.records, judged, state.completeness)
