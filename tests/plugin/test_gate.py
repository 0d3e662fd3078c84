"""The upgrade gate through pytester: claim selection, drift verdicts, --drift warn, the header."""

import json
import xml.etree.ElementTree as ElementTree

import pytest

from approx import backend
from approx.statistics import calibration

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.gate",
           "-p", "approx.plugin.completeness", "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "no:cacheprovider")

# A fake spec whose one statistical claim records a measure and an arm that
# exist in the committed baseline, as the same trainings would (a paired
# seed's own baseline value, another seed a draw from the distribution), or scaled.
SPEC = '''
import os
import numpy as np
import pytest
from approx.statistics import calibration

SCALE = float(os.environ.get("SCALE", "1"))

@pytest.mark.claim("S3.1", cell="In [76]")
def test_momentum(evidence, seeds):
    """Momentum helps."""
    base = calibration.committed()
    rng = np.random.default_rng(seeds[0])
    def draw(name):
        pairs, drawn = base.pairs_of(name), rng.choice(base.of(name), len(seeds), replace=False)
        return {s: (pairs[s].value if s in pairs else float(v)) * SCALE for s, v in zip(seeds, drawn)}
    evidence.samples({"momentum_gain": draw("momentum_gain"), "mse_relu_momentum_on_sine": draw("mse_relu_momentum_on_sine")})

@pytest.mark.claim("S1.1", cell="In [8]")
def test_parameters():
    """Two parameters."""

def test_not_a_claim():
    pass
'''


def _run(pytester, *args, scale=1.0):
    pytester.makepyfile(test_spec=SPEC.replace('"SCALE", "1"', f'"SCALE", "{scale}"'))
    return pytester.runpytest_subprocess(*PLUGINS, "--report-dir", "out", *args)


def test_a_claim_is_selected_by_id_by_section_or_by_k(pytester):
    for args in (["--claim", "S3.1"], ["--claim", "S3"], ["-k", "S3.1"]):
        result = _run(pytester, *args)
        result.assert_outcomes(passed=1, deselected=2)


def test_a_malformed_claim_selection_is_a_usage_error(pytester):
    result = _run(pytester, "--claim", "3.1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--claim takes a claim id like S2.4 or a section like S2, got '3.1'*"])


def test_values_from_the_baselines_distribution_do_not_move(pytester):
    result = _run(pytester)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["behaviour: none of the 2 measures and arms moved against the baseline (4 paired*"])
    assert "behaviour of" not in result.stdout.str()  # a name that did not move has no line, but with -v
    _run(pytester, "-v").stdout.fnmatch_lines(["behaviour of momentum_gain: as the baseline*"])
    claims = json.loads((pytester.path / "out" / "claims.json").read_text())
    assert claims["run"]["baseline"]["moved"] == [] and claims["run"]["baseline"]["family"] == 4  # ranks and pairs
    record = next(c for c in claims["claims"] if c["claim"] == "S3.1")
    assert [b["name"] for b in record["behaviour"]] == ["momentum_gain", "mse_relu_momentum_on_sine"]


# Registered after approx's plugins and marked tryfirst, this conftest's
# sessionfinish is the first plain one called: it sees what every other will.
FIRST_SESSIONFINISH = '''
import json
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    if hasattr(session.config, "workerinput"):
        return
    failed = session.config.pluginmanager.get_plugin("terminalreporter").stats.get("failed", [])
    with open("first_sessionfinish.json", "w") as seen:
        json.dump({"testsfailed": session.testsfailed, "failed": [r.nodeid for r in failed]}, seen)
'''

MOVED = ["approx-gate::behaviour[momentum_gain]", "approx-gate::behaviour[mse_relu_momentum_on_sine]"]


@pytest.mark.parametrize("workers", [(), ("-p", "xdist", "-n", "2")], ids=["one process", "xdist"])
def test_a_moved_behaviour_is_a_failed_test_though_every_claim_passed(pytester, workers):
    """The terminal's last line counts it, the exit status is 1, JUnit has a failing test case, claims.json a record.

    The gate reports it when the test loop ends, so it is in before any
    plugin's sessionfinish runs, in whatever order they run (approx.plugin.ending).
    """
    pytester.makeconftest(FIRST_SESSIONFINISH)
    result = _run(pytester, "--seeds", "8", "--junitxml", "junit.xml", *workers, scale=6.0)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(["behaviour of momentum_gain: MOVED*", "2 behaviour(s) moved, which fails the run:*",
                                 "FAILED approx-gate::behaviour[[]momentum_gain[]] - behaviour moved*",
                                 "*2 failed, 3 passed*"])
    seen = json.loads((pytester.path / "first_sessionfinish.json").read_text())
    assert seen == {"testsfailed": 2, "failed": MOVED}
    claims = json.loads((pytester.path / "out" / "claims.json").read_text())
    assert "momentum_gain" in claims["run"]["baseline"]["moved"]
    assert [f["test"] for f in claims["run"]["baseline"]["failures"]] == MOVED
    assert "2 moved</b> (momentum_gain, mse_relu_momentum_on_sine)" in (pytester.path / "out" / "gate.html").read_text()
    junit = ElementTree.parse(pytester.path / "junit.xml")
    assert junit.getroot().find("testsuite").get("failures") == "2"
    failing = {case.get("name") for case in junit.iter("testcase") if case.find("failure") is not None}
    assert failing == {"behaviour[momentum_gain]", "behaviour[mse_relu_momentum_on_sine]"}


def test_the_gates_tests_come_after_the_tests_progress(pytester):
    """The gate's wrapper of the test loop is the outermost (tryfirst), so pytest's own closes the tests' progress
    line at 100% first, and the gate's tests follow outside the count (inside, their line would end at 166%)."""
    result = _run(pytester, "--seeds", "8", scale=6.0)
    result.stdout.fnmatch_lines(["test_spec.py ...*[[]100%[]]", "approx-gate FF"], consecutive=True)


def test_two_percent_moves_through_the_pairs_alone(pytester):
    """×1.02 on every seed: far inside the spread between seeds, beyond ten round-off envelopes of either name."""
    result = _run(pytester, scale=1.02)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    claims = json.loads((pytester.path / "out" / "claims.json").read_text())
    judged = {b["name"]: b for c in claims["claims"] for b in c["behaviour"]}
    for name in ("momentum_gain", "mse_relu_momentum_on_sine"):
        assert judged[name]["verdict"] == "moved" and judged[name]["paired"]["exceeding"] == 5
        assert judged[name]["adjusted"] > 0.01  # the rank test alone would not have seen it


def test_drift_warn_reports_without_failing(pytester):
    result = _run(pytester, "--seeds", "8", "--drift", "warn", scale=6.0)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*behaviour(s) moved, which is reported only (--drift warn)*"])


def test_a_bad_drift_mode_is_a_usage_error(pytester):
    pytester.makeini("[pytest]\napprox_drift = maybe\n")
    result = _run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini option approx_drift: expected one of fail, warn, got 'maybe'*"])


def test_the_header_names_the_baseline_and_the_versions_that_differ(pytester):
    result = _run(pytester)
    base = calibration.committed()
    header = " ".join(result.stdout.str().split("rootdir:")[0].split())  # wrapped to the terminal's width
    assert (f"approx: backend {backend.chosen()}; behaviour judged against its baseline"
            f" {calibration.baseline_path().name} (tensorflow {base.versions['tensorflow']}") in header
    assert f"; {len(base.seeds)} seeds)" in header


def test_the_report_shows_each_claims_behaviour_and_the_baseline(pytester):
    _run(pytester)
    html = (pytester.path / "out" / "gate.html").read_text()
    assert 'class="behaviour"' in html and "mse_relu_momentum_on_sine" in html
    base = calibration.committed()
    assert f"<dt>baseline</dt><dd>calibration/{calibration.baseline_path().name} ({len(base.seeds)} seeds" in html
