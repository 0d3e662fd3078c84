"""A checkout where nothing can be written still runs the claims, and says in one line what it did not keep.

Root ignores file modes, so "cannot be written" is made the way that holds
for every user: a file stands where the report folder and pytest's cache go.
"""

import pytest

SPEC = '''
import pytest

@pytest.mark.claim("S1.1")
def test_one(evidence):
    """A claim."""
    evidence.number("w", 2.0)
'''
PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "approx.plugin.weights")


def test_an_unwritable_checkout_runs_the_claims_and_names_what_it_could_not_write(pytester):
    pytester.makepyfile(SPEC)
    (pytester.path / "reports").write_text("a file where the report folder goes")
    (pytester.path / ".pytest_cache").write_text("a file where pytest's cache goes")
    result = pytester.runpytest_subprocess(*PLUGINS, "-p", "cacheprovider")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1)
    lines = [line for line in result.outlines if line.startswith("approx could not write")]
    assert len(lines) == 1
    assert "the weight store or pytest's cache to" in lines[0] and "the report to" in lines[0] and "reports" in lines[0]


def test_a_report_dir_asked_for_by_name_must_be_writable(pytester):
    pytester.makepyfile(SPEC)
    (pytester.path / "taken").write_text("a file")
    result = pytester.runpytest_subprocess(*PLUGINS, "-p", "no:cacheprovider", "--report-dir", "taken/deeper")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--report-dir (or ini approx_report_dir) */taken/deeper: *"])
