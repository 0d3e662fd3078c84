"""The upgrade gate: at the end of a run, has any measured behaviour moved from the baseline?

Each statistical claim records its measure's and its arms' values per seed
(`evidence.samples`). When the tests are over, the process that owns the
session (the xdist controller gathers every worker's reports) compares all
of them with the committed baseline at once (`judge`, called by
approx.plugin.ending as the test loop ends; approx.statistics.drift: paired
and rank tests, Holm across the run), for the terminal, claims.json and the
report.

A moved behaviour is a failed test (`--drift fail`, the default), even where
every claim of the article still holds: an upgrade must not change what the
networks do unseen. Each moved name is reported as the test
`approx-gate::behaviour[NAME]`, failed, through pytest's own report hook,
before the session finishes: the terminal's last line counts it, the exit
status is 1, JUnit XML has its failing test case, and claims.json its
record (`run.baseline.failures`).
`--drift warn` reports it and leaves the exit status to the claims.
Accepting an intended change is re-baselining: `approx calibrate`.
"""

import textwrap

import pytest

from approx import backend
from approx.statistics import calibration, drift

MODES = ("fail", "warn")


def pytest_addoption(parser):
    group = parser.getgroup("approx")
    group.addoption("--drift", choices=MODES, default=None,
                    help="when a behaviour moved from the baseline: fail the run (default) or only warn"
                         " (ini: approx_drift)")
    parser.addini("approx_drift", "fail or warn when a behaviour moved from the baseline (default: fail)",
                  default="fail")


def mode(config) -> str:
    chosen = config.getoption("--drift") or config.getini("approx_drift")
    if chosen not in MODES:
        raise pytest.UsageError(f"ini option approx_drift: expected one of {', '.join(MODES)}, got {chosen!r}")
    return chosen


def pytest_configure(config):
    mode(config)  # a bad ini value is a usage error before collection
    try:
        calibration.committed()  # a damaged baseline is named before any test runs
    except (calibration.DamagedCalibration, backend.UnknownBackend) as unusable:
        raise pytest.UsageError(str(unusable)) from None
    except FileNotFoundError:
        pass  # the header says so; statistical claims then fail naming the command


def baseline_line() -> str:
    """Which baseline the run is judged against, and whether its versions are the installed ones."""
    try:
        base = calibration.committed()
    except FileNotFoundError as missing:
        return f"approx: no baseline ({missing})"
    installed = calibration.installed_versions()
    names = [n for n in dict.fromkeys(("tensorflow", "keras", "numpy", installed["backend"], "python"))
             if n in base.versions]
    pinned = ", ".join(f"{n} {base.versions[n]}" for n in names)
    differing = [f"{n} {installed[n]}" for n in names if installed.get(n) != base.versions[n]]
    against = f"installed: {', '.join(differing)}" if differing else "the installed versions"
    return (f"approx: backend {installed['backend']}; behaviour judged against its baseline"
            f" {calibration.baseline_path().name} ({pinned}; {len(base.seeds)} seeds) — {against}")


def pytest_report_header(config):
    return textwrap.wrap(baseline_line(), config.get_terminal_writer().fullwidth, subsequent_indent="  ")


def samples(records) -> dict[str, dict[int, float]]:
    """Every measure's and arm's values per seed, over all the run's claim records (a shared arm counts once)."""
    gathered: dict[str, dict[int, float]] = {}
    for record in records:
        for name, per_seed in record.samples.items():
            gathered.setdefault(name, {int(s): v for s, v in per_seed.items()})
    return gathered


GATE = "approx-gate"  # the node id's first part for the gate's own tests: no file holds them


def gate_test(name: str) -> str:
    """The node id of the gate's test that `name` behaves as the baseline."""
    return f"{GATE}::behaviour[{name}]"


def failed_report(judged: drift.Drift) -> pytest.TestReport:
    """The failed call report of `judged`'s gate test, as a test run on a worker would send it."""
    return pytest.TestReport(nodeid=gate_test(judged.name), location=(GATE, None, f"behaviour[{judged.name}]"),
                             keywords={judged.name: 1}, outcome="failed", longrepr=f"behaviour moved: {judged}",
                             when="call", sections=[], duration=0.0, user_properties=[("behaviour", judged.name)])


def _report_phase(config, report: pytest.TestReport, when: str, outcome: str) -> None:
    phase = pytest.TestReport(nodeid=report.nodeid, location=report.location, keywords=report.keywords,
                              outcome=outcome, longrepr=report.longrepr if outcome == "failed" else None,
                              when=when, sections=[], duration=0.0, user_properties=report.user_properties)
    config.hook.pytest_runtest_logreport(report=phase)


def report_failures(config, moved: list[drift.Drift]) -> None:
    """Each moved name as a failed test: setup, call and teardown, as pytest reports any test."""
    for judged in moved:
        report = failed_report(judged)
        config.hook.pytest_runtest_logstart(nodeid=report.nodeid, location=report.location)
        _report_phase(config, report, "setup", "passed")
        config.hook.pytest_runtest_logreport(report=report)
        _report_phase(config, report, "teardown", "passed")
        config.hook.pytest_runtest_logfinish(nodeid=report.nodeid, location=report.location)


def judge(config, records) -> dict[str, drift.Drift]:
    """Every measure and arm the run sampled against the committed baseline; in `fail` mode a moved one fails the run.

    Each moved name is reported as a failed test (`report_failures`), which
    pytest's session counts as any other, so a run that else passed exits 1.
    Called when the test loop ends, before any plugin's sessionfinish
    (approx.plugin.ending says why).
    """
    gathered = samples(records)
    if not gathered:
        return {}
    judged = drift.judge(gathered, calibration.committed())
    moved = [d for d in judged.values() if d.moved]
    if moved and mode(config) == "fail":
        report_failures(config, moved)
    return judged
