"""The `release` marker: a claim's declared difference on some framework releases, through pytester.

"pytest>=1" stands for a release that is installed, "pytest<1" for one that is not.
"""

import pytest

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.releases", "-p", "approx.plugin.claims",
           "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "no:cacheprovider")


def _run(pytester, source, *args):
    pytester.makepyfile(source)
    return pytester.runpytest_subprocess(*PLUGINS, *args)


def _claim(where, expect, body, extra="", raises=", raises=AssertionError"):
    return f'''
import pytest

@pytest.mark.claim("S10.1")
{extra}@pytest.mark.release("{where}", "{expect}"{raises if expect == "fails" else ""}, reason="it is so there")
def test_x():
    """A framework behaviour."""
    {body}
'''


def test_a_declared_failure_on_the_installed_release_is_differs_with_its_reason(pytester):
    result = _run(pytester, _claim("pytest>=1", "fails", "assert False"), "-rx")
    result.assert_outcomes(xfailed=1)
    result.stdout.fnmatch_lines([
        "  S10.1  A KERAS 3 FACT. A framework behaviour.",
        "         declared for pytest>=1: fails here, because it is so there",
        "DIFFERS ON THIS RELEASE (as declared)*on pytest>=1: it is so there",
    ])


def test_a_declared_failure_that_passes_fails_the_run(pytester):
    """Strict: a difference that stops being true is news, not silence."""
    result = _run(pytester, _claim("pytest>=1", "fails", "pass"))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*XPASS(strict)*on pytest>=1: it is so there*"])


def test_a_declared_failure_raising_something_else_is_a_failure(pytester):
    result = _run(pytester, _claim("pytest>=1", "fails", 'raise KeyError("a broken check")'))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["  S10.1  NOT JUDGED: A CHECK FAILED. A framework behaviour."])


def test_a_difference_for_another_release_changes_nothing(pytester):
    result = _run(pytester, _claim("pytest<1", "fails", "assert False"))
    result.assert_outcomes(failed=1)
    assert "declared for" not in result.stdout.str()


def _on_backend(backend):
    return _claim("pytest>=1", "fails", "assert False").replace(
        'reason="it is so there"', f'backend="{backend}", reason="it is so there"')


def test_a_backends_difference_applies_on_that_backend(pytester, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")  # the one backend every install can run
    result = _run(pytester, _on_backend("tensorflow"), "-rx")
    result.assert_outcomes(xfailed=1)
    result.stdout.fnmatch_lines(["*declared for pytest>=1 on tensorflow: fails here, because it is so*",
                                 "DIFFERS ON THIS RELEASE (as declared)*on pytest>=1 on tensorflow: it is so there"])


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_a_backends_difference_changes_nothing_on_another(pytester, monkeypatch, backend):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    result = _run(pytester, _on_backend(backend))
    result.assert_outcomes(failed=1)
    assert "fails here" not in result.stdout.str()


ERRATUM = '@pytest.mark.xfail(strict=True, raises=AssertionError, reason="wrong on new releases")\n'


def test_passes_lifts_an_erratum_on_the_release_where_the_article_held(pytester):
    result = _run(pytester, _claim("pytest>=1", "passes", "pass", extra=ERRATUM), "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*declared for pytest>=1: passes here, because it is so there",
                                 "*confirmed: the article's version: A framework behaviour."])


def test_elsewhere_the_erratum_stands(pytester):
    result = _run(pytester, _claim("pytest<1", "passes", "assert False", extra=ERRATUM), "-v")
    result.assert_outcomes(xfailed=1)
    result.stdout.fnmatch_lines(["*refuted: the article's version: A framework behaviour."])


@pytest.mark.parametrize("marker, message", [
    ('"keras <<< 3", "fails", raises=AssertionError, reason="r"', "'keras <<< 3' is not a requirement like 'keras<3'"),
    ('"keras<3", "breaks", reason="r"', "expect must be one of ('fails', 'passes'), got 'breaks'"),
    ('"keras<3", "fails", reason="r"', "an expected failure must name what it raises"),
    ('"keras<3", "fails", raises=AssertionError, reason=""', "say why the release differs"),
    ('"keras<3"', "missing 2 required positional arguments"),
    ('"pytest>=1", "passes", reason="r"', "'passes' on pytest>=1 needs an erratum (xfail)"),
    ('"keras>=3", "passes", backend="theano", reason="r"', "backend must be one of ('tensorflow', 'jax', 'torch')"),
], ids=["requirement", "outcome", "no-raises", "no-reason", "too-few", "passes-without-erratum", "backend"])
def test_a_malformed_release_marker_is_a_usage_error_naming_the_test(pytester, marker, message):
    source = f'import pytest\n@pytest.mark.claim("S10.1")\n@pytest.mark.release({marker})\ndef test_x(): pass\n'
    result = _run(pytester, source)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*test_x*{message}*"])
