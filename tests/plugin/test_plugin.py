"""The pytest plugin, driven through pytester as a user would drive it."""

import pytest

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "no:cacheprovider")


def _run(pytester, *args):
    return pytester.runpytest_subprocess(*PLUGINS, *args)


@pytest.mark.parametrize("args, message", [
    (["--seeds", "0"], "argument --seeds: expected a whole number >= 1, got 0"),
    (["--seeds", "abc"], "argument --seeds: expected a whole number >= 1, got 'abc'"),
    (["--seed-base", "-1"], "argument --seed-base: expected a whole number >= 0, got -1"),
    (["--seed-base", "1.5"], "argument --seed-base: expected a whole number >= 0, got '1.5'"),
], ids=["zero-seeds", "word", "negative-base", "fraction"])
def test_a_bad_option_is_a_usage_error_naming_it(pytester, args, message):
    pytester.makepyfile("def test_nothing(): pass")
    result = _run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{message}*"])


@pytest.mark.parametrize("args", [["--seed-base", "4294967295"], ["--seed-base", "4294967290", "--seeds", "7"]])
def test_seeds_beyond_what_keras_takes_are_a_usage_error(pytester, args):
    pytester.makepyfile("def test_nothing(): pass")
    result = _run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*Keras takes seeds 0 … 4294967295, so the base can be at most*"])


def test_the_last_seed_keras_takes_is_accepted(pytester):
    pytester.makepyfile("def test_seeds(seeds): assert seeds == [4294967294, 4294967295]")
    _run(pytester, "--seed-base", "4294967294", "--seeds", "2").assert_outcomes(passed=1)


def test_a_bad_ini_value_is_a_usage_error_naming_it(pytester):
    pytester.makeini("[pytest]\napprox_seeds = none\n")
    pytester.makepyfile("def test_nothing(): pass")
    result = _run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini option approx_seeds: expected a whole number >= 1, got 'none'*"])


@pytest.mark.parametrize("args, seeds", [([], [0, 1, 2, 3, 4]), (["--seeds", "3", "--seed-base", "100"], [100, 101, 102])])
def test_the_seeds_fixture_follows_the_options(pytester, args, seeds):
    pytester.makepyfile(f"def test_seeds(seeds): assert seeds == {seeds}")
    result = _run(pytester, *args)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"approx: statistical claims on {len(seeds)} seeds, {seeds[0]} … {seeds[-1]}"])


SPEC = '''
import pytest

@pytest.mark.claim("S1.2", cell="In [10]")
def test_ok(evidence):
    """The neuron finds w = 2.

    How it is checked.
    """
    evidence.number("w", 2.0000001, article="2.00000048")

@pytest.mark.claim("S1.1", cell="In [8]")
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="wrong")
def test_article_wrong():
    """The article's wrong version."""
    assert False

@pytest.mark.claim("S1.1", cell="In [8]", corrects=True)
def test_right():
    """The right version."""

@pytest.mark.claim("S2.1")
@pytest.mark.parametrize("n", [1, 2])
def test_broken(n):
    """A claim that fails."""
    assert n == 1
'''


def test_the_account_lists_every_claim_in_article_order_with_its_verdict(pytester):
    pytester.makepyfile(SPEC)
    result = _run(pytester, "-p", "xdist", "-n", "2")
    result.assert_outcomes(passed=3, xfailed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*the article, claim by claim (5 seeds: 0 … 4)*",
        "§1 The simplest network",
        "  S1.1   WRONG. The article (the N.B. before In [[]1[]]): the neuron's diagram*",
        "  S1.2   RIGHT. The article (In [[]10[]]–[[]13[]]): the simplest net approximates*",
        "         w = 2.0000001 (the article printed 2.00000048)",  # theirs exactly as printed
        "§2 More neurons",
        "  S2.1   NOT JUDGED: A CHECK FAILED. The article (the paragraph after In [[]65[]]):*",
        "bottom line: We checked the article's 3 claims. It is right on 1, wrong on 1*",
    ])
    section = result.stdout.str().split("claim by claim")[1].split("\nreport:")[0].splitlines()[1:]
    assert section and all(len(line) <= 80 for line in section)  # wrapped to the terminal's width


def test_a_malformed_claim_id_is_a_usage_error(pytester):
    pytester.makepyfile('import pytest\n@pytest.mark.claim("2.4")\ndef test_x(): pass\n')
    result = _run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*claim marker needs an id like 'S2.4', got '2.4'*"])


def test_a_run_over_directories_with_their_own_conftests_works(pytester):
    """pluggy hashes plugins when conftests differ between directories (a CI failure, once)."""
    for folder in ("one", "two"):
        pytester.mkpydir(folder)
        pytester.path.joinpath(folder, "conftest.py").write_text("import pytest\n")
        pytester.path.joinpath(folder, f"test_{folder}.py").write_text(
            'import pytest\n@pytest.mark.claim("S1.1")\ndef test_x():\n    """A claim."""\n')
    result = _run(pytester, "one", "two")
    result.assert_outcomes(passed=2)


def test_an_articles_claim_must_name_what_its_failure_raises(pytester):
    pytester.makepyfile('import pytest\n@pytest.mark.claim("S1.1")\n@pytest.mark.xfail(strict=True, reason="x")\n'
                        'def test_x():\n    """A claim."""\n    assert False\n')
    result = _run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*the xfail of an article's claim must name what its failure raises*"])


def test_an_error_elsewhere_is_a_failure_not_a_refutation(pytester):
    """The article's version failing its assertion is a refutation; a crash before it is not."""
    pytester.makepyfile('''
import pytest

@pytest.mark.claim("S1.1")
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="wrong")
def test_refuted():
    """The article's version."""
    assert False

@pytest.mark.claim("S1.2")
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="wrong")
def test_crashes():
    """The article's version, whose check crashes."""
    raise KeyError("a broken measure")
''')
    result = _run(pytester)
    result.assert_outcomes(xfailed=1, failed=1)
    result.stdout.fnmatch_lines(["  S1.1   WRONG.*", "  S1.2   NOT JUDGED: A CHECK FAILED.*"])
